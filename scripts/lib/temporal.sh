# Temporal CLI dev server: built from the Go module proxy, cached by version.
# Sourced by scripts/stack; expects common.sh to be loaded first.

TEMPORAL_CLI_VERSION=${TEMPORAL_CLI_VERSION:-v1.8.2}
# v1.6.0+ replaces cliext with a nested module the proxy serves only by pseudo-version;
# this is the pseudo-version of the commit tagged v1.8.2.
TEMPORAL_CLIEXT_VERSION=${TEMPORAL_CLIEXT_VERSION:-v0.0.0-20260731000218-c579925f193f}
TEMPORAL_PORT=${TEMPORAL_PORT:-7233}
TEMPORAL_UI_PORT=${TEMPORAL_UI_PORT:-8233}
TEMPORAL_BIN="$CACHE_DIR/temporal/$TEMPORAL_CLI_VERSION/temporal"

temporal_external() { [[ -n "${TEMPORAL_ADDRESS:-}" && "$TEMPORAL_ADDRESS" != "127.0.0.1:$TEMPORAL_PORT" && "$TEMPORAL_ADDRESS" != "localhost:$TEMPORAL_PORT" ]]; }

temporal_build() {
  [[ -x "$TEMPORAL_BIN" ]] && return 0
  need go "Go 1.26+ (https://go.dev/dl or your distribution's golang package)"
  local work="$CACHE_DIR/temporal/$TEMPORAL_CLI_VERSION/src" log="$LOG_DIR/temporal-build.log"
  mkdir -p "$(dirname "$TEMPORAL_BIN")" "$LOG_DIR"
  info "building Temporal CLI $TEMPORAL_CLI_VERSION from the Go module proxy (cold: several minutes; log: $log)"
  if ! (
    set -euo pipefail
    export GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local} CGO_ENABLED=0
    # Only the proxy: a "direct" fallback would try to reach the VCS host, which is not reachable here.
    export GOPROXY=${GOPROXY_OVERRIDE:-https://proxy.golang.org}
    src=$(go mod download -json "github.com/temporalio/cli@$TEMPORAL_CLI_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
    ext=$(go mod download -json "github.com/temporalio/cli/cliext@$TEMPORAL_CLIEXT_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
    [[ -d "$src" && -d "$ext" ]] || { echo "module download failed (src=$src ext=$ext)"; exit 1; }
    rm -rf "$work"; mkdir -p "$work"
    cp -r "$src"/. "$work"/; mkdir -p "$work/cliext"; cp -r "$ext"/. "$work/cliext"/
    chmod -R u+w "$work"
    cd "$work"
    GOFLAGS=-mod=readonly go build -trimpath -ldflags='-s -w' -o "$TEMPORAL_BIN.tmp" ./cmd/temporal
    mv "$TEMPORAL_BIN.tmp" "$TEMPORAL_BIN"
  ) >"$log" 2>&1; then
    fail "Temporal CLI build failed; see $log"
  fi
  rm -rf "$work"
  info "built $("$TEMPORAL_BIN" --version 2>/dev/null | head -1)"
}
