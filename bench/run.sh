#!/usr/bin/env bash
# Load test of Thang Long ID on PostgreSQL and Redis with wrk. Not a test: a measurement.
#
#   bench/run.sh                         # defaults: WARMUP=60 DURATION=20s, 8/32/64 connections
#   WARMUP=5 DURATION=5s bench/run.sh    # a quick smoke run
#
# It builds (or reuses) the jar, creates a fresh PostgreSQL database, starts the server on a
# free loopback port, measures start-up and idle memory, obtains the tokens the scenarios
# need (driving the code flow with curl to seed refresh tokens), warms the JVM, runs every
# scenario at every connection count, prints a Markdown table and writes it to
# bench/results/<timestamp>.md, then stops the server and cleans up. See bench/README.md.
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

# ---------------------------------------------------------------- knobs (environment) ---
WARMUP=${WARMUP:-60}                          # seconds of warm-up in total, spread over the scenarios
WARMUP_CONNECTIONS=${WARMUP_CONNECTIONS:-32}
DURATION=${DURATION:-20s}                     # wrk -d for each measured run
CONNECTIONS=${CONNECTIONS:-"8 32 64"}
THREADS=${THREADS:-2}                         # wrk -t
SCENARIOS=${SCENARIOS:-"client_credentials refresh_token introspection discovery jwks"}
SETTLE=${SETTLE:-3}                           # seconds of quiet between runs
IDLE_SETTLE=${IDLE_SETTLE:-5}                 # seconds after start-up before idle RSS is read
WRK_TIMEOUT=${WRK_TIMEOUT:-2s}                # wrk --timeout (a slower answer counts as a timeout)
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}       # seconds to wait for /actuator/health UP
REFRESH_POOL=${REFRESH_POOL:-400}             # refresh tokens (grants) seeded through the code flow
SEED_PARALLEL=${SEED_PARALLEL:-4}             # curl workers seeding grants in parallel
JAR=${JAR:-}                                  # server jar; empty: newest target/thanglong-id-*.jar
BUILD=${BUILD:-auto}                          # auto (build when no jar) | always | never
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
PORT=${PORT:-}                                # empty: a free loopback port
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB_NAME=${DB_NAME:-tlid_bench}
KEEP_DB=${KEEP_DB:-0}                         # 1: keep the database after the run
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
REDIS_DB=${REDIS_DB:-7}                       # a Redis database of its own, flushed before and after
SESSION_STORE=${SESSION_STORE:-redis}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}
WRK=${WRK:-wrk}
PROBE_LIMIT=${PROBE_LIMIT:-2}                 # seconds; a slower answer right after a run is a stall
PROBE_TIMEOUT=${PROBE_TIMEOUT:-10}
STALL_WAIT=${STALL_WAIT:-45}                  # seconds to wait for a stalled server to recover

# The benchmark realm (bench/realm-config/bench). BENCHMARK-ONLY demo values.
REALM=bench
CC_CLIENT=bench-cc
CC_SECRET=${BENCH_CC_SECRET:-bench-cc-secret-demo-only-not-a-secret-0000}
CC_SCOPE=bench.read
RP_CLIENT=bench-rp
RP_SECRET=${BENCH_RP_SECRET:-bench-rp-secret-demo-only-not-a-secret-00000}
RP_REDIRECT=http://127.0.0.1:9/bench/callback
RP_SCOPE="openid profile"
DEMO_USER=bench.user
DEMO_PASSWORD=${BENCH_DEMO_PASSWORD:-bench-demo-password-not-secret}

export PGCONNECT_TIMEOUT=10

# ------------------------------------------------------------------------- helpers ---
LOG_TAG=bench
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # log, die, psql_admin, redis, stop_server, cleanup
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is needed ($2)"; }

need "$WRK" "apt-get install wrk"
need curl "apt-get install curl"
need jq "apt-get install jq"
need psql "apt-get install postgresql-client"
need openssl "apt-get install openssl"
need redis-cli "apt-get install redis-tools"
need timeout "coreutils"
need "$JAVA" "a JDK 17 or later"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tlid-bench.XXXXXX")
SERVER_PID=""
SERVER_LOG="$WORK/server.log"
DIAG="$WORK/problems.md"     # failures seen while preparing (exact requests and responses)
: >"$DIAG"
CLK_TCK=$(getconf CLK_TCK)
NCPU=$(nproc)

trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if command -v ss >/dev/null 2>&1; then
      [[ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]] && { echo "$p"; return; }
    elif ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"; return
    fi
  done
  die "no free port found"
}

# CPU ticks (utime+stime) of one process; fields after the ')' of the command name.
# ERROR lines in the server log so far.
log_errors() { grep -c -E '^[0-9TZ:.-]+ +ERROR ' "$SERVER_LOG" 2>/dev/null || true; }
proc_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# "pid ticks" of the data-store processes that work for this server: Redis, PostgreSQL's
# shared processes (postmaster, WAL writer, checkpointer, ...) and the backends and
# autovacuum workers of our database; backends of other databases on the machine are left out.
store_snapshot() {
  local pid title
  for pid in $(pgrep -x redis-server 2>/dev/null); do echo "$pid $(proc_ticks "$pid")"; done
  for pid in $(pgrep -x postgres 2>/dev/null); do
    title=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
    if [[ "$title" == *" $DB_NAME "* || ! "$title" =~ (\([0-9]+\)|\[local\]|autovacuum\ worker) ]]; then
      echo "$pid $(proc_ticks "$pid")"
    fi
  done
}
# Ticks between two snapshots: processes seen in both count their difference, new ones all
# of theirs; processes that exited in between are lost (an undercount, never negative).
store_delta() {  # before-file after-file
  awk 'NR == FNR { before[$1] = $2; next } { d = ($1 in before) ? $2 - before[$1] : $2; if (d > 0) t += d } END { print t + 0 }' "$1" "$2"
}
# Machine-wide busy and total ticks from /proc/stat (busy = all but idle and iowait).
host_ticks() { awk '/^cpu / { t=0; for (i=2;i<=NF;i++) t+=$i; print t-$5-$6, t }' /proc/stat; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
now_ns() { date +%s%N; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '=\n'; }
urlenc() { jq -rn --arg v "$1" '$v|@uri'; }

# Records a failed preparation step with the exact request and response.
problem() {  # title, request, response-file
  {
    printf '### %s\n\nRequest:\n```\n%s\n```\nResponse:\n```\n' "$1" "$2"
    head -c 2000 "$3" 2>/dev/null || true
    printf '\n```\n\n'
  } >>"$DIAG"
  log "problem: $1 (details in the results file)"
}

# ---------------------------------------------------------------------- 1. the jar ---
if [[ -z "$JAR" ]]; then
  JAR=$(newest_jar)
fi
if [[ "$BUILD" == always || ( "$BUILD" == auto && ( -z "$JAR" || ! -f "$JAR" ) ) ]]; then
  log "building the jar (./mvnw -DskipTests package in $REPO_DIR)"
  (cd "$REPO_DIR" && timeout 1800 ./mvnw -q -B -ntp -DskipTests package)
  JAR=$(newest_jar)
fi
[[ -n "$JAR" && -f "$JAR" ]] || die "no server jar (set JAR=... or BUILD=always)"
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
log "jar: $JAR"

mkdir -p "$RESULTS_DIR"
RESULT_MD="$RESULTS_DIR/$STAMP.md"
RAW_DIR="$RESULTS_DIR/$STAMP-raw"
mkdir -p "$RAW_DIR"

# ------------------------------------------------------------ 1b. fresh data stores ---
log "creating a fresh database $DB_NAME on $PGHOST:$PGPORT"
psql_admin -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
psql_admin -c "CREATE DATABASE $DB_NAME" >/dev/null
redis ping >/dev/null || die "Redis at $REDIS_HOST:$REDIS_PORT does not answer"
redis flushdb >/dev/null

# ------------------------------------------------------------------- 2. start-up ---
[[ -n "$PORT" ]] || PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
ISSUER="$BASE/realms/$REALM"
mkdir -p "$WORK/keys"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# How fast this machine's cores are, so that figures from different machines can be compared:
# RSA-2048 signatures a second on one core (OpenSSL; AWS-LC inside the Amazon Corretto Crypto
# Provider is about as fast). Where issue 2's figures to beat were measured, one core signed about
# 3,450 RS256 tokens a second through Nimbus and that provider; on 2026-12-03 a machine of the same
# kind signed 1,460 tokens (and OpenSSL 1,500 signatures) a second per core.
RSA_SIGN_RATE=$(openssl speed -seconds 2 -mr rsa2048 2>/dev/null | awk -F: '/^\+F2:/ { printf "%.0f", $4; exit }')
# Launched through a link of its own name, so that a broad `pkill -f thanglong-id...` aimed
# at other servers on the machine does not stop this one in the middle of a measurement.
ln -s "$JAR" "$WORK/tlid-bench-server.jar"
log "starting the server on $BASE (log: $SERVER_LOG)"
T0=$(now_ns)
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
env IDP_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB_NAME" \
  IDP_DATABASE_USER="$PGUSER" IDP_DATABASE_PASSWORD="${PGPASSWORD:-}" \
  IDP_SESSION_STORE="$SESSION_STORE" IDP_REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/$REDIS_DB" \
  IDP_PORT="$PORT" SERVER_ADDRESS=127.0.0.1 \
  IDP_REALM_CONFIG="$BENCH_DIR/realm-config" IDP_KEYS_DIRECTORY="$WORK/keys" \
  "$JAVA" $JAVA_OPTS -jar "$WORK/tlid-bench-server.jar" >"$SERVER_LOG" 2>&1 </dev/null &
SERVER_PID=$!

STARTUP_S=""
deadline=$(( $(date +%s) + STARTUP_TIMEOUT ))
while (( $(date +%s) < deadline )); do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$SERVER_LOG" >&2; die "the server exited during start-up"; }
  if curl -fsS --max-time 2 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
    STARTUP_S=$(awk -v a="$T0" -v b="$(now_ns)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    break
  fi
  sleep 0.1
done
[[ -n "$STARTUP_S" ]] || { tail -40 "$SERVER_LOG" >&2; die "no UP from /actuator/health within $STARTUP_TIMEOUT s"; }
STARTED_LINE=$(grep -m1 -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$SERVER_LOG" || echo "(no 'Started' line)")
SIGNING_PROVIDER=$(grep -o 'Signing provider: [A-Za-z0-9_.-]*' "$SERVER_LOG" | tail -1 | cut -d' ' -f3 || true)
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)
log "UP after $STARTUP_S s; $STARTED_LINE; signing provider: ${SIGNING_PROVIDER:-unknown}"

# ----------------------------------------------------------------- 3. idle memory ---
sleep "$IDLE_SETTLE"
IDLE_RSS=$(rss_kib "$SERVER_PID")
log "idle RSS: $(mib "$IDLE_RSS") MiB"

# --------------------------------------------------------------------- 4. tokens ---
declare -A SKIP=()   # scenario -> reason it was not measured

# 4a. An access token of bench-cc (one hour) for the introspection scenario; also proves
#     that the client_credentials grant works at all.
ACCESS_TOKEN=""
cc_req="POST $ISSUER/oauth2/token
Authorization: Basic base64($CC_CLIENT:<secret>)
Content-Type: application/x-www-form-urlencoded

grant_type=client_credentials&scope=$CC_SCOPE"
status=$(curl -s --max-time 10 -D "$WORK/cc.h" -o "$WORK/cc.b" -w '%{http_code}' -u "$CC_CLIENT:$CC_SECRET" \
  -d grant_type=client_credentials --data-urlencode "scope=$CC_SCOPE" "$ISSUER/oauth2/token" || echo 000)
if [[ "$status" == 200 ]] && ACCESS_TOKEN=$(jq -er .access_token "$WORK/cc.b" 2>/dev/null); then
  log "client_credentials works; access token obtained"
  status=$(curl -s --max-time 10 -o "$WORK/intro.b" -w '%{http_code}' -u "$CC_CLIENT:$CC_SECRET" \
    --data-urlencode "token=$ACCESS_TOKEN" "$ISSUER/oauth2/introspect" || echo 000)
  if [[ "$status" != 200 ]] || ! grep -q '"active":true' "$WORK/intro.b"; then
    cat "$WORK/intro.b" >"$WORK/intro.r"
    problem "introspection of a fresh access token: HTTP $status" \
      "POST $ISSUER/oauth2/introspect (Basic $CC_CLIENT) token=<the access token above>" "$WORK/intro.r"
    SKIP[introspection]="introspection of a fresh access token failed (HTTP $status)"
  fi
else
  cat "$WORK/cc.h" "$WORK/cc.b" >"$WORK/cc.r" 2>/dev/null || true
  problem "client_credentials token request: HTTP $status" "$cc_req" "$WORK/cc.r"
  SKIP[client_credentials]="the token endpoint answered HTTP $status to a single client_credentials request"
  SKIP[introspection]="no access token to introspect (client_credentials answered HTTP $status)"
fi

# 4b. Refresh tokens: log in once, then run the code flow (PKCE S256) again and again with
#     the same session cookie; each round is a new grant with its own refresh token.
POOL="$WORK/refresh.pool"
: >"$POOL"
JAR_COOKIES="$WORK/cookies.txt"

# Follows the authorization request through login to the client's redirect URI (never
# fetched) and prints the authorization code. Returns 1 after recording the problem.
# $WF is the prefix of this worker's scratch files; with COOKIES_RO=1 the cookie jar is only
# read (parallel workers share the logged-in session and must not rewrite the jar).
authorize_code() {  # url
  local url=$1 hop out code status location csrf
  local jar_args=(-b "$JAR_COOKIES")
  if [[ "${COOKIES_RO:-0}" != 1 ]]; then jar_args+=(-c "$JAR_COOKIES"); fi
  for hop in 1 2 3 4 5 6 7 8; do
    out=$(curl -s --max-time 10 "${jar_args[@]}" -D "$WF.a.h" -o "$WF.a.b" \
      -w '%{http_code} %{redirect_url}' "$url" || echo "000 ")
    status=${out%% *}; location=${out#* }
    if [[ "$status" =~ ^30[1237]$ && "$location" == "$RP_REDIRECT"* ]]; then
      code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")
      if [[ -z "$code" ]]; then
        printf '%s\n' "$location" >"$WF.a.r"
        problem "authorization response without a code" "GET $url" "$WF.a.r"
        return 1
      fi
      printf '%s' "$code"; return 0
    elif [[ "$status" =~ ^30[1237]$ && -n "$location" ]]; then
      url=$location
    elif [[ "$status" == 200 && "$url" == "$ISSUER/login"* && "${COOKIES_RO:-0}" != 1 ]]; then
      csrf=$(grep -o 'name="_csrf"[^>]*value="[^"]*"' "$WF.a.b" | head -1 | sed 's/.*value="//; s/"$//')
      if [[ -z "$csrf" ]]; then
        cat "$WF.a.h" "$WF.a.b" >"$WF.a.r"
        problem "login page without a _csrf field" "GET $url" "$WF.a.r"
        return 1
      fi
      out=$(curl -s --max-time 20 "${jar_args[@]}" -D "$WF.l.h" -o "$WF.l.b" \
        -w '%{http_code} %{redirect_url}' --data-urlencode "username=$DEMO_USER" \
        --data-urlencode "password=$DEMO_PASSWORD" --data-urlencode "_csrf=$csrf" "$ISSUER/login" || echo "000 ")
      status=${out%% *}; location=${out#* }
      if [[ ! "$status" =~ ^30[1237]$ || -z "$location" || "$location" == *"/login?error"* ]]; then
        cat "$WF.l.h" "$WF.l.b" >"$WF.l.r"
        problem "login POST: HTTP $status -> $location" \
          "POST $ISSUER/login (cookie TLID_SESSION) username=$DEMO_USER&password=<demo>&_csrf=<from page>" "$WF.l.r"
        return 1
      fi
      url=$location
    else
      cat "$WF.a.h" "$WF.a.b" >"$WF.a.r"
      problem "authorization flow stopped: HTTP $status at hop $hop" "GET $url" "$WF.a.r"
      return 1
    fi
  done
  printf 'too many redirects\n' >"$WF.a.r"
  problem "authorization flow: more than 8 hops" "GET $url" "$WF.a.r"
  return 1
}

# One new grant: code flow with PKCE S256, then the code exchanged for tokens; appends the
# refresh token to the file $1. Returns 1 on failure (recorded).
seed_one() {  # pool-file
  local verifier challenge state url code status rt
  verifier=$(openssl rand 48 | b64url)
  challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)
  state=$(openssl rand -hex 8)
  url="$ISSUER/oauth2/authorize?response_type=code&client_id=$RP_CLIENT&redirect_uri=$REDIRECT_ENC&scope=$SCOPE_ENC&state=$state&nonce=n$state&code_challenge=$challenge&code_challenge_method=S256"
  code=$(authorize_code "$url") || return 1
  status=$(curl -s --max-time 10 -D "$WF.t.h" -o "$WF.t.b" -w '%{http_code}' -u "$RP_CLIENT:$RP_SECRET" \
    -d grant_type=authorization_code --data-urlencode "code=$code" --data-urlencode "redirect_uri=$RP_REDIRECT" \
    --data-urlencode "code_verifier=$verifier" "$ISSUER/oauth2/token" || echo 000)
  if [[ "$status" != 200 ]] || ! rt=$(jq -er .refresh_token "$WF.t.b" 2>/dev/null); then
    cat "$WF.t.h" "$WF.t.b" >"$WF.t.r" 2>/dev/null || true
    problem "authorization_code token request: HTTP $status" "POST $ISSUER/oauth2/token
Authorization: Basic base64($RP_CLIENT:<secret>)
Content-Type: application/x-www-form-urlencoded

grant_type=authorization_code&code=<code from the redirect>&redirect_uri=$RP_REDIRECT&code_verifier=<43+ chars>" "$WF.t.r"
    return 1
  fi
  printf '%s\n' "$rt" >>"$1"
}

# Seeds $1 more refresh tokens into $POOL: the first grant logs in (writing the session
# cookie), the rest run in SEED_PARALLEL workers sharing that session. Returns 1 when a
# worker failed (the problem is recorded; tokens obtained so far are kept).
seed_refresh_tokens() {
  local want=$1 w n rc=0 pids=()
  REDIRECT_ENC=$(urlenc "$RP_REDIRECT"); SCOPE_ENC=$(urlenc "$RP_SCOPE")
  WF="$WORK/seed0" COOKIES_RO=0 seed_one "$POOL" || return 1
  want=$((want - 1))
  for w in $(seq 1 "$SEED_PARALLEL"); do
    n=$(( want / SEED_PARALLEL + (w <= want % SEED_PARALLEL ? 1 : 0) ))
    (( n > 0 )) || continue
    ( WF="$WORK/seed$w"; COOKIES_RO=1
      for _ in $(seq 1 "$n"); do seed_one "$WORK/pool.$w" || exit 1; done ) &
    pids+=($!)
  done
  for w in "${pids[@]}"; do wait "$w" || rc=1; done
  cat "$WORK"/pool.[0-9]* >>"$POOL" 2>/dev/null || true
  rm -f "$WORK"/pool.[0-9]*
  return $rc
}

# Checks that a refresh token rotates (one token spent here, on purpose).
check_refresh() {
  local rt status
  rt=$(tail -1 "$POOL"); sed -i '$d' "$POOL"
  status=$(curl -s --max-time 10 -D "$WORK/r.h" -o "$WORK/r.b" -w '%{http_code}' -u "$RP_CLIENT:$RP_SECRET" \
    -d grant_type=refresh_token --data-urlencode "refresh_token=$rt" "$ISSUER/oauth2/token" || echo 000)
  local new
  if [[ "$status" != 200 ]] || ! new=$(jq -er .refresh_token "$WORK/r.b" 2>/dev/null) || [[ "$new" == "$rt" ]]; then
    cat "$WORK/r.h" "$WORK/r.b" >"$WORK/r.r" 2>/dev/null || true
    problem "refresh_token request (rotation check): HTTP $status" "POST $ISSUER/oauth2/token (Basic $RP_CLIENT) grant_type=refresh_token&refresh_token=<fresh token>" "$WORK/r.r"
    return 1
  fi
  printf '%s\n' "$new" >>"$POOL"
}

pool_size() { grep -c . "$POOL" 2>/dev/null || true; }

if [[ " $SCENARIOS " == *" refresh_token "* ]]; then
  max_c=0; sum_c=0
  for c in $CONNECTIONS; do
    if (( c > max_c )); then max_c=$c; fi
    sum_c=$((sum_c + c))
  done
  needed=$(( 2 * max_c + sum_c + WARMUP_CONNECTIONS + 64 ))
  if (( REFRESH_POOL < needed )); then REFRESH_POOL=$needed; fi
  log "seeding $REFRESH_POOL refresh tokens through the code flow"
  t_seed=$(now_ns)
  if seed_refresh_tokens "$REFRESH_POOL" && check_refresh; then
    log "seeded $(pool_size) refresh tokens in $(awk -v a="$t_seed" -v b="$(now_ns)" 'BEGIN { printf "%.1f", (b-a)/1e9 }') s"
  else
    SKIP[refresh_token]="seeding refresh tokens through the code flow failed (see Problems)"
  fi
fi

# ------------------------------------------------------------ 5-6. wrk scenarios ---
export BENCH_LUA_DIR="$BENCH_DIR/lua" BENCH_REALM_PATH="/realms/$REALM" BENCH_THREADS="$THREADS"
export BENCH_CC_CLIENT="$CC_CLIENT" BENCH_CC_SECRET="$CC_SECRET" BENCH_CC_SCOPE="$CC_SCOPE"
export BENCH_RP_CLIENT="$RP_CLIENT" BENCH_RP_SECRET="$RP_SECRET" BENCH_ACCESS_TOKEN="${ACCESS_TOKEN:-none}"
export BENCH_REFRESH_POOL="$POOL" BENCH_REFRESH_POOL_OUT="$WORK/refresh.pool.out"

seconds_of() {  # wrk duration (20s, 1m, 90) -> seconds
  local d=$1
  case "$d" in
    *ms) echo 1 ;; *s) echo "${d%s}" ;; *m) echo $(( ${d%m} * 60 )) ;; *h) echo $(( ${d%h} * 3600 )) ;; *) echo "$d" ;;
  esac
}

# Runs wrk once; prints the raw output path. Keeps the refresh pool in step.
run_wrk() {  # scenario connections duration tag
  local scenario=$1 c=$2 d=$3 tag=$4 out secs
  out="$RAW_DIR/$tag-$scenario-c$c.txt"
  secs=$(seconds_of "$d")
  # `times` in the subshell reports the CPU time of its children: wrk's own CPU use.
  ( timeout $(( secs + 60 )) "$WRK" -t"$THREADS" -c"$c" -d"$d" --timeout "$WRK_TIMEOUT" --latency \
      -s "$BENCH_DIR/lua/$scenario.lua" "$BASE" >"$out" 2>&1 || log "wrk exited with $? ($scenario, $c connections)"
    times >"$WORK/wrk.times" )
  if [[ "$scenario" == refresh_token && -s "$BENCH_REFRESH_POOL_OUT" ]]; then
    mv "$BENCH_REFRESH_POOL_OUT" "$POOL"
  elif [[ "$scenario" == refresh_token ]]; then
    log "wrk left no refresh pool; the refresh pool is now empty"; : >"$POOL"
  fi
  echo "$out"
}

available() { [[ -z "${SKIP[$1]:-}" ]]; }
SERVER_DIED=""
ERRORS_SEEN=()   # error notes for the report

# Seconds one request needs right after a run: introspection (database) when it works,
# discovery otherwise. A slow answer means the server is stalled (e.g. an exhausted
# connection pool), which would poison the next run.
probe_seconds() {
  if [[ -n "$ACCESS_TOKEN" ]]; then
    curl -s -o /dev/null --max-time "$PROBE_TIMEOUT" -w '%{time_total}' -u "$CC_CLIENT:$CC_SECRET" \
      --data-urlencode "token=$ACCESS_TOKEN" "$ISSUER/oauth2/introspect" || echo "$PROBE_TIMEOUT"
  else
    curl -s -o /dev/null --max-time "$PROBE_TIMEOUT" -w '%{time_total}' \
      "$ISSUER/.well-known/openid-configuration" || echo "$PROBE_TIMEOUT"
  fi
}
slow() { awk -v t="$1" -v l="$PROBE_LIMIT" 'BEGIN { exit !(t + 0 >= l + 0) }'; }

# After a run: the server must still live and answer promptly. A stall is recorded with a
# thread dump (jstack or SIGQUIT into the server log) and waited out (bounded).
after_run() {  # scenario connections
  local t dump waiting
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    SERVER_DIED="the server process exited during $1 at $2 connections; the runs after it were not made"
    ERRORS_SEEN+=("**$SERVER_DIED** (last lines of its log in the raw directory)")
    log "$SERVER_DIED"
    return 0
  fi
  t=$(probe_seconds)
  if slow "$t"; then
    dump="$RAW_DIR/stall-$(tr -c 'a-z_\n' '-' <<<"$1")-c$2.threads.txt"
    if command -v jstack >/dev/null 2>&1; then timeout 30 jstack "$SERVER_PID" >"$dump" 2>&1 || true
    else kill -QUIT "$SERVER_PID" 2>/dev/null; echo "(thread dump written to the server log)" >"$dump"; fi
    # Threads waiting for a pooled JDBC connection, and those among them that already hold
    # one (they wait inside a JDBC row mapper: a nested acquisition that can exhaust the pool).
    waiting=$(awk 'BEGIN { RS = "" } /HikariPool\.getConnection/ { n++ } END { print n + 0 }' "$dump" 2>/dev/null || echo "?")
    nested=$(awk 'BEGIN { RS = "" } /HikariPool\.getConnection/ && /RowMapperResultSetExtractor/ { n++ } END { print n + 0 }' "$dump" 2>/dev/null || echo "?")
    ERRORS_SEEN+=("$1 at $2 connections: **server stalled**: a probe request right after the run took ${t}s (limit ${PROBE_LIMIT}s); ${waiting} threads waiting in HikariPool.getConnection, ${nested} of them while already holding a connection (inside a JDBC row mapper); thread dump \`$(basename "$RAW_DIR")/$(basename "$dump")\`")
    log "server stalled after $1 c=$2 (probe ${t}s); thread dump in $dump; waiting up to ${STALL_WAIT}s"
    local until=$(( $(date +%s) + STALL_WAIT ))
    while (( $(date +%s) < until )); do t=$(probe_seconds); slow "$t" || break; sleep 1; done
  fi
}

# Quick check of the GET endpoints before loading them.
for s in discovery jwks; do
  if [[ " $SCENARIOS " != *" $s "* ]]; then continue; fi
  path=$([[ $s == discovery ]] && echo "/.well-known/openid-configuration" || echo "/oauth2/jwks")
  status=$(curl -s --max-time 10 -D "$WORK/g.h" -o "$WORK/g.b" -w '%{http_code}' "$ISSUER$path" || echo 000)
  if [[ "$status" != 200 ]]; then
    cat "$WORK/g.h" "$WORK/g.b" >"$WORK/g.r"
    problem "$s: HTTP $status" "GET $ISSUER$path" "$WORK/g.r"
    SKIP[$s]="GET answered HTTP $status"
  fi
done

ACTIVE=()
for s in $SCENARIOS; do
  [[ -f "$BENCH_DIR/lua/$s.lua" ]] || die "unknown scenario '$s'"
  if available "$s"; then ACTIVE+=("$s"); else log "skipping $s: ${SKIP[$s]}"; fi
done

if (( WARMUP > 0 && ${#ACTIVE[@]} > 0 )); then
  per=$(( WARMUP / ${#ACTIVE[@]} )); if (( per < 1 )); then per=1; fi
  log "warming the JVM: ${#ACTIVE[@]} scenarios x ${per}s at $WARMUP_CONNECTIONS connections"
  for s in "${ACTIVE[@]}"; do
    run_wrk "$s" "$WARMUP_CONNECTIONS" "${per}s" warmup >/dev/null
    after_run "$s (warm-up)" "$WARMUP_CONNECTIONS"
    if [[ -n "$SERVER_DIED" ]]; then break; fi
  done
  sleep "$SETTLE"
fi

ROWS=()          # markdown rows
declare -A BEST=()  # scenario -> "rps|connections"
PEAK_RSS_ALL=0

CAN_RESET_HWM=0
if echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null; then CAN_RESET_HWM=1; fi

for s in "${ACTIVE[@]}"; do
  if [[ -n "$SERVER_DIED" ]]; then break; fi
  for c in $CONNECTIONS; do
    if [[ -n "$SERVER_DIED" ]]; then break; fi
    if [[ "$s" == refresh_token ]]; then
      left=$(pool_size)
      if (( left < 2 * c )); then
        log "refresh pool has $left tokens; seeding $(( 2 * c + 32 )) more"
        seed_refresh_tokens $(( 2 * c + 32 )) || { ROWS+=("| $s | $c | - | - | - | - | - | - | - | - | - | refresh pool could not be refilled |"); continue; }
      fi
    fi
    sleep "$SETTLE"
    log "measuring $s at $c connections for $DURATION"
    if [[ "$CAN_RESET_HWM" == 1 ]]; then echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || true; fi
    # Sample RSS as well (a fallback when the high-water mark cannot be reset).
    ( peak=0; while kill -0 "$SERVER_PID" 2>/dev/null; do r=$(rss_kib "$SERVER_PID"); if (( r > peak )); then peak=$r; fi; echo "$peak" >"$WORK/peak"; sleep 0.2; done ) &
    sampler=$!
    e0=$(log_errors)
    s0=$(proc_ticks "$SERVER_PID"); store_snapshot >"$WORK/store.0"; read -r hb0 ht0 < <(host_ticks); w0=$(now_ns)
    out=$(run_wrk "$s" "$c" "$DURATION" run)
    s1=$(proc_ticks "$SERVER_PID"); store_snapshot >"$WORK/store.1"; read -r hb1 ht1 < <(host_ticks); w1=$(now_ns)
    d0=0; d1=$(store_delta "$WORK/store.0" "$WORK/store.1")
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    stalls_before=${#ERRORS_SEEN[@]}
    after_run "$s" "$c"
    stalled=$(( ${#ERRORS_SEEN[@]} - stalls_before ))
    e1=$(log_errors)
    if [[ "$CAN_RESET_HWM" == 1 ]]; then peak=$(hwm_kib "$SERVER_PID"); else peak=$(cat "$WORK/peak" 2>/dev/null || echo 0); fi
    if (( peak > PEAK_RSS_ALL )); then PEAK_RSS_ALL=$peak; fi

    line=$(grep -m1 '^BENCH ' "$out" || true)
    if [[ -z "$line" ]]; then
      ROWS+=("| $s | $c | - | - | - | - | - | - | - | - | - | wrk failed: $(tail -1 "$out" | tr '|' '/') |")
      continue
    fi
    declare -A v=()
    for kv in ${line#BENCH }; do v[${kv%%=*}]=${kv#*=}; done
    requests=${v[requests]}
    rps=${v[rps]}
    p50=$(awk -v u="${v[p50_us]}" 'BEGIN { printf "%.2f", u / 1000 }')
    p99=$(awk -v u="${v[p99_us]}" 'BEGIN { printf "%.2f", u / 1000 }')
    elapsed=$(awk -v a="$w0" -v b="$w1" 'BEGIN { print (b - a) / 1e9 }')
    cpu_ms=$(awk -v t=$((s1 - s0)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "-" }')
    cores=$(awk -v t=$((s1 - s0)) -v hz="$CLK_TCK" -v e="$elapsed" 'BEGIN { printf "%.2f", t / hz / e }')
    store_ms=$(awk -v t=$((d1 - d0)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "-" }')
    # wrk's CPU seconds, from "0m1.234s 0m0.567s" (user, system of the children).
    wrk_s=$(awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s += a[1] * 60 + a[2] } print s }' "$WORK/wrk.times" 2>/dev/null || echo 0)
    wrk_cores=$(awk -v w="$wrk_s" -v e="$elapsed" 'BEGIN { printf "%.2f", w / e }')
    # Everything else that ran on the machine meanwhile (busy cores minus server, stores, wrk).
    others=$(awk -v b=$((hb1 - hb0)) -v t=$((ht1 - ht0)) -v n="$NCPU" -v srv=$((s1 - s0)) -v st=$((d1 - d0)) \
      -v hz="$CLK_TCK" -v w="$wrk_s" -v e="$elapsed" \
      'BEGIN { busy = (t > 0) ? n * b / t : 0; o = busy - (srv + st) / hz / e - w / e; if (o < 0) o = 0; printf "%.2f", o }')
    errs=""
    st=$(grep -m1 '^BENCH_STATUS ' "$out" | sed 's/^BENCH_STATUS //' || true)
    for kv in $st; do [[ "${kv%%=*}" == 200 ]] || errs+="HTTP ${kv%%=*}: ${kv#*=}; "; done
    if (( ${v[status]} > 0 )) && [[ -z "$st" ]]; then errs+="non-2xx/3xx: ${v[status]}; "; fi
    if (( ${v[unexpected]} > 0 )) && [[ "$errs" != *HTTP* ]]; then errs+="unexpected body: ${v[unexpected]}; "; fi
    for k in connect read write timeout; do
      if (( ${v[$k]} > 0 )); then errs+="socket $k: ${v[$k]}; "; fi
    done
    if (( stalled > 0 )); then errs+="STALLED (see Errors); "; fi
    if (( e1 > e0 )); then errs+="server log ERRORs: $((e1 - e0)); "; fi
    pool_note=$(grep -m1 '^BENCH_POOL ' "$out" | sed 's/^BENCH_POOL //' || true)
    if [[ "$pool_note" == *"starved="* && "${pool_note##*starved=}" != 0 ]]; then errs+="pool ${pool_note}; "; fi
    errs=${errs%; }
    if [[ -n "$errs" ]]; then
      sample=$(grep -m1 '^BENCH_SAMPLE ' "$out" | sed 's/^BENCH_SAMPLE //' || true)
      ERRORS_SEEN+=("$s at $c connections: $errs${sample:+ — first: \`$(tr '`|' "'/" <<<"$sample")\`}")
    fi
    ROWS+=("| $s | $c | $(printf "%'.0f" "$rps") | $p50 | $p99 | $cpu_ms | $cores | $store_ms | $wrk_cores | $others | $(mib "$peak") | ${errs:-0} |")
    prev=${BEST[$s]:-0|0}
    if awk -v a="$rps" -v b="${prev%%|*}" 'BEGIN { exit !(a > b) }'; then BEST[$s]="$rps|$c"; fi
    log "  $s c=$c: $rps req/s, p50 $p50 ms, p99 $p99 ms, $cpu_ms CPU ms/req, peak RSS $(mib "$peak") MiB${errs:+, errors: $errs}"
    unset v
  done
done

FINAL_RSS=$(rss_kib "$SERVER_PID")
FINAL_RSS=${FINAL_RSS:-0}
AUTH_ROWS=$(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB_NAME" -qAt -c 'select count(*) from oauth2_authorization' 2>/dev/null || echo "?")

# --------------------------------------------------------------------- 7. report ---
stop_server   # so that the log is complete (shutdown errors included)

LOG_ERRORS=$(grep -c -E '^[0-9TZ:.-]+ +ERROR ' "$SERVER_LOG" || true)
LOG_WARNS=$(grep -c -E '^[0-9TZ:.-]+ +WARN ' "$SERVER_LOG" || true)
EXCEPTIONS=$(grep -oE '^[A-Za-z_.$]+(Exception|Error)(: .{0,160})?' "$SERVER_LOG" | sort | uniq -c | sort -rn | head -15 || true)
PG_VERSION=$(psql_admin -c 'show server_version' 2>/dev/null || echo "?")
REDIS_VERSION=$(redis info server 2>/dev/null | tr -d '\r' | sed -n 's/^redis_version://p')
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
# The commit of the tree the jar was built in (uncommitted changes there are not visible).
COMMIT=$(git -C "$(dirname "$JAR")" rev-parse --short HEAD 2>/dev/null || echo "?")
JAR_SHA=$(sha256sum "$JAR" | cut -c1-12)

fmt_best() {  # scenario
  local b=${BEST[$1]:-}
  if [[ -n "${SKIP[$1]:-}" ]]; then echo "not measured"; elif [[ -z "$b" ]]; then echo "-"; else
    printf "%'.0f (%s conns)" "${b%%|*}" "${b#*|}"; fi
}

{
  echo "# Thang Long ID benchmark, $STAMP"
  echo
  echo "Server: \`$(basename "$JAR")\` (sha256 $JAR_SHA…, built from commit $COMMIT), $JAVA_VERSION, JAVA_OPTS='${JAVA_OPTS}', signing provider **${SIGNING_PROVIDER:-unknown}**."
  echo "Data: PostgreSQL $PG_VERSION (database $DB_NAME, fresh), Redis $REDIS_VERSION (db $REDIS_DB), sessions: $SESSION_STORE."
  echo "Machine: $NCPU × $CPU_MODEL, load average before start $LOAD_BEFORE, one core signs ${RSA_SIGN_RATE:-?} RSA-2048 signatures a second (\`openssl speed rsa2048\`; about as many as RS256 tokens through Nimbus and ACCP; where the figures to beat were measured, about 3,450). Load tool: $($WRK -v 2>&1 | head -1 | cut -d' ' -f1-2), -t$THREADS, --timeout $WRK_TIMEOUT, on the same machine."
  echo "Warm-up: ${WARMUP}s in total (${WARMUP_CONNECTIONS} connections), then $DURATION per run, ${SETTLE}s pause between runs."
  echo
  echo "## Start-up and memory"
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| start-up, launch → /actuator/health UP | $STARTUP_S s |"
  echo "| Spring Boot's own line | $STARTED_LINE |"
  echo "| RSS idle (${IDLE_SETTLE}s after UP) | $(mib "$IDLE_RSS") MiB |"
  echo "| peak RSS under load (highest run) | $(mib "$PEAK_RSS_ALL") MiB |"
  echo "| RSS at the end | $(mib "$FINAL_RSS") MiB |"
  echo "| rows in oauth2_authorization at the end | $AUTH_ROWS |"
  echo
  echo "## Throughput"
  echo
  echo "CPU ms/req: the server process's utime+stime (all its threads, GC and JIT included) during the run, divided by the requests wrk completed. srv cores: server CPU seconds per wall-clock second. PG+Redis ms/req: CPU per request of Redis and of PostgreSQL (shared processes and the backends of $DB_NAME). wrk cores: the load tool's own CPU (it shares the $NCPU cores). other cores: everything else busy on the machine meanwhile; above ~0.1 the run was disturbed. Peak RSS: the server's resident high-water mark during that run."
  echo
  echo "| scenario | conns | req/s | p50 ms | p99 ms | CPU ms/req | srv cores | PG+Redis ms/req | wrk cores | other cores | peak RSS MiB | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${ROWS[@]}"
  for s in $SCENARIOS; do
    if [[ -n "${SKIP[$s]:-}" ]]; then echo "| $s | - | - | - | - | - | - | - | - | - | - | **not measured: ${SKIP[$s]}** |"; fi
  done
  echo
  echo "## Against the figures to beat (issue 2)"
  echo
  echo "| scenario | best here | Keycloak 26.7 (where the aims were set) | aim |"
  echo "|---|---:|---:|---:|"
  echo "| client_credentials RS256 | $(fmt_best client_credentials) | 1,100 (800 on PostgreSQL) | ≥ 4,500 |"
  echo "| refresh_token | $(fmt_best refresh_token) | 650 | ≥ 1,950 |"
  echo "| introspection | $(fmt_best introspection) | 4,100 | ≥ 8,200 |"
  echo "| discovery | $(fmt_best discovery) | 8,000 | > 25,000 |"
  echo "| JWKS | $(fmt_best jwks) | 8,000 (node-oidc-provider 21,000) | > 25,000 |"
  echo "| start-up | $STARTUP_S s | ~10 s | < 5 s |"
  echo "| RSS under load | $(mib "$PEAK_RSS_ALL") MiB | 400-730 MiB | < 300 MiB |"
  echo
  echo "## Errors"
  echo
  if (( ${#ERRORS_SEEN[@]} == 0 )); then echo "wrk: no non-200 answers, no socket errors."; else
    echo "wrk:"; echo; for e in "${ERRORS_SEEN[@]}"; do echo "- $e"; done; fi
  echo
  echo "Server log: $LOG_ERRORS ERROR lines, $LOG_WARNS WARN lines."
  if [[ -n "$EXCEPTIONS" ]]; then
    echo; echo "Exceptions in the server log (count, first line):"; echo; echo '```'; echo "$EXCEPTIONS"; echo '```'
  fi
  if [[ -s "$DIAG" ]]; then
    echo; echo "## Problems while preparing"; echo; cat "$DIAG"
  fi
  echo
  echo "Raw wrk output and the server log: \`$(basename "$RAW_DIR")/\`."
} >"$RESULT_MD"

cat "$RESULT_MD"
log "results written to $RESULT_MD"
