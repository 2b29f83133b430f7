# Neo4j Community: jars from Maven Central (tools/neo4j/pom.xml) and our launcher (tools/neo4j/Neo4jLauncher.java).

NEO4J_VERSION=$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$ROOT/tools/neo4j/pom.xml")
NEO4J_LIB="$CACHE_DIR/neo4j/$NEO4J_VERSION/lib"

neo4j_uri() { echo "${NEO4J_URI:-bolt://127.0.0.1:7687}"; }
neo4j_bolt_port() { port_of "$(neo4j_uri)" 7687; }
neo4j_http_port() { echo "${NEO4J_HTTP_PORT:-7474}"; }
neo4j_is_external() { ! is_loopback "$(host_of "$(neo4j_uri)")"; }

neo4j_fetch() {
  [[ -f "$NEO4J_LIB/.complete" ]] && return 0
  command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null 2>&1 || apt_install maven
  local log="$LOG_DIR/neo4j-fetch.log"
  info "neo4j: fetching Neo4j $NEO4J_VERSION and Neo4j Browser jars from Maven Central (log: $log)"
  rm -rf "$NEO4J_LIB"
  mvn -B -q -f "$ROOT/tools/neo4j/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$NEO4J_LIB" -DincludeScope=runtime >"$log" 2>&1 \
    || fail "fetching the Neo4j jars failed; see $log"
  touch "$NEO4J_LIB/.complete"
}

neo4j_up() {
  local bolt http log="$LOG_DIR/neo4j.log" home="$DATA_DIR/neo4j"
  bolt=$(neo4j_bolt_port); http=$(neo4j_http_port)
  if neo4j_is_external; then info "neo4j: using external $(neo4j_uri)"; return 0; fi
  if alive neo4j Neo4jLauncher; then info "neo4j: already running (pid $(cat "$(pid_file neo4j)"))"; return 0; fi
  neo4j_fetch
  ensure_free 127.0.0.1 "$bolt" NEO4J_URI "Neo4j Bolt"
  ensure_free 127.0.0.1 "$http" NEO4J_HTTP_PORT "Neo4j HTTP/Browser"
  mkdir -p "$home"
  info "neo4j: starting Neo4j $NEO4J_VERSION (bolt $bolt, http $http)"
  NEO4J_BOLT_PORT=$bolt NEO4J_HTTP_PORT=$http NEO4J_PAGECACHE=${NEO4J_PAGECACHE:-2g} nohup java \
    -Xms"${NEO4J_HEAP:-2g}" -Xmx"${NEO4J_HEAP:-2g}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    -Dio.netty.tryReflectionSetAccessible=true \
    -cp "$NEO4J_LIB/*" "$ROOT/tools/neo4j/Neo4jLauncher.java" "$home" >"$log" 2>&1 </dev/null &
  echo $! >"$(pid_file neo4j)"
  local deadline=$((SECONDS + 120))
  until curl -fsS -m 2 "http://127.0.0.1:$http/" >/dev/null 2>&1 && port_open 127.0.0.1 "$bolt"; do
    alive neo4j Neo4jLauncher || fail "Neo4j exited during startup; see $log and $home/logs/"
    ((SECONDS < deadline)) || fail "Neo4j did not answer on http $http / bolt $bolt within 120 s; see $log"
    sleep 1
  done
  neo4j_set_password "$http"
}

# With NEO4J_PASSWORD set, auth is on: replace the initial neo4j/neo4j password once, over the HTTP API.
neo4j_set_password() {
  [[ -n "${NEO4J_PASSWORD:-}" ]] || return 0
  local user=${NEO4J_USERNAME:-neo4j} body
  curl -fsS -m 5 -u "$user:$NEO4J_PASSWORD" "http://127.0.0.1:$1/db/neo4j/tx/commit" \
    -H 'Content-Type: application/json' -d '{"statements":[{"statement":"RETURN 1"}]}' 2>/dev/null | grep -q '"errors":\[\]' && return 0
  body=$(printf '{"statements":[{"statement":"ALTER CURRENT USER SET PASSWORD FROM $old TO $new","parameters":{"old":"neo4j","new":"%s"}}]}' "$NEO4J_PASSWORD")
  curl -fsS -m 10 -u "neo4j:neo4j" "http://127.0.0.1:$1/db/system/tx/commit" -H 'Content-Type: application/json' \
    -d "$body" | grep -q '"errors":\[\]' || fail "could not set the Neo4j password; the data dir may hold another password: remove $DATA_DIR/neo4j/data/dbms or set NEO4J_PASSWORD to it"
  info "neo4j: initial password set for user neo4j"
}

neo4j_down() { stop_pid neo4j Neo4jLauncher; }

neo4j_status() {
  local http; http=$(neo4j_http_port)
  if neo4j_is_external; then
    port_open "$(host_of "$(neo4j_uri)")" "$(neo4j_bolt_port)" && echo "neo4j     listening  $(neo4j_uri) (external)" && return 0
    echo "neo4j     down       $(neo4j_uri) (external)"; return 1
  fi
  if curl -fsS -m 2 "http://127.0.0.1:$http/" >/dev/null 2>&1 && port_open 127.0.0.1 "$(neo4j_bolt_port)"; then
    echo "neo4j     healthy    $(neo4j_uri)  Browser http://127.0.0.1:$http/browser/"
  else
    echo "neo4j     down       $(neo4j_uri)"; return 1
  fi
}
