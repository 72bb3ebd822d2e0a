#!/usr/bin/env bash
# `npm run demo`: set up from a fresh clone if needed (dependencies, build, the Pulumi CLI), then run the root
# program through the real Pulumi engine against the bundled GitHub Packages simulator. Arguments go to the
# demo (`--verbose`: also print the engine's own output; `--keep`: keep the state and logs).
set -euo pipefail
cd "$(dirname "$0")/.."
PULUMI_CLI="$(bash scripts/bootstrap.sh)"
export PULUMI_CLI
exec node dist/scripts/demo/run-demo.js "$@"
