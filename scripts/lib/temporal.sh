# Temporal CLI dev server: built from the Go module proxy, cached by version.
# Sourced by scripts/stack; expects common.sh to be loaded first.

TEMPORAL_CLI_VERSION=${TEMPORAL_CLI_VERSION:-v1.8.2}
# v1.6.0+ replaces cliext with a nested module the proxy serves only by pseudo-version;
# this is the pseudo-version of the commit tagged v1.8.2.
TEMPORAL_CLIEXT_VERSION=${TEMPORAL_CLIEXT_VERSION:-v0.0.0-20260731000218-c579925f193f}
TEMPORAL_BIN="$CACHE_DIR/temporal/$TEMPORAL_CLI_VERSION/temporal"

temporal_build() {
  [[ -x "$TEMPORAL_BIN" ]] && return 0
  [[ -x /usr/local/go/bin/go ]] && PATH=$PATH:/usr/local/go/bin
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
    GOFLAGS=-mod=readonly go build -trimpath -ldflags="-s -w -X github.com/temporalio/cli/internal/temporalcli.Version=${TEMPORAL_CLI_VERSION#v}" -o "$TEMPORAL_BIN.tmp" ./cmd/temporal
    mv "$TEMPORAL_BIN.tmp" "$TEMPORAL_BIN"
  ) >"$log" 2>&1; then
    fail "Temporal CLI build failed; see $log"
  fi
  rm -rf "$work"
  info "built $("$TEMPORAL_BIN" --version 2>/dev/null | head -1)"
}

temporal_address() { echo "${TEMPORAL_ADDRESS:-127.0.0.1:7233}"; }
temporal_port() { port_of "$(temporal_address)" 7233; }
temporal_is_external() { ! is_loopback "$(host_of "$(temporal_address)")"; }

temporal_up() {
  local port ui_port log="$LOG_DIR/temporal.log"
  port=$(temporal_port); ui_port=${TEMPORAL_UI_PORT:-$((port + 1000))}
  if temporal_is_external; then info "temporal: using external $(temporal_address)"; return 0; fi
  if alive temporal "server"; then info "temporal: already running (pid $(cat "$(pid_file temporal)"))"; return 0; fi
  temporal_build
  ensure_free 127.0.0.1 "$port" TEMPORAL_ADDRESS "the Temporal dev server"
  ensure_free 127.0.0.1 "$ui_port" TEMPORAL_UI_PORT "the Temporal Web UI"
  mkdir -p "$DATA_DIR/temporal"
  info "temporal: starting dev server on 127.0.0.1:$port (UI $ui_port)"
  nohup "$TEMPORAL_BIN" server start-dev --ip 127.0.0.1 --port "$port" --ui-port "$ui_port" \
    --db-filename "$DATA_DIR/temporal/dev.sqlite" --log-level warn --log-format json --ui-disable-news-fetch \
    --dynamic-config-value frontend.enableUpdateWorkflowExecution=true \
    --dynamic-config-value frontend.enableUpdateWorkflowExecutionAsyncAccepted=true \
    >"$log" 2>&1 </dev/null &
  echo $! >"$(pid_file temporal)"
  wait_port 127.0.0.1 "$port" 60 "Temporal" "$log"
  local deadline=$((SECONDS + 60))
  until "$TEMPORAL_BIN" operator cluster health --address "127.0.0.1:$port" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "Temporal is listening but not healthy after 60 s; see $log"
    sleep 0.5
  done
  wait_port 127.0.0.1 "$ui_port" 30 "Temporal Web UI" "$log"
}

temporal_down() { stop_pid temporal "server"; }

temporal_status() {
  local addr; addr=$(temporal_address)
  if [[ -x "$TEMPORAL_BIN" ]] && "$TEMPORAL_BIN" operator cluster health --address "$addr" >/dev/null 2>&1; then
    echo "temporal  healthy    $addr  UI http://127.0.0.1:${TEMPORAL_UI_PORT:-$(( $(temporal_port) + 1000 ))}"
  elif port_open "$(host_of "$addr")" "$(temporal_port)"; then
    echo "temporal  listening  $addr"
  else
    echo "temporal  down       $addr"; return 1
  fi
}
