#!/bin/sh
# Queues a delivery of a campaign's signatures to its target, now.
#   CAMPAIGN=<slug> azd hooks run deliver
# Optional: MILESTONE=<id> (for example goal-2500) asks for that milestone instead of an on-demand delivery.
# azd passes its environment's values: API_URL (or SERVICE_API_URI) and API_APP_ID (or AZURE_API_APP_ID).
# ADMIN_TOKEN, if set, is used instead of asking azd (the local host's development token).
# Needs only sh, curl and sed. Prints the delivery id and its state; exits non-zero with a reason otherwise.
set -eu

fail() {
    echo "deliver: $*" >&2
    exit 1
}

[ -n "${CAMPAIGN:-}" ] || fail "set CAMPAIGN to the campaign's slug: CAMPAIGN=<slug> azd hooks run deliver"
case "$CAMPAIGN" in
    *[!a-z0-9-]*) fail "CAMPAIGN must be a slug (lower-case letters, digits and hyphens), not '$CAMPAIGN'" ;;
esac
api="${API_URL:-${SERVICE_API_URI:-}}"
[ -n "$api" ] || fail "API_URL (or SERVICE_API_URI) is not in the azd environment: run azd provision, or azd env set API_URL https://<app>.azurewebsites.net"
command -v curl >/dev/null 2>&1 || fail "curl is needed"

if [ -n "${ADMIN_TOKEN:-}" ]; then
    # Against the local host: ADMIN_TOKEN="$(cat .local/admin-token)" API_URL=http://localhost:7071 CAMPAIGN=<slug> sh infra/hooks/deliver.sh
    token=$ADMIN_TOKEN
else
    app_id="${API_APP_ID:-${AZURE_API_APP_ID:-}}"
    [ -n "$app_id" ] || fail "API_APP_ID (or AZURE_API_APP_ID) is not in the azd environment: the admin API's Entra ID application (client) id"
    command -v azd >/dev/null 2>&1 || fail "azd is needed on PATH"
    # azd's own sign-in gives the token: the signed-in user must hold Petitions.Deliver or Petitions.Admin.
    token_json=$(azd auth token --output json --scope "api://$app_id/.default") || fail "azd auth token failed: run azd auth login"
    token=$(printf '%s' "$token_json" | tr -d '\n' | sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
    [ -n "$token" ] || fail "azd auth token gave no token"
fi

api=${api%/}
case "$api" in
    */api) ;;
    *) api="$api/api" ;;
esac
url="$api/manage/campaigns/$CAMPAIGN/deliveries"
body=""
if [ -n "${MILESTONE:-}" ]; then
    case "$MILESTONE" in
        *[!a-zA-Z0-9-]*) fail "MILESTONE must be a milestone id such as goal-2500, not '$MILESTONE'" ;;
    esac
    body="{\"milestone\":\"$MILESTONE\"}"
fi

answer=$(mktemp)
trap 'rm -f "$answer"' EXIT
status=$(curl --silent --show-error --output "$answer" --write-out '%{http_code}' -X POST \
    -H "Authorization: Bearer $token" -H "Content-Type: application/json" -H "Accept: application/json" \
    --data "$body" "$url") || fail "could not reach $url"

field() {
    tr -d '\n' < "$answer" | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p"
}

case "$status" in
    200|202)
        id=$(field delivery_id)
        state=$(field state)
        [ -n "$id" ] || fail "HTTP $status but no delivery id in the answer: $(cat "$answer")"
        if [ "$status" = 202 ]; then echo "Delivery queued for $CAMPAIGN."; else echo "That milestone already has a delivery."; fi
        echo "delivery_id: $id"
        echo "state: $state"
        ;;
    401) fail "401: the token was not accepted (is API_APP_ID the admin API's app id? run azd auth login)" ;;
    403) fail "403: your account lacks the Petitions.Deliver or Petitions.Admin role on the admin API" ;;
    404) fail "404: there is no campaign '$CAMPAIGN'" ;;
    400) fail "400: $(field title) $(tr -d '\n' < "$answer" | sed -n 's/.*"milestone"[[:space:]]*:[[:space:]]*\["\([^"]*\)".*/\1/p')" ;;
    *) fail "HTTP $status from $url: $(cat "$answer")" ;;
esac
