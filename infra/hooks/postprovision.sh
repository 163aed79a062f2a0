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
