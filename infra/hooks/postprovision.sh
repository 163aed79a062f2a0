#!/bin/sh
# azd postprovision hook (POSIX sh). Runs after a provision succeeded, so the app's keys are in Key Vault:
# their copies in the azd environment (.azure/<env>/.env, plaintext on this machine) are cleared and
# PETITIONS_KEYS_IN_VAULT=true tells the preprovision hook never to make them again. Key Vault is now
# their only home (soft delete and purge protection keep them from being lost to a mistake).
set -eu

for key in PETITIONS_DEDUPE_KEY PETITIONS_LINK_KEY PETITIONS_ENCRYPTION_KEY; do
  azd env set "$key" "" >/dev/null
done
azd env set PETITIONS_KEYS_IN_VAULT true >/dev/null
printf 'postprovision: the keys are in Key Vault; their copies in this azd environment were cleared\n' >&2

# The admin console signs in with the API's own app registration (the Bicep sets Console__ClientId), so its
# page must be one of that registration's single-page-application redirect URIs. Added once, others kept.
# Not being able to add it does not fail the provision: admins can paste a token until it is added by hand.
api_url=${API_URL:-${SERVICE_API_URI:-}}
if [ -n "$api_url" ] && [ -n "${API_APP_ID:-}" ]; then
  console="${api_url%/}/api/console"
  manual="postprovision: add $console as a single-page application redirect URI of the app registration $API_APP_ID (docs/deploy.md)"
  if ! command -v az >/dev/null 2>&1; then
    printf '%s\n' "$manual" >&2
    exit 0
  fi
  existing=$(az ad app show --id "$API_APP_ID" --query "spa.redirectUris" -o tsv 2>/dev/null || true)
  if printf '%s\n' "$existing" | grep -Fxq "$console"; then
    exit 0
  fi
  object_id=$(az ad app show --id "$API_APP_ID" --query id -o tsv 2>/dev/null || true)
  uris=$(printf '%s\n%s\n' "$existing" "$console" | sed '/^$/d; s/.*/"&"/' | paste -sd, -)
  if [ -n "$object_id" ] && az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$object_id" \
      --headers "Content-Type=application/json" --body "{\"spa\": {\"redirectUris\": [$uris]}}" >/dev/null; then
    printf 'postprovision: the admin console (%s) signs in with Entra ID\n' "$console" >&2
  else
    printf '%s\n' "$manual" >&2
  fi
fi
