#!/usr/bin/env bash
# Makes the real `pulumi` CLI available and prints its absolute path on the last line of stdout.
#
# 1. `pulumi` on PATH (or $PULUMI_CLI) at the pinned version: use it.
# 2. A binary already built into the cache: use it.
# 3. Otherwise build it from its Go module (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) into the cache.
#    Cold, this takes ~7 minutes on 2 cores; afterwards it is instant.
#
# The cache lives outside the repository: $PULUMI_GH_PACKAGES_CACHE, else $XDG_CACHE_HOME, else ~/.cache.
set -euo pipefail

VERSION="${PULUMI_VERSION:-v3.274.1}"
CACHE_ROOT="${PULUMI_GH_PACKAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-github-packages}"
DEST_DIR="$CACHE_ROOT/pulumi-cli/$VERSION"
DEST="$DEST_DIR/pulumi"

log() { echo "[ensure-pulumi] $*" >&2; }

# `pulumi version` writes a log file into $PULUMI_HOME/logs: keep that out of the user's ~/.pulumi.
version_of() {
  local home out
  home="$(mktemp -d)"
  out="$(PULUMI_SKIP_UPDATE_CHECK=true PULUMI_HOME="$home" "$1" version 2>/dev/null | tr -d '\r' | head -n 1 || true)"
  rm -rf "$home"
  echo "$out"
}

for candidate in "${PULUMI_CLI:-}" "$(command -v pulumi || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(version_of "$candidate")" = "$VERSION" ]; then
    log "using $candidate ($VERSION)"
    echo "$candidate"
    exit 0
  fi
done

if [ -x "$DEST" ] && [ "$(version_of "$DEST")" = "$VERSION" ]; then
  log "using cached $DEST ($VERSION)"
  echo "$DEST"
  exit 0
fi

command -v go >/dev/null 2>&1 || {
  log "no pulumi $VERSION on PATH and no Go toolchain to build it: install Pulumi (https://www.pulumi.com/docs/install/) or Go 1.25+"
  exit 1
}

# Serialise concurrent builds (e.g. two test workers) on one lock.
mkdir -p "$DEST_DIR"
exec 9>"$DEST_DIR/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$DEST" ] && [ "$(version_of "$DEST")" = "$VERSION" ]; then echo "$DEST"; exit 0; fi

WORK="$CACHE_ROOT/pulumi-cli/build-$VERSION"
mkdir -p "$WORK"
log "building pulumi $VERSION from its Go module in $WORK (cold: about 7 minutes)"
start=$(date +%s)
cd "$WORK"
cat > go.mod <<MOD
module pulumi-cli-build

go 1.25.11

// As pulumi's own go.mod does: the upstream clipboard module does not build here.
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
cat > tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GO
export GOFLAGS="-mod=mod"
go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$VERSION" "github.com/pulumi/pulumi/sdk/v3@$VERSION" >&2
CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
  -o "$DEST.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
mv "$DEST.tmp" "$DEST"
log "built $DEST in $(( $(date +%s) - start ))s"
echo "$DEST"
