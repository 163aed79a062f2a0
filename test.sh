#!/usr/bin/env bash
# Runs every test: unit tests of the rules, and integration tests against a real Azurite (installed
# from package.json with npm on first use) and the local host over real HTTP. Ends with a line
# "N passed, N failed" taken from the test results.
set -uo pipefail
cd "$(dirname "$0")"

# What a fresh Debian machine lacks: Node.js and npm (for Azurite), and Chromium (for the browser
# test of the embeddable form). Installed from Debian's packages when missing; never downloaded.
missing=()
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || exit 1
  else
    echo "Install first: sudo apt-get install ${missing[*]}" >&2; exit 1
  fi
fi
[ -f node_modules/azurite/dist/src/azurite.js ] || npm ci --no-audit --no-fund

results=$(mktemp -d)
dotnet test PetitionFunctions.sln --logger trx --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
  failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
done
rm -rf "$results"
echo "$passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
exit "$status"
