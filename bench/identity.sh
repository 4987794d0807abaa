#!/usr/bin/env bash
# Identity benchmark of Thang Long ID (issue 3) on PostgreSQL and Redis. Not a test: a measurement.
#
#   bench/identity.sh                              # almost empty database, then the full deployment
#   PERSONS=100000 STAFF=5000 bench/identity.sh     # a smaller "full" size for a quick look
#
# For each size it creates a fresh database, starts the server on it, seeds the identity model
# (bench/identity/seed: COPY through the provider's own protector, name folding and staff ID
# format), warms the JVM, then drives four closed-loop scenarios with bench/identity/IdentityLoad.java:
# person look-up by ID number, person search by name, password login of a civil servant through the
# code flow (ID token with staff claims), refresh grants with staff claims. Prints a Markdown report
# and writes it to bench/results/identity-<timestamp>.md. See bench/README.md.
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

PERSONS=${PERSONS:-1000000}
STAFF=${STAFF:-50000}
UNITS=${UNITS:-2000}
ORGANIZATIONS=${ORGANIZATIONS:-20000}
SMALL=${SMALL:-"1000 100 20 20"}              # persons staff units organizations of the almost empty database
WARMUP=${WARMUP:-20}                          # seconds of warm-up per scenario (not counted)
DURATION=${DURATION:-20}                      # seconds measured per scenario
SCENARIOS=${SCENARIOS:-"pin:16 name:16 login:4 token:16"}
JAR=${JAR:-}
BUILD=${BUILD:-auto}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB_NAME=${DB_NAME:-tlid_bench_identity}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
REDIS_DB=${REDIS_DB:-8}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
REALM=bench

LOG_TAG=identity-bench
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # log, die, psql_admin, redis, stop_server, cleanup
for tool in curl psql redis-cli openssl unzip javac; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is needed"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tlid-identity-bench.XXXXXX")
SERVER_PID=""
# Each size recreates the database, and the last one is always dropped (KEEP_DB is run.sh's);
# the server logs stay in $WORK.
KEEP_DB=0
RAW_DIR=""
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------- the jar and the seeder ---
if [[ -z "$JAR" ]]; then
  JAR=$(newest_jar)
fi
if [[ "$BUILD" == always || ( "$BUILD" == auto && ( -z "$JAR" || ! -f "$JAR" ) ) ]]; then
  log "building the jar"
  (cd "$REPO_DIR" && ./mvnw -q -B -ntp -DskipTests package)
  JAR=$(newest_jar)
fi
[[ -f "$JAR" ]] || die "no server jar"
log "jar: $JAR"
# The seeder is compiled against the jar's own classes, so it protects numbers exactly as that build does.
unzip -q "$JAR" 'BOOT-INF/*' -d "$WORK/jar"
SEED_CP="$WORK/seed:$WORK/jar/BOOT-INF/classes:$WORK/jar/BOOT-INF/lib/*"
javac -nowarn -d "$WORK/seed" -cp "$SEED_CP" "$BENCH_DIR"/identity/seed/vn/thanglong/id/identity/*.java

DATA_KEY=$(openssl rand -base64 32)
CLK_TCK=$(getconf CLK_TCK)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/identity-$STAMP.md"

# Runs one size: fresh database, server, seed, load. Appends the rows to $WORK/rows-<label>.
measure() {  # label persons staff units organizations
  local label=$1 port base t0 seeded
  log "== $label: $2 persons, $3 staff, $4 units, $5 organizations"
  psql_admin -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
  psql_admin -c "CREATE DATABASE $DB_NAME" >/dev/null
  redis flushdb >/dev/null
  port=$((20000 + RANDOM % 40000))
  base="http://127.0.0.1:$port"
  rm -rf "$WORK/keys" && mkdir -p "$WORK/keys"
  # shellcheck disable=SC2086
  env IDP_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB_NAME" IDP_DATABASE_USER="$PGUSER" \
    IDP_DATABASE_PASSWORD="${PGPASSWORD:-}" IDP_SESSION_STORE=redis \
    IDP_REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/$REDIS_DB" IDP_PORT="$port" SERVER_ADDRESS=127.0.0.1 \
    IDP_REALM_CONFIG="$BENCH_DIR/realm-config" IDP_KEYS_DIRECTORY="$WORK/keys" IDP_IDENTITY_DATA_KEY="$DATA_KEY" \
    "$JAVA" $JAVA_OPTS -jar "$JAR" >"$WORK/server-$label.log" 2>&1 </dev/null &
  SERVER_PID=$!
  t0=$(date +%s)
  until curl -fsS --max-time 2 "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$WORK/server-$label.log" >&2; die "the server exited"; }
    (( $(date +%s) - t0 < STARTUP_TIMEOUT )) || die "no UP within $STARTUP_TIMEOUT s"
    sleep 0.2
  done
  log "server UP on $base; seeding"
  seeded=$(IDP_IDENTITY_DATA_KEY="$DATA_KEY" "$JAVA" -cp "$SEED_CP" vn.thanglong.id.identity.BenchIdentitySeeder \
    "jdbc:postgresql://$PGHOST:$PGPORT/$DB_NAME" "$PGUSER" "$REALM" "$2" "$3" "$4" "$5" bench.user "$WORK/samples-$label")
  log "$seeded"
  printf '%s; database %s\n' "$seeded" \
    "$(psql_admin -d "$DB_NAME" -c "select pg_size_pretty(pg_database_size('$DB_NAME'))")" >"$WORK/seeded-$label"
  # shellcheck disable=SC2086
  "$JAVA" "$BENCH_DIR/identity/IdentityLoad.java" "$base" "$REALM" "$WORK/samples-$label" "$SERVER_PID" "$CLK_TCK" \
    "$WARMUP" "$DURATION" $SCENARIOS | tee "$WORK/rows-$label"
  printf 'RSS after the run: %s MiB\n' "$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status")" >>"$WORK/seeded-$label"
  stop_server
}

read -r small_p small_s small_u small_o <<<"$SMALL"
measure small "$small_p" "$small_s" "$small_u" "$small_o"
measure full "$PERSONS" "$STAFF" "$UNITS" "$ORGANIZATIONS"

# ------------------------------------------------------------------------ report ---
{
  printf '# Identity benchmark %s\n\n' "$STAMP"
  printf 'Machine: %s cores, %s; %s. Warm-up %s s and measurement %s s per scenario, closed loop.\n\n' \
    "$(nproc)" "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" "$("$JAVA" -version 2>&1 | head -1)" "$WARMUP" "$DURATION"
  for label in small full; do
    printf -- '- %s: %s\n' "$label" "$(tr '\n' ' ' <"$WORK/seeded-$label")"
  done
  printf '\n| size | scenario | workers | requests | per second | p50 ms | p99 ms | server CPU ms/request | errors |\n'
  printf '|---|---|---|---|---|---|---|---|---|\n'
  for label in small full; do sed "s/^|/| $label |/" "$WORK/rows-$label"; done
  printf '\n| scenario | full / small throughput |\n|---|---|\n'
  paste -d' ' <(awk -F'|' '{ print $2, $5 }' "$WORK/rows-small") <(awk -F'|' '{ print $5 }' "$WORK/rows-full") |
    awk '{ printf "| %s | %.1f %% |\n", $1, ($2 > 0) ? 100 * $3 / $2 : 0 }'
} | tee "$REPORT"
log "report: $REPORT"
