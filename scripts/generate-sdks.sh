#!/usr/bin/env bash
# Regenerates what derives from the code for the provider plugin's users: schema.json (from provider/contracts/ and
# the SDK's doc comments, scripts/schema/generate-schema.ts), then the Go and Python SDKs in sdk/go and sdk/python
# (Pulumi's own code generators, scripts/sdkgen). `npm run generate`; tests/plugin/generated.test.ts fails when a
# committed file differs from what this writes.
set -euo pipefail
cd "$(dirname "$0")/.."
node_modules/.bin/tsc -p tsconfig.json >&2
node dist/scripts/schema/generate-schema.js
SDKGEN="$(bash scripts/ensure-sdkgen.sh | tail -n 1)"
"$SDKGEN" schema.json sdk
echo "wrote sdk/go and sdk/python"
