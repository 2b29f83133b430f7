# Shared helpers for scripts/stack and scripts/test-all. Sourced, never run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Settings users keep in .env apply to the scripts too; variables already in the environment win.
if [[ -f "$ROOT/.env" ]]; then
  while IFS= read -r line; do
    key=${line%%=*}; value=${line#*=}
    value=${value%\"}; value=${value#\"}
    if [[ -z "${!key+x}" ]]; then export "$key=$value"; fi
  done < <(grep -E '^[A-Z_][A-Z0-9_]*=' "$ROOT/.env")
fi

CACHE_DIR=${REPOGRAPH_CACHE_DIR:-$ROOT/.cache}
DATA_DIR=${REPOGRAPH_DATA_DIR:-$ROOT/.data}
LOG_DIR=$DATA_DIR/logs
RUN_DIR=$DATA_DIR/run
mkdir -p "$CACHE_DIR" "$LOG_DIR" "$RUN_DIR"

info() { printf '[stack] %s\n' "$*" >&2; }
warn() { printf '[stack] warning: %s\n' "$*" >&2; }
fail() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# apt_install PKG...: installs Debian packages when running as root; otherwise says what to run.
apt_install() {
  if ! is_root; then fail "missing $*; install it with: sudo apt-get install -y $*"; fi
  info "installing $* from Debian's packages"
  if [[ ! -f "$RUN_DIR/apt-updated" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$LOG_DIR/apt.log" 2>&1 || fail "apt-get update failed; see $LOG_DIR/apt.log"
    touch "$RUN_DIR/apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$LOG_DIR/apt.log" 2>&1 || fail "apt-get install $* failed; see $LOG_DIR/apt.log"
}

# need CMD HOW: fails with an install hint when CMD is not on PATH.
need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' is not installed; install $2"; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_port HOST PORT SECONDS NAME LOG: waits until something listens, or fails pointing at the log.
wait_port() {
  local deadline=$((SECONDS + $3))
  until port_open "$1" "$2"; do
    ((SECONDS < deadline)) || fail "$4 did not listen on $1:$2 within $3 s; see $5"
    sleep 0.5
  done
}

is_loopback() { [[ "$1" == 127.* || "$1" == localhost || "$1" == "[::1]" || "$1" == ::1 ]]; }

# host_of / port_of parse "scheme://user@host:port/path" and "host:port".
host_of() { local s=${1#*://}; s=${s#*@}; s=${s%%/*}; echo "${s%:*}"; }
port_of() { local s=${1#*://}; s=${s#*@}; s=${s%%/*}; [[ "$s" == *:* ]] && echo "${s##*:}" || echo "$2"; }

pid_file() { echo "$RUN_DIR/$1.pid"; }

# alive NAME: the process recorded in NAME's pid file is running and is still the one we started.
alive() {
  local f pid
  f=$(pid_file "$1")
  [[ -f "$f" ]] || return 1
  pid=$(cat "$f")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -q "$2" "/proc/$pid/cmdline" 2>/dev/null
}

# stop_pid NAME PATTERN: stops the recorded process (TERM, then KILL after 30 s) and removes its pid file.
stop_pid() {
  local f pid
  f=$(pid_file "$1")
  if alive "$1" "$2"; then
    pid=$(cat "$f")
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    info "stopped $1 (pid $pid)"
  fi
  rm -f "$f"
}

# ensure_free HOST PORT VAR SERVICE: a port taken by someone else is an error naming the variable to change.
ensure_free() {
  port_open "$1" "$2" && fail "port $2 on $1 is already in use by another process, so $4 cannot start there; stop that process or set $3 to use another port"
  return 0
}
