#!/usr/bin/env bash
# Makes a given Node.js version available and prints the absolute path of its `node` binary on the last line.
# Usage: bash scripts/ensure-node.sh 24.22.3
#
# Used by `npm test`, which runs on Node 22 (scripts/test.sh), and by the SDK compatibility run (tests/compat/), which
# runs a user's project on Node 20, 22 and 24. The binary comes from the npm registry (the `node-<os>-<arch>` packages ship Node's
# official `bin/node`; npm checks the registry's integrity hash), so nothing but the npm registry is needed.
#
# 1. `node` on PATH at exactly that version: use it.
# 2. A binary already in the cache: use it.
# 3. Otherwise `npm pack node-<os>-<arch>@<version>` and unpack its bin/node into the cache (about 30 MB, once).
#
# The cache lives outside the repository, beside the Pulumi CLI's (scripts/ensure-pulumi.sh):
# $PULUMI_GH_PACKAGES_CACHE, else $XDG_CACHE_HOME/pulumi-github-packages, else ~/.cache/pulumi-github-packages.
set -euo pipefail

VERSION="${1:?usage: ensure-node.sh <version, e.g. 24.22.3>}"
VERSION="${VERSION#v}"
CACHE_ROOT="${PULUMI_GH_PACKAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-github-packages}"
DEST_DIR="$CACHE_ROOT/node/v$VERSION"
DEST="$DEST_DIR/bin/node"

log() { echo "[ensure-node] $*" >&2; }
version_of() { "$1" --version 2>/dev/null | tr -d '\r' || true; }

candidate="$(command -v node || true)"
if [ -n "$candidate" ] && [ "$(version_of "$candidate")" = "v$VERSION" ]; then
  log "using $candidate (v$VERSION)"
  echo "$candidate"
  exit 0
fi

if [ -x "$DEST" ] && [ "$(version_of "$DEST")" = "v$VERSION" ]; then
  log "using cached $DEST"
  echo "$DEST"
  exit 0
fi

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) log "no prebuilt Node.js package for $(uname -s) on the npm registry: install Node.js v$VERSION and put it on PATH"; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) log "no prebuilt Node.js package for $(uname -m) on the npm registry: install Node.js v$VERSION and put it on PATH"; exit 1 ;;
esac
PACKAGE="node-$os-$arch@$VERSION"

# Serialise concurrent downloads (e.g. two test workers) on one lock.
mkdir -p "$DEST_DIR"
exec 9>"$DEST_DIR/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$DEST" ] && [ "$(version_of "$DEST")" = "v$VERSION" ]; then echo "$DEST"; exit 0; fi

WORK="$(mktemp -d "$CACHE_ROOT/node/download-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
log "downloading $PACKAGE from the npm registry into $DEST_DIR"
tarball="$(cd "$WORK" && npm pack "$PACKAGE" --silent | tail -n 1)"
tar -xzf "$WORK/$tarball" -C "$WORK" package/bin/node
mkdir -p "$DEST_DIR/bin"
mv "$WORK/package/bin/node" "$DEST.tmp"
chmod 755 "$DEST.tmp"
mv "$DEST.tmp" "$DEST"
if [ "$(version_of "$DEST")" != "v$VERSION" ]; then
  log "$DEST reports $(version_of "$DEST"), not v$VERSION"
  exit 1
fi
log "cached $DEST"
echo "$DEST"
