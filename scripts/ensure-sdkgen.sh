#!/usr/bin/env bash
# Builds scripts/sdkgen (the Go/Python SDK generator over Pulumi's codegen packages) and prints the binary's path on
# the last line of stdout. Built from the Go module proxy at the CLI's version into the cache, keyed by that version
# and the source's hash: cold, several minutes on 2 cores (it compiles much of github.com/pulumi/pulumi/pkg/v3);
# afterwards instant. The cache lives outside the repository, like scripts/ensure-pulumi.sh's.
set -euo pipefail

VERSION="${PULUMI_VERSION:-v3.274.1}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_ROOT="${PULUMI_GH_PACKAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-github-packages}"
SOURCE_HASH="$(sha256sum "$HERE/sdkgen/main.go" | cut -c1-12)"
DEST_DIR="$CACHE_ROOT/sdkgen/$VERSION-$SOURCE_HASH"
DEST="$DEST_DIR/sdkgen"

log() { echo "[ensure-sdkgen] $*" >&2; }

if [ -x "$DEST" ]; then
  log "using cached $DEST"
  echo "$DEST"
  exit 0
fi
command -v go >/dev/null 2>&1 || { log "no Go toolchain to build the SDK generator: install Go 1.26+"; exit 1; }

mkdir -p "$DEST_DIR"
exec 9>"$DEST_DIR/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$DEST" ]; then echo "$DEST"; exit 0; fi

WORK="$CACHE_ROOT/sdkgen/build-$VERSION"
mkdir -p "$WORK"
log "building the SDK generator against pulumi/pkg $VERSION in $WORK (cold: several minutes)"
start=$(date +%s)
cp "$HERE/sdkgen/main.go" "$WORK/main.go"
cd "$WORK"
cat > go.mod <<MOD
module pulumi-github-packages-sdkgen

go 1.26.6

// As pulumi's own go.mod does: the upstream clipboard module does not build here.
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
export GOFLAGS="-mod=mod"
go get "github.com/pulumi/pulumi/pkg/v3@$VERSION" "github.com/pulumi/pulumi/sdk/v3@$VERSION" github.com/blang/semver >&2
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$DEST.tmp" . >&2
mv "$DEST.tmp" "$DEST"
log "built $DEST in $(( $(date +%s) - start ))s"
echo "$DEST"
