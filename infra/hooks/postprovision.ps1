# azd postprovision hook (PowerShell 7), the Windows twin of postprovision.sh: the keys are in Key Vault,
# so their plaintext copies in the azd environment are cleared and the preprovision hook never makes them again.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

foreach ($key in 'PETITIONS_DEDUPE_KEY', 'PETITIONS_LINK_KEY', 'PETITIONS_ENCRYPTION_KEY') {
    & azd env set $key '' | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "azd env set $key failed" }
}
& azd env set PETITIONS_KEYS_IN_VAULT true | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'azd env set PETITIONS_KEYS_IN_VAULT failed' }
[Console]::Error.WriteLine('postprovision: the keys are in Key Vault; their copies in this azd environment were cleared')
