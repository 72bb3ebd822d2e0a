#!/usr/bin/env bash
# Makes `actionlint` (the GitHub Actions workflow linter) available and prints its absolute path on the last line.
#
# 1. `actionlint` on PATH (or $ACTIONLINT) at the pinned version: use it.
# 2. A binary already built into the cache: use it.
# 3. Otherwise build it from its Go module (github.com/rhysd/actionlint) into the cache (about a minute cold).
#
# The cache is the one scripts/ensure-pulumi.sh uses: $PULUMI_GH_PACKAGES_CACHE, else $XDG_CACHE_HOME, else ~/.cache.
set -euo pipefail

VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
CACHE_ROOT="${PULUMI_GH_PACKAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-github-packages}"
DEST_DIR="$CACHE_ROOT/actionlint/$VERSION"
DEST="$DEST_DIR/actionlint"

log() { echo "[ensure-actionlint] $*" >&2; }

# `actionlint -version` prints the version on its first line, without the leading v.
version_of() { "$1" -version 2>/dev/null | head -n 1 | sed 's/^/v/' || true; }

for candidate in "${ACTIONLINT:-}" "$(command -v actionlint || true)" "$DEST"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(version_of "$candidate")" = "$VERSION" ]; then
    log "using $candidate ($VERSION)"
    echo "$candidate"
    exit 0
  fi
done

command -v go >/dev/null 2>&1 || {
  log "no actionlint $VERSION on PATH and no Go toolchain to build it: install actionlint (https://github.com/rhysd/actionlint) or Go 1.25+"
  exit 1
}

# Serialise concurrent builds (e.g. two test workers) on one lock.
mkdir -p "$DEST_DIR"
exec 9>"$DEST_DIR/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$DEST" ] && [ "$(version_of "$DEST")" = "$VERSION" ]; then echo "$DEST"; exit 0; fi

log "building actionlint $VERSION from its Go module into $DEST_DIR"
start=$(date +%s)
GOBIN="$DEST_DIR" CGO_ENABLED=0 go install -trimpath \
  -ldflags "-s -w -X github.com/rhysd/actionlint.version=${VERSION#v}" \
  "github.com/rhysd/actionlint/cmd/actionlint@$VERSION" >&2
log "built $DEST in $(( $(date +%s) - start ))s"
echo "$DEST"
