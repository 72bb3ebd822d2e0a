#!/usr/bin/env bash
# `npm test`: set up from scratch if needed, then run every test tier (unit, simulator, client, provider, end to end
# through the real Pulumi engine) and, beside them, the lint (ESLint + Prettier, `npm run lint`). Extra arguments go to
# jest (e.g. `npm test -- tests/unit`) and skip the lint, which always checks the whole repository.
# `npm run test:quick` (`--quick`): the edit loop, jest's `quick` project: every tier but those that run the Pulumi
# engine (the `engine` project, jest.config.js); no lint, no Pulumi CLI needed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--quick" ]; then
  shift
  bash scripts/bootstrap.sh --no-pulumi >/dev/null
  exec node_modules/.bin/jest --selectProjects quick "$@"
fi
# The tests run on Node 22 (scripts/current-nodes.json), the oldest Node users run with the newest @pulumi/pulumi:
# Node 20 reached its end of life in April 2026, and stays covered by tests/compat/ (a user's project through the
# engine on Node 20, 22 and 24) and by `npm run test:quick`, which runs on the Node you have. Node 22 also keeps V8's
# compiled code on disk (NODE_COMPILE_CACHE, here for this run only): the engine tests start some 200 provider
# plugins and program hosts that load the same @pulumi/pulumi (CONTRIBUTING.md, "Why the newest @pulumi/pulumi").
node_22="$(node -p 'require("./scripts/current-nodes.json").find((v) => v.startsWith("22.")) ?? ""')"
[ -n "$node_22" ] || { echo "[test] scripts/current-nodes.json lists no Node 22: the tests run on it" >&2; exit 1; }
test_node="$(bash scripts/ensure-node.sh "$node_22")"
PATH="$(dirname "$test_node"):$PATH"
NODE_COMPILE_CACHE="$(mktemp -d -t node-compile-cache.XXXXXX)"
export PATH NODE_COMPILE_CACHE
lint_pid=
lint_log=
# On the way out (also when the build fails): no lint left running, no compile cache left behind.
trap '[ -z "$lint_pid" ] || kill "$lint_pid" 2>/dev/null || true; rm -rf "$NODE_COMPILE_CACHE"' EXIT
if [ "$#" -eq 0 ]; then
  # The lint runs beside the build and jest, at the lowest priority: it needs node_modules only, and its 45 s of CPU
  # fit where the rest leaves a core idle (the single-threaded build; the tests' waits on the engine). Its report
  # follows jest's; a failure fails the run, and the tests still run.
  bash scripts/bootstrap.sh --dependencies
  lint_log="$(mktemp -t lint.XXXXXX.log)"
  nice -n 19 npm run --silent lint >"$lint_log" 2>&1 &
  lint_pid=$!
fi
PULUMI_CLI="$(bash scripts/bootstrap.sh)"
export PULUMI_CLI
# The plugin's tests need Go builds (YAML host, SDK generator, Go program): build them before jest starts, side
# by side, so no test waits on a cold build (scripts/ensure-plugin-builds.sh; cached afterwards).
if [ "$#" -eq 0 ] || printf '%s\n' "$@" | grep -q 'plugin'; then bash scripts/ensure-plugin-builds.sh; fi
results="$(mktemp -t jest-results.XXXXXX.json)"
status=0
lint_failed=
node_modules/.bin/jest --json --outputFile="$results" "$@" || status=$?
if [ -n "$lint_pid" ]; then
  wait "$lint_pid" || lint_failed=1
  lint_pid=
  cat "$lint_log" >&2
  rm -f "$lint_log"
fi
if [ -n "$lint_failed" ]; then
  status=1
  echo "[test] lint failed (above): run \`npm run format\` to fix formatting and what ESLint can fix, then \`npm run lint\`; fix the rest by hand." >&2
fi
# One plain closing line that any CI reader understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" || true
rm -f "$results"
exit "$status"
