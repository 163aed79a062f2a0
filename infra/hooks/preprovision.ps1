# azd preprovision hook (PowerShell 7), the Windows twin of preprovision.sh; see that file for what
# it does and why. Idempotent: keys are generated once per azd environment and never replaced, except
# the encryption key when PETITIONS_ENCRYPTION_KEY_ID is changed (rotation); once the postprovision hook
# has put them in Key Vault (PETITIONS_KEYS_IN_VAULT=true) they pass empty and the vault keeps them.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Write-Log([string] $message) { [Console]::Error.WriteLine("preprovision: $message") }

function Get-EnvValue([string] $name) {
    $value = [Environment]::GetEnvironmentVariable($name)
    if ([string]::IsNullOrEmpty($value)) {
        $value = (& azd env get-value $name 2>$null) -join ''
        if ($LASTEXITCODE -ne 0 -or $value -match '^ERROR' -or $value -match 'not found') { $value = '' }
    }
    return $value
}

function Set-EnvValue([string] $name, [string] $value) {
    & azd env set $name $value | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "azd env set $name failed" }
    [Environment]::SetEnvironmentVariable($name, $value)
}

function New-RandomKey {
    $bytes = [byte[]]::new(32)
    [Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
    return [Convert]::ToBase64String($bytes)
}

$inVault = (Get-EnvValue 'PETITIONS_KEYS_IN_VAULT') -eq 'true'

function Confirm-Key([string] $name) {
    if (-not [string]::IsNullOrEmpty((Get-EnvValue $name))) { return }
    if ($inVault) { Set-EnvValue $name '' }
    else {
        Set-EnvValue $name (New-RandomKey)
        Write-Log "generated $name (written to Key Vault by this provision, then cleared from this environment)"
    }
}

# --- 1. Keys ------------------------------------------------------------------------------------
Confirm-Key 'PETITIONS_DEDUPE_KEY'
Confirm-Key 'PETITIONS_LINK_KEY'

$keyId = Get-EnvValue 'PETITIONS_ENCRYPTION_KEY_ID'
if ([string]::IsNullOrEmpty($keyId)) {
    $keyId = 'k1'
    Set-EnvValue 'PETITIONS_ENCRYPTION_KEY_ID' $keyId
}
if ($keyId -notmatch '^[A-Za-z0-9]+$') {
    Write-Log "PETITIONS_ENCRYPTION_KEY_ID must be letters and digits only, not '$keyId'"
    exit 1
}

# --- 2. Encryption key, and its rotation --------------------------------------------------------
$keyFor = Get-EnvValue 'PETITIONS_ENCRYPTION_KEY_FOR_ID'
if ([string]::IsNullOrEmpty((Get-EnvValue 'PETITIONS_ENCRYPTION_KEY')) -and -not $inVault) {
    Set-EnvValue 'PETITIONS_ENCRYPTION_KEY' (New-RandomKey)
    Set-EnvValue 'PETITIONS_ENCRYPTION_KEY_FOR_ID' $keyId
    Write-Log "generated PETITIONS_ENCRYPTION_KEY for key id '$keyId'"
}
elseif ([string]::IsNullOrEmpty($keyFor)) {
    Set-EnvValue 'PETITIONS_ENCRYPTION_KEY_FOR_ID' $keyId
}
elseif ($keyFor -ne $keyId) {
    $retired = @((Get-EnvValue 'PETITIONS_RETIRED_ENCRYPTION_KEY_IDS') -split ',' | Where-Object { $_ })
    if ($retired -notcontains $keyFor) { $retired += $keyFor }
    Set-EnvValue 'PETITIONS_RETIRED_ENCRYPTION_KEY_IDS' ($retired -join ',')
    Set-EnvValue 'PETITIONS_ENCRYPTION_KEY' (New-RandomKey)
    Set-EnvValue 'PETITIONS_ENCRYPTION_KEY_FOR_ID' $keyId
    Write-Log "rotated the encryption key: new rows use '$keyId'; '$keyFor' is retired but still read (its secret stays in Key Vault)"
}
if ([string]::IsNullOrEmpty((Get-EnvValue 'PETITIONS_ENCRYPTION_KEY'))) {
    Set-EnvValue 'PETITIONS_ENCRYPTION_KEY' ''
}
if ([string]::IsNullOrEmpty((Get-EnvValue 'PETITIONS_RETIRED_ENCRYPTION_KEY_IDS'))) {
    Set-EnvValue 'PETITIONS_RETIRED_ENCRYPTION_KEY_IDS' ''
}

# --- 3. The admin API's Entra ID app registration -------------------------------------------------
if (-not [string]::IsNullOrEmpty((Get-EnvValue 'API_APP_ID'))) { exit 0 }
if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    Write-Log "API_APP_ID is not set and the Azure CLI (az) is not installed. Install it and run 'az login',"
    Write-Log "or create the app registration yourself (docs/deploy.md) and run: azd env set API_APP_ID <application id>"
    exit 1
}

function Invoke-Az {
    $output = & az @args
    if ($LASTEXITCODE -ne 0) { throw "az $($args -join ' ') failed" }
    return $output
}

$envName = Get-EnvValue 'AZURE_ENV_NAME'
if ([string]::IsNullOrEmpty($envName)) { $envName = 'default' }
$displayName = "petition-functions-api-$envName"
$appId = (& az ad app list --display-name $displayName --query '[0].appId' -o tsv 2>$null) -join ''

if (-not [string]::IsNullOrEmpty($appId)) {
    Write-Log "found the existing app registration '$displayName' ($appId)"
}
else {
    $roles = @(
        @{ value = 'Petitions.Admin'; displayName = 'Petitions admin'; description = 'Manage campaigns and signatures.' },
        @{ value = 'Petitions.Deliver'; displayName = 'Petitions delivery'; description = 'Send deliveries to campaign targets.' },
        @{ value = 'Petitions.Stories'; displayName = 'Petitions stories'; description = 'Read and moderate stories.' }
    ) | ForEach-Object {
        $_ + @{ allowedMemberTypes = @('User', 'Application'); isEnabled = $true; id = [guid]::NewGuid().ToString() }
    }
    $rolesFile = New-TemporaryFile
    try {
        ConvertTo-Json -InputObject @($roles) -Depth 5 | Set-Content -Path $rolesFile -Encoding utf8
        $appId = (Invoke-Az ad app create --display-name $displayName --sign-in-audience AzureADMyOrg `
                --app-roles "@$rolesFile" --query appId -o tsv) -join ''
    }
    finally { Remove-Item $rolesFile -ErrorAction SilentlyContinue }
    Write-Log "created the app registration '$displayName' ($appId)"
}

Invoke-Az ad app update --id $appId --identifier-uris "api://$appId" | Out-Null
$objectId = (Invoke-Az ad app show --id $appId --query id -o tsv) -join ''
$scopeId = (& az ad app show --id $appId --query "api.oauth2PermissionScopes[?value=='user_impersonation'].id | [0]" -o tsv 2>$null) -join ''
$graphUri = "https://graph.microsoft.com/v1.0/applications/$objectId"

function Update-Application([hashtable] $body) {
    $file = New-TemporaryFile
    try {
        ConvertTo-Json -InputObject $body -Depth 10 | Set-Content -Path $file -Encoding utf8
        Invoke-Az rest --method PATCH --uri $graphUri --headers 'Content-Type=application/json' --body "@$file" | Out-Null
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

if ([string]::IsNullOrEmpty($scopeId)) {
    $scopeId = [guid]::NewGuid().ToString()
    Update-Application @{ api = @{ requestedAccessTokenVersion = 2; oauth2PermissionScopes = @(@{
                    id = $scopeId; value = 'user_impersonation'; type = 'User'; isEnabled = $true
                    adminConsentDisplayName = 'Use the petitions admin API'
                    adminConsentDescription = 'Call the petitions admin API as the signed-in user.'
                    userConsentDisplayName = 'Use the petitions admin API'
                    userConsentDescription = 'Call the petitions admin API as you.'
                }) } }
}
# Pre-authorise the Azure CLI, so: az account get-access-token --scope api://<API_APP_ID>/user_impersonation
Update-Application @{ api = @{ requestedAccessTokenVersion = 2; preAuthorizedApplications = @(@{
                appId = '04b07795-8ddb-461a-bbee-02f9e1bf7b46'; delegatedPermissionIds = @($scopeId)
            }) } }

if ([string]::IsNullOrEmpty(((& az ad sp show --id $appId --query id -o tsv 2>$null) -join ''))) {
    Invoke-Az ad sp create --id $appId | Out-Null
}

Set-EnvValue 'API_APP_ID' $appId
Write-Log "API_APP_ID=$appId. Assign the app roles to your admins: docs/deploy.md, 'Who is an admin'."
