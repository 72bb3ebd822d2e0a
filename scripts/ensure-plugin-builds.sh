#!/usr/bin/env bash
# What the provider plugin's tests (tests/plugin/) build from Go modules, built at once and cached in
# ~/.cache/pulumi-github-packages/ beside the CLI: the YAML language host, the SDK generator and the Go test
# program. Cold, on 2 busy cores: 10-20 minutes together (mostly module downloads, run side by side); cached: instant.
set -euo pipefail
cd "$(dirname "$0")/.."
pids=()
for script in ensure-language-yaml.sh ensure-sdkgen.sh ensure-go-program.sh; do
  bash "scripts/$script" >/dev/null &
  pids+=("$!")
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit "$status"
