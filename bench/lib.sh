# shellcheck shell=bash
# Shell functions shared by the benchmark scripts (run.sh, identity.sh); sourced, never run.
#
# The sourcing script sets, before it calls them: LOG_TAG (the prefix of log lines), REPO_DIR, PGHOST,
# PGPORT, PGUSER, DB_NAME, REDIS_HOST, REDIS_PORT, REDIS_DB, WORK (its scratch folder) and
# SERVER_PID (empty while no server runs). cleanup also reads KEEP_DB (1 keeps the database),
# and RAW_DIR with SERVER_LOG (the server log is copied there) when they are set.

log() { printf '[%s %s] %s\n' "$LOG_TAG" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The newest server jar under REPO_DIR/target (not the sources or javadoc jar), or nothing.
newest_jar() {
  # shellcheck disable=SC2010 # the names are Maven's own, without spaces
  ls -t "$REPO_DIR"/target/thanglong-id-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1 || true
}

psql_admin() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
redis() { timeout 10 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" "$@"; }

# TERM, up to 20 s to stop, then KILL; by its pid only (other servers may run on the machine).
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping the server (pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server did not stop in 20 s; killing it"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# The EXIT trap: stops the server, empties the Redis database, drops the PostgreSQL database
# and the scratch folder, and exits with the status the script was leaving with.
cleanup() {
  local rc=$?
  set +e
  stop_server
  if [[ -n "${RAW_DIR:-}" && -d "${RAW_DIR:-}" && -f "${SERVER_LOG:-}" ]]; then cp "$SERVER_LOG" "$RAW_DIR/server.log"; fi
  redis flushdb >/dev/null 2>&1
  if [[ "${KEEP_DB:-0}" != 1 ]]; then psql_admin -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1; fi
  rm -rf "$WORK"
  exit $rc
}
