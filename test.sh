#!/usr/bin/env bash
# Runs every test: unit tests of the rules, integration tests against a real Azurite (installed
# from package.json with npm on first use) and the stand-in host over real HTTP, and the end-to-end
# tier on the real Azure Functions host as well as on the stand-in. Ends with a line
# "N passed, N failed" taken from the test results.
set -uo pipefail
cd "$(dirname "$0")"

# What a fresh Debian machine lacks: Node.js and npm (for Azurite), Python 3 (the partner sync example
# the tests run) and Chromium (for the browser test of the embeddable form). Installed from Debian's packages when missing; never downloaded.
missing=()
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
command -v python3 >/dev/null || missing+=(python3)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || exit 1
  else
    echo "Install first: sudo apt-get install ${missing[*]}" >&2; exit 1
  fi
fi
{ [ -f node_modules/azurite/dist/src/azurite.js ] && [ -f node_modules/axe-core/axe.min.js ] && [ -f node_modules/@azure/msal-browser/package.json ] && [ -x node_modules/.bin/esbuild ]; } || npm ci --no-audit --no-fund

# The real Functions host: FUNCTIONS_HOST if set, else Core Tools' func, else the host build beside the
# project (../shared/functions-host) where there is one. Without any, the real-host tests are skipped.
if [ -z "${FUNCTIONS_HOST:-}" ] && ! command -v func >/dev/null && [ -x ../shared/functions-host/functions-host ]; then
  FUNCTIONS_HOST=$(cd ../shared/functions-host && pwd)/functions-host
  export FUNCTIONS_HOST
fi

results=$(mktemp -d)
dotnet test PetitionFunctions.sln --logger trx --results-directory "$results" "$@"
status=$?

passed=0; failed=0; real_passed=0; real_failed=0; real_skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
  failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
  # The end-to-end classes bound to the real host are named ...OnRealHost.
  real=$(grep -o '<UnitTestResult [^>]*testName="[^"]*OnRealHost[^"]*"[^>]*>' "$trx" | grep -o 'outcome="[A-Za-z]*"' || true)
  real_passed=$((real_passed + $(grep -c '"Passed"' <<<"$real" || true)))
  real_failed=$((real_failed + $(grep -c '"Failed"' <<<"$real" || true)))
  real_skipped=$((real_skipped + $(grep -c '"NotExecuted"' <<<"$real" || true)))
done
rm -rf "$results"
if [ $((real_passed + real_failed)) -gt 0 ]; then
  echo "real host (${FUNCTIONS_HOST:-func}): $real_passed passed, $real_failed failed"
else
  echo "real host: skipped, no Functions host found ($real_skipped tests not run; set FUNCTIONS_HOST or install Core Tools)"
fi
echo "$passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
exit "$status"
