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

# The admin console signs in with the API's own app registration (the Bicep sets Console__ClientId), so its
# page must be one of that registration's single-page-application redirect URIs. Added once, others kept.
# Not being able to add it does not fail the provision: admins can paste a token until it is added by hand.
$apiUrl = if ($env:API_URL) { $env:API_URL } else { $env:SERVICE_API_URI }
if ($apiUrl -and $env:API_APP_ID) {
    $console = $apiUrl.TrimEnd('/') + '/api/console'
    $manual = "postprovision: add $console as a single-page application redirect URI of the app registration $($env:API_APP_ID) (docs/deploy.md)"
    if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine($manual)
        exit 0
    }
    $existing = @(& az ad app show --id $env:API_APP_ID --query 'spa.redirectUris' -o tsv 2>$null | Where-Object { $_ })
    if ($existing -contains $console) { exit 0 }
    $objectId = & az ad app show --id $env:API_APP_ID --query id -o tsv 2>$null
    $body = @{ spa = @{ redirectUris = @($existing + $console) } } | ConvertTo-Json -Depth 3 -Compress
    $bodyFile = New-TemporaryFile
    try {
        Set-Content -Path $bodyFile -Value $body -Encoding utf8NoBOM
        if ($objectId) { & az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$objectId" --headers 'Content-Type=application/json' --body "@$bodyFile" | Out-Null }
        if ($objectId -and $LASTEXITCODE -eq 0) { [Console]::Error.WriteLine("postprovision: the admin console ($console) signs in with Entra ID") }
        else { [Console]::Error.WriteLine($manual) }
    }
    finally { Remove-Item $bodyFile -ErrorAction SilentlyContinue }
}
