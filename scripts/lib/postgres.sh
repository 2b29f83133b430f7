# PostgreSQL from Debian's packages, in a cluster this project owns (no changes to /etc or the system cluster).

pg_url() { echo "${DATABASE_URL:-postgres://postgres@127.0.0.1:55432/repograph}"; }
pg_port() { port_of "$(pg_url)" 5432; }
pg_dbname() { local s=${1:-$(pg_url)}; s=${s#*://}; s=${s#*/}; echo "${s%%\?*}"; }
pg_is_external() { ! is_loopback "$(host_of "$(pg_url)")"; }

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
    apt_install postgresql
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  [[ -x "$dir/initdb" ]] || fail "PostgreSQL server binaries not found under /usr/lib/postgresql; install them with: apt-get install -y postgresql"
  echo "$dir"
}

# initdb and pg_ctl refuse to run as root, so as root they run as the postgres user.
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_datadir() {
  local dir="$DATA_DIR/postgres"
  if is_root; then
    mkdir -p "$dir" && chown postgres:postgres "$dir" && chmod 700 "$dir"
    # The postgres user must be able to reach the data dir; a checkout under a private home dir cannot.
    if ! runuser -u postgres -- test -w "$dir"; then
      dir="/var/tmp/repograph-pg-$(echo "$ROOT" | md5sum | cut -c1-8)"
      mkdir -p "$dir" && chown postgres:postgres "$dir" && chmod 700 "$dir"
    fi
  else
    mkdir -p "$dir" && chmod 700 "$dir"
  fi
  echo "$dir"
}

pg_up() {
  local port bin dir log="$LOG_DIR/postgres.log" db
  port=$(pg_port); db=$(pg_dbname)
  if pg_is_external; then info "postgres: using external $(host_of "$(pg_url)"):$port"; return 0; fi
  bin=$(pg_bindir); dir=$(pg_datadir)
  echo "$dir" >"$RUN_DIR/postgres.datadir"
  if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    if [[ ! -f "$dir/PG_VERSION" ]]; then
      info "postgres: creating a cluster in $dir"
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOG_DIR/postgres-initdb.log" 2>&1 \
        || fail "initdb failed; see $LOG_DIR/postgres-initdb.log"
    fi
    ensure_free 127.0.0.1 "$port" DATABASE_URL "PostgreSQL"
    info "postgres: starting on 127.0.0.1:$port"
    touch "$log" && is_root && chown postgres "$log"
    as_pg "$bin/pg_ctl" -D "$dir" -l "$log" -w -t 60 start \
      -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null || fail "PostgreSQL did not start; see $log"
  else
    info "postgres: already running ($dir)"
  fi
  if [[ "$(psql -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname = '$db'")" != 1 ]]; then
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database \"$db\"" || fail "could not create database $db"
    info "postgres: created database $db"
  fi
}

pg_down() {
  local dir bin
  [[ -f "$RUN_DIR/postgres.datadir" ]] || return 0
  dir=$(cat "$RUN_DIR/postgres.datadir"); bin=$(pg_bindir)
  if as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null && info "stopped postgres"
  fi
  rm -f "$RUN_DIR/postgres.datadir"
}

pg_status() {
  local host port
  host=$(host_of "$(pg_url)"); port=$(pg_port)
  if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$host" -p "$port"; then
    echo "postgres  healthy    $host:$port/$(pg_dbname)"
  else
    echo "postgres  down       $host:$port"; return 1
  fi
}
