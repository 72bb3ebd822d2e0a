#!/usr/bin/env bash
# Mutation testing of the planner (CONTRIBUTING.md, "Mutation testing"): `npm run test:mutation`, or one file while
# iterating: `npm run test:mutation -- --mutate provider/planner/holds.ts`. Not part of `npm test`.
# StrykerJS 10 needs Node >= 22: it runs on the Node the compatibility tests use (scripts/ensure-node.sh, from the npm
# registry). Property tests run PLANNER_PROPERTY_RUNS times per mutant (default here 25; `npm test` runs each test's own
# default, 150 to 400).
set -euo pipefail
cd "$(dirname "$0")/.."
NODE="$(bash scripts/ensure-node.sh 24.22.3 | tail -n 1)"
export PATH="$(dirname "$NODE"):$PATH"
export PLANNER_PROPERTY_RUNS="${PLANNER_PROPERTY_RUNS:-25}"
exec node node_modules/@stryker-mutator/core/bin/stryker.js run "$@"
