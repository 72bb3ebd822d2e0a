#!/usr/bin/env bash
# Makes the Pulumi YAML language host (`pulumi-language-yaml`) available and prints the directory holding it on
# the last line of stdout (put that directory on PATH so the engine finds it for `runtime: yaml` projects).
#
# 1. `pulumi-language-yaml` already built into the cache: use it.
# 2. Otherwise build it from its Go module (github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml) into the
#    cache. Cold, this takes a few minutes on 2 cores; afterwards it is instant. It pins its own
#    github.com/pulumi/pulumi/pkg/v3, so it is built in its own module, beside (not inside) the CLI's build.
#
# The cache lives outside the repository: $PULUMI_GH_PACKAGES_CACHE, else $XDG_CACHE_HOME, else ~/.cache.
set -euo pipefail

VERSION="${PULUMI_YAML_VERSION:-v1.25.0}"
CACHE_ROOT="${PULUMI_GH_PACKAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-github-packages}"
DEST_DIR="$CACHE_ROOT/pulumi-language-yaml/$VERSION"
DEST="$DEST_DIR/pulumi-language-yaml"

log() { echo "[ensure-language-yaml] $*" >&2; }

if [ -x "$DEST" ]; then
  log "using cached $DEST ($VERSION)"
  echo "$DEST_DIR"
  exit 0
fi

command -v go >/dev/null 2>&1 || {
  log "no cached pulumi-language-yaml $VERSION and no Go toolchain to build it: install Pulumi (it ships the YAML host) or Go 1.25+"
  exit 1
}

# Serialise concurrent builds (e.g. two test workers) on one lock.
mkdir -p "$DEST_DIR"
exec 9>"$DEST_DIR/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$DEST" ]; then echo "$DEST_DIR"; exit 0; fi

WORK="$CACHE_ROOT/pulumi-language-yaml/build-$VERSION"
mkdir -p "$WORK"
log "building pulumi-language-yaml $VERSION from its Go module in $WORK (cold: a few minutes)"
start=$(date +%s)
cd "$WORK"
cat > go.mod <<MOD
module pulumi-language-yaml-build

go 1.25.11
MOD
cat > tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
GO
export GOFLAGS="-mod=mod"
go get "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$VERSION" >&2
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" \
  -o "$DEST.tmp" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml >&2
mv "$DEST.tmp" "$DEST"
log "built $DEST in $(( $(date +%s) - start ))s"
echo "$DEST_DIR"
