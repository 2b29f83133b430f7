# ensure_deps: installs the locked npm dependencies when node_modules is missing or older than package-lock.json.
ensure_deps() {
  local stamp="$ROOT/node_modules/.repograph-lock-stamp"
  [[ -f "$stamp" ]] && cmp -s "$ROOT/package-lock.json" "$stamp" && return 0
  info "installing dependencies (npm ci)"
  # npm ci refuses a lock file that lacks optional platform packages a registry does not serve (e.g. a mirror
  # without @swc/core's darwin builds); the same locked versions then install with npm install --no-save.
  (cd "$ROOT" && { npm ci --no-audit --no-fund --loglevel=error 2>"$LOG_DIR/npm-ci.log" \
    || npm install --no-save --no-audit --no-fund --loglevel=error; }) || fail "installing npm dependencies failed"
  cp "$ROOT/package-lock.json" "$stamp"
}
