#!/bin/sh
# azd preprovision hook (POSIX sh). Runs before every `azd provision` / `azd up` and is idempotent:
#  1. Generates the app's keys ONCE per azd environment (azd env set), only when absent, for Bicep
#     (main.parameters.json) to write to Key Vault. Once they are there, the postprovision hook clears
#     them from the environment and sets PETITIONS_KEYS_IN_VAULT=true; from then on they are never made
#     again and pass empty, which leaves the vault's secrets as they are. A new dedupe key would break
#     dedupe, a new link key would void the links already emailed, and a lost encryption key would make
#     stored personal data unreadable.
#  2. Rotates the encryption key when PETITIONS_ENCRYPTION_KEY_ID is changed: the old id is kept as
#     retired (its secret stays in Key Vault, so old rows can still be read) and a new key is made.
#  3. Creates the admin API's Entra ID app registration (app roles Petitions.Admin, Petitions.Deliver,
#     Petitions.Stories) with the Azure CLI when API_APP_ID is not set, and sets API_APP_ID.
# azd passes the environment's values to hooks as environment variables.
set -eu

log() { printf 'preprovision: %s\n' "$*" >&2; }

# The value of an azd environment key: from the hook's environment, else from azd itself.
env_value() {
  eval "current=\${$1:-}"
  if [ -z "$current" ]; then
    current=$(azd env get-value "$1" 2>/dev/null || true)
    case "$current" in ERROR*|*"not found"*) current= ;; esac
  fi
  printf '%s' "$current"
}

set_value() {
  azd env set "$1" "$2" >/dev/null
  export "$1=$2"
}

random_key() {
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -base64 32
  else
    head -c 32 /dev/urandom | base64 | tr -d '\n'
  fi
}

new_uuid() {
  if [ -r /proc/sys/kernel/random/uuid ]; then cat /proc/sys/kernel/random/uuid
  elif command -v uuidgen >/dev/null 2>&1; then uuidgen | tr 'A-F' 'a-f'
  else
    hex=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s-%s-4%s-a%s-%s\n' "$(echo "$hex" | cut -c1-8)" "$(echo "$hex" | cut -c9-12)" \
      "$(echo "$hex" | cut -c14-16)" "$(echo "$hex" | cut -c18-20)" "$(echo "$hex" | cut -c21-32)"
  fi
}

in_vault=$(env_value PETITIONS_KEYS_IN_VAULT)

ensure_key() {
  if [ -n "$(env_value "$1")" ]; then return; fi
  if [ "$in_vault" = true ]; then
    # Present and empty, so main.parameters.json substitutes "" (keep the vault's secret) rather than prompting.
    set_value "$1" ""
  else
    set_value "$1" "$(random_key)"
    log "generated $1 (written to Key Vault by this provision, then cleared from this environment)"
  fi
}

# --- 1. Keys ------------------------------------------------------------------------------------
ensure_key PETITIONS_DEDUPE_KEY
ensure_key PETITIONS_LINK_KEY

key_id=$(env_value PETITIONS_ENCRYPTION_KEY_ID)
if [ -z "$key_id" ]; then
  key_id=k1
  set_value PETITIONS_ENCRYPTION_KEY_ID "$key_id"
fi
case "$key_id" in
  *[!A-Za-z0-9]*) log "PETITIONS_ENCRYPTION_KEY_ID must be letters and digits only, not '$key_id'"; exit 1 ;;
esac

# --- 2. Encryption key, and its rotation --------------------------------------------------------
key_for=$(env_value PETITIONS_ENCRYPTION_KEY_FOR_ID)
if [ -z "$(env_value PETITIONS_ENCRYPTION_KEY)" ] && [ "$in_vault" != true ]; then
  set_value PETITIONS_ENCRYPTION_KEY "$(random_key)"
  set_value PETITIONS_ENCRYPTION_KEY_FOR_ID "$key_id"
  log "generated PETITIONS_ENCRYPTION_KEY for key id '$key_id'"
elif [ -z "$key_for" ]; then
  set_value PETITIONS_ENCRYPTION_KEY_FOR_ID "$key_id"
elif [ "$key_for" != "$key_id" ]; then
  retired=$(env_value PETITIONS_RETIRED_ENCRYPTION_KEY_IDS)
  case ",$retired," in
    *",$key_for,"*) ;;
    *) retired=${retired:+$retired,}$key_for ;;
  esac
  set_value PETITIONS_RETIRED_ENCRYPTION_KEY_IDS "$retired"
  set_value PETITIONS_ENCRYPTION_KEY "$(random_key)"
  set_value PETITIONS_ENCRYPTION_KEY_FOR_ID "$key_id"
  log "rotated the encryption key: new rows use '$key_id'; '$key_for' is retired but still read (its secret stays in Key Vault)"
fi
if [ -z "$(env_value PETITIONS_ENCRYPTION_KEY)" ]; then
  set_value PETITIONS_ENCRYPTION_KEY ""
fi
if [ -z "$(env_value PETITIONS_RETIRED_ENCRYPTION_KEY_IDS)" ]; then
  # Always present, so main.parameters.json substitutes an empty string rather than prompting.
  set_value PETITIONS_RETIRED_ENCRYPTION_KEY_IDS ""
fi

# --- 3. The admin API's Entra ID app registration -------------------------------------------------
if [ -n "$(env_value API_APP_ID)" ]; then
  exit 0
fi
if ! command -v az >/dev/null 2>&1; then
  log "API_APP_ID is not set and the Azure CLI (az) is not installed. Install it and run 'az login',"
  log "or create the app registration yourself (docs/deploy.md) and run: azd env set API_APP_ID <application id>"
  exit 1
fi

env_name=$(env_value AZURE_ENV_NAME)
display_name="petition-functions-api-${env_name:-default}"
app_id=$(az ad app list --display-name "$display_name" --query "[0].appId" -o tsv 2>/dev/null || true)

if [ -n "$app_id" ]; then
  log "found the existing app registration '$display_name' ($app_id)"
else
  roles_file=$(mktemp)
  trap 'rm -f "$roles_file"' EXIT
  cat >"$roles_file" <<JSON
[
  {"allowedMemberTypes": ["User", "Application"], "isEnabled": true, "id": "$(new_uuid)",
   "value": "Petitions.Admin", "displayName": "Petitions admin",
   "description": "Manage campaigns and signatures."},
  {"allowedMemberTypes": ["User", "Application"], "isEnabled": true, "id": "$(new_uuid)",
   "value": "Petitions.Deliver", "displayName": "Petitions delivery",
   "description": "Send deliveries to campaign targets."},
  {"allowedMemberTypes": ["User", "Application"], "isEnabled": true, "id": "$(new_uuid)",
   "value": "Petitions.Stories", "displayName": "Petitions stories",
   "description": "Read and moderate stories."}
]
JSON
  app_id=$(az ad app create --display-name "$display_name" --sign-in-audience AzureADMyOrg \
    --app-roles "@$roles_file" --query appId -o tsv)
  log "created the app registration '$display_name' ($app_id)"
fi

# Identifier URI, v2 access tokens (audience = the application id), and one delegated scope that the
# Azure CLI is pre-authorised for, so an admin can get a token with:
#   az account get-access-token --scope api://<API_APP_ID>/user_impersonation
az ad app update --id "$app_id" --identifier-uris "api://$app_id"
object_id=$(az ad app show --id "$app_id" --query id -o tsv)
scope_id=$(az ad app show --id "$app_id" --query "api.oauth2PermissionScopes[?value=='user_impersonation'].id | [0]" -o tsv 2>/dev/null || true)
if [ -z "$scope_id" ]; then
  scope_id=$(new_uuid)
  az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$object_id" \
    --headers "Content-Type=application/json" --body "{\"api\": {\"requestedAccessTokenVersion\": 2,
      \"oauth2PermissionScopes\": [{\"id\": \"$scope_id\", \"value\": \"user_impersonation\", \"type\": \"User\", \"isEnabled\": true,
        \"adminConsentDisplayName\": \"Use the petitions admin API\", \"adminConsentDescription\": \"Call the petitions admin API as the signed-in user.\",
        \"userConsentDisplayName\": \"Use the petitions admin API\", \"userConsentDescription\": \"Call the petitions admin API as you.\"}]}}"
fi
az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$object_id" \
  --headers "Content-Type=application/json" --body "{\"api\": {\"requestedAccessTokenVersion\": 2,
    \"preAuthorizedApplications\": [{\"appId\": \"04b07795-8ddb-461a-bbee-02f9e1bf7b46\", \"delegatedPermissionIds\": [\"$scope_id\"]}]}}"

# The service principal ("enterprise application") is where admins are assigned the app roles.
if [ -z "$(az ad sp show --id "$app_id" --query id -o tsv 2>/dev/null || true)" ]; then
  az ad sp create --id "$app_id" >/dev/null
fi

set_value API_APP_ID "$app_id"
log "API_APP_ID=$app_id. Assign the app roles to your admins: docs/deploy.md, 'Who is an admin'."
