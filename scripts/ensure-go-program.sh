#!/usr/bin/env bash
# Builds tests/go-program (a Go program on the generated Go SDK in sdk/go, run through the Automation API) and
# prints the binary's path on the last line of stdout. Cached by the hash of the program and the SDK, in the same
# cache as the CLI: the first build downloads and compiles github.com/pulumi/pulumi/sdk/v3 (minutes on 2 cores),
# later builds of a changed SDK reuse Go's build cache.
set -euo pipefail

VERSION="${PULUMI_VERSION:-v3.274.1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_ROOT="${PULUMI_GH_PACKAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-github-packages}"
HASH="$(cd "$ROOT" && find tests/go-program sdk/go -type f ! -name go.sum | sort | xargs sha256sum | sha256sum | cut -c1-12)"
DEST_DIR="$CACHE_ROOT/go-program/$VERSION-$HASH"
DEST="$DEST_DIR/go-program"

log() { echo "[ensure-go-program] $*" >&2; }

if [ -x "$DEST" ]; then log "using cached $DEST"; echo "$DEST"; exit 0; fi
command -v go >/dev/null 2>&1 || { log "no Go toolchain to build the Go test program: install Go 1.26+"; exit 1; }

mkdir -p "$DEST_DIR"
exec 9>"$DEST_DIR/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$DEST" ]; then echo "$DEST"; exit 0; fi

WORK="$CACHE_ROOT/go-program/build-$VERSION"
rm -rf "$WORK" && mkdir -p "$WORK/program" "$WORK/sdk"
cp "$ROOT/tests/go-program/main.go" "$WORK/program/"
cp -R "$ROOT/sdk/go/." "$WORK/sdk/"
start=$(date +%s)
cd "$WORK/program"
cat > go.mod <<MOD
module go-program

go 1.26.6

require github.com/pulumi-github-packages/sdk/go v0.0.0

replace github.com/pulumi-github-packages/sdk/go => ../sdk
MOD
export GOFLAGS="-mod=mod"
go get "github.com/pulumi/pulumi/sdk/v3@$VERSION" >&2
go mod tidy >&2
CGO_ENABLED=0 go build -trimpath -o "$DEST.tmp" . >&2
mv "$DEST.tmp" "$DEST"
log "built $DEST in $(( $(date +%s) - start ))s"
echo "$DEST"
