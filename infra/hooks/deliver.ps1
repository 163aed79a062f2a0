# Queues a delivery of a campaign's signatures to its target, now.
#   $env:CAMPAIGN = '<slug>'; azd hooks run deliver
# Optional: $env:MILESTONE (for example goal-2500) asks for that milestone instead of an on-demand delivery.
# azd passes its environment's values: API_URL (or SERVICE_API_URI) and API_APP_ID (or AZURE_API_APP_ID).
# $env:ADMIN_TOKEN, if set, is used instead of asking azd (the local host's development token).
# Prints the delivery id and its state; exits non-zero with a reason otherwise.
$ErrorActionPreference = 'Stop'

function Fail([string] $message) {
    [Console]::Error.WriteLine("deliver: $message")
    exit 1
}

$campaign = $env:CAMPAIGN
if (-not $campaign) { Fail "set CAMPAIGN to the campaign's slug: `$env:CAMPAIGN='<slug>'; azd hooks run deliver" }
if ($campaign -cnotmatch '^[a-z0-9-]+$') { Fail "CAMPAIGN must be a slug (lower-case letters, digits and hyphens), not '$campaign'" }
$api = if ($env:API_URL) { $env:API_URL } else { $env:SERVICE_API_URI }
if (-not $api) { Fail 'API_URL (or SERVICE_API_URI) is not in the azd environment: run azd provision, or azd env set API_URL https://<app>.azurewebsites.net' }
if ($env:ADMIN_TOKEN) {
    # Against the local host: $env:ADMIN_TOKEN = Get-Content .local/admin-token
    $token = $env:ADMIN_TOKEN
} else {
    $appId = if ($env:API_APP_ID) { $env:API_APP_ID } else { $env:AZURE_API_APP_ID }
    if (-not $appId) { Fail "API_APP_ID (or AZURE_API_APP_ID) is not in the azd environment: the admin API's Entra ID application (client) id" }
    $tokenJson = & azd auth token --output json --scope "api://$appId/.default"
    if ($LASTEXITCODE -ne 0) { Fail 'azd auth token failed: run azd auth login' }
    $token = ($tokenJson | Out-String | ConvertFrom-Json).token
    if (-not $token) { Fail 'azd auth token gave no token' }
}

$api = $api.TrimEnd('/')
if (-not $api.EndsWith('/api')) { $api = "$api/api" }
$url = "$api/manage/campaigns/$campaign/deliveries"
$body = if ($env:MILESTONE) { @{ milestone = $env:MILESTONE } | ConvertTo-Json -Compress } else { '' }

$response = Invoke-WebRequest -Method Post -Uri $url -Body $body -ContentType 'application/json' -SkipHttpErrorCheck `
    -Headers @{ Authorization = "Bearer $token"; Accept = 'application/json' }
$status = [int] $response.StatusCode
switch ($status) {
    { $_ -in 200, 202 } {
        $answer = $response.Content | ConvertFrom-Json
        if (-not $answer.delivery_id) { Fail "HTTP $status but no delivery id in the answer: $($response.Content)" }
        if ($status -eq 202) { "Delivery queued for $campaign." } else { 'That milestone already has a delivery.' }
        "delivery_id: $($answer.delivery_id)"
        "state: $($answer.state)"
    }
    401 { Fail "401: the token was not accepted (is API_APP_ID the admin API's app id? run azd auth login)" }
    403 { Fail '403: your account lacks the Petitions.Deliver or Petitions.Admin role on the admin API' }
    404 { Fail "404: there is no campaign '$campaign'" }
    400 { Fail "400: $($response.Content)" }
    default { Fail "HTTP $status from ${url}: $($response.Content)" }
}
