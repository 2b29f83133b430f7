# ensure_deps: installs the locked npm dependencies (npm ci) when node_modules is missing or older than
# package-lock.json.
ensure_deps() {
  local stamp="$ROOT/node_modules/.repograph-lock-stamp"
  [[ -f "$stamp" ]] && cmp -s "$ROOT/package-lock.json" "$stamp" && return 0
  info "installing dependencies (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) \
    || fail "npm ci failed; check the registry (npm config get registry) and that package-lock.json matches package.json"
  cp "$ROOT/package-lock.json" "$stamp"
}
