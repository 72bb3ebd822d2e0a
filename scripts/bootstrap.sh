#!/usr/bin/env bash
# Shared set-up for `npm test` and `npm run demo` on a fresh clone: installs node_modules from the lock file when
# missing or stale, compiles TypeScript to dist/, and makes the real Pulumi CLI available (built from its Go
# module on first use, then cached outside the repo). Prints the pulumi path on its last line.
# `--no-pulumi` skips the CLI (for the simulator alone); `--dependencies` stops after node_modules (what the lint needs:
# `npm test` starts it there, beside the build).
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
node_minor=$(node -p 'process.versions.node.split(".")[1]')
if [ "$node_major" -lt 20 ] || { [ "$node_major" -eq 20 ] && [ "$node_minor" -lt 19 ]; }; then
  echo "[bootstrap] Node.js >= 20.19 is required (found $(node --version)): it loads the ESM-only @octokit packages natively." >&2
  exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[bootstrap] installing dependencies (npm ci)" >&2
  # --prefer-offline: the lock file pins every version, so a cached package is used without asking the registry again.
  npm ci --no-audit --no-fund --prefer-offline --loglevel=error >&2
fi

# The root program and the examples import this package by name, as a user's program does: let
# node_modules/pulumi-github-packages resolve to this repository (`npm ci` removes the link; recreate it).
if [ ! -e node_modules/pulumi-github-packages ]; then
  ln -s .. node_modules/pulumi-github-packages
fi

if [ "${1:-}" = "--dependencies" ]; then exit 0; fi

echo "[bootstrap] compiling TypeScript" >&2
node_modules/.bin/tsc -p tsconfig.json >&2

if [ "${1:-}" != "--no-pulumi" ]; then
  bash scripts/ensure-pulumi.sh | tail -n 1
fi
