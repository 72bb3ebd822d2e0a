#!/usr/bin/env bash
# `npm test`: set up from scratch if needed, then run every test tier (unit, simulator, client, provider, end to
# end through the real Pulumi engine). Extra arguments go to jest (e.g. `npm test -- tests/unit`).
set -euo pipefail
cd "$(dirname "$0")/.."
PULUMI_CLI="$(bash scripts/bootstrap.sh)"
export PULUMI_CLI
results="$(mktemp -t jest-results.XXXXXX.json)"
status=0
node_modules/.bin/jest --json --outputFile="$results" "$@" || status=$?
# One plain closing line that any CI reader understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" || true
rm -f "$results"
exit "$status"
