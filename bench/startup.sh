#!/usr/bin/env bash
# Start-up time of the provider (issue 2 aims under 5 s), on the embedded default (H2 file
# database, in-memory sessions, the demo realm) in a scratch folder, for each way to run it:
#
#   jdk17      the machine's default java on the extracted jar (Spring Boot's `extract`)
#   jdk17-cds  the same with a static class-data-sharing archive of the application's classes,
#              dumped once by this script from the classes one start loads
#   jdk25      JDK 25 on the same extracted jar
#   jdk25-aot  JDK 25 with an ahead-of-time cache (JEP 483/514) trained once by this script
#              with -Dspring.context.exit=onRefresh
#
# Each start is measured from launch to the first 200 of the realm's discovery document, and
# Spring's own "Started ... in" line is reported too. A first, unmeasured start creates the
# database and the dev keys, so the measured starts are the restart of a node.
#
#   bench/startup.sh                    # RUNS=3
#   JDK25=/path/to/jdk-25 bench/startup.sh
#
# JDK 17's dynamic CDS archive (-XX:ArchiveClassesAtExit), and a static one from the full class
# list, crash while dumping this application (Debian 17.0.15,
# SystemDictionaryShared::adjust_lambda_proxy_class_dictionary): the @lambda entries are
# left out of the list, so JDK 17 archives the classes and generates the lambdas as before.
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=startup-bench
# shellcheck source=bench/lib.sh
source "$REPO_DIR/bench/lib.sh"

RUNS=${RUNS:-3}
JAR=${JAR:-}
JDK17=${JDK17:-java}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
PORT=${PORT:-18090}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xms128m -Xmx256m"}

if [[ -z "$JAR" ]]; then
  JAR=$(newest_jar)
fi
[[ -n "$JAR" && -f "$JAR" ]] || die "no server jar: run ./mvnw -DskipTests package first, or set JAR"
command -v curl >/dev/null || die "curl is needed"

WORK=$(mktemp -d /tmp/tlid-startup.XXXXXX)
SERVER_PID=""
trap 'stop_server; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

cp -r "$REPO_DIR/realm-config" "$WORK/realm-config"
(cd "$WORK" && "$JDK17" -Djarmode=tools -jar "$JAR" extract --destination app >/dev/null)
APP_JAR=$(ls "$WORK"/app/*.jar)
URL="http://127.0.0.1:$PORT/realms/hanoi/.well-known/openid-configuration"

# start JAVA [OPTIONS...]: launches the server in $WORK, waits for discovery; prints "wall spring"
start() {
  local java=$1 log="$WORK/server.log" begin end spring
  shift
  begin=$(date +%s%N)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  (cd "$WORK" && exec "$java" $JAVA_OPTS "$@" -jar "$APP_JAR" --server.port="$PORT" --server.address=127.0.0.1) \
    >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null "$URL" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$log" >&2; die "the server exited while starting"; }
    sleep 0.05
  done
  end=$(date +%s%N)
  spring=$(grep -m1 -o 'Started [A-Za-z]* in [0-9.]* seconds' "$log" | grep -o '[0-9.]* seconds' | cut -d' ' -f1 || echo '?')
  stop_server
  printf '%s %s\n' "$(awk -v ns=$((end - begin)) 'BEGIN { printf "%.2f", ns / 1e9 }')" "$spring"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

log "jar: $JAR; first start (creates the database and the dev keys)"
start "$JDK17" >/dev/null

log "dumping a class-data-sharing archive for $JDK17"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
(cd "$WORK" && "$JDK17" $JAVA_OPTS -XX:DumpLoadedClassList="$WORK/classes.lst" -Dspring.context.exit=onRefresh \
  -jar "$APP_JAR" --server.port="$PORT" --server.address=127.0.0.1 >"$WORK/train17.log" 2>&1) ||
  { tail -20 "$WORK/train17.log" >&2; die "listing the loaded classes failed"; }
grep -v '^@lambda' "$WORK/classes.lst" >"$WORK/classes-without-lambdas.lst"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
"$JDK17" $JAVA_OPTS -Xshare:dump -XX:SharedClassListFile="$WORK/classes-without-lambdas.lst" \
  -XX:SharedArchiveFile="$WORK/app17.jsa" -cp "$APP_JAR" >"$WORK/dump17.log" 2>&1 ||
  { tail -20 "$WORK/dump17.log" >&2; die "dumping the class-data-sharing archive failed"; }

variants=(jdk17 jdk17-cds)
if [[ -x "$JDK25/bin/java" ]]; then
  variants+=(jdk25 jdk25-aot)
  log "training the AOT cache with $JDK25"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  (cd "$WORK" && "$JDK25/bin/java" $JAVA_OPTS -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh \
    -jar "$APP_JAR" --server.port="$PORT" --server.address=127.0.0.1 >"$WORK/train.log" 2>&1) ||
    { tail -20 "$WORK/train.log" >&2; die "training the AOT cache failed"; }
else
  log "no JDK 25 at $JDK25: only the default java is measured"
fi

printf '| variant | launch to first discovery 200, median s | Spring "Started in", median s | runs |\n|---|---:|---:|---:|\n'
for variant in "${variants[@]}"; do
  : >"$WORK/times"
  for _ in $(seq 1 "$RUNS"); do
    case "$variant" in
      jdk17) start "$JDK17" >>"$WORK/times" ;;
      jdk17-cds) start "$JDK17" -Xshare:on -XX:SharedArchiveFile="$WORK/app17.jsa" >>"$WORK/times" ;;
      jdk25) start "$JDK25/bin/java" >>"$WORK/times" ;;
      jdk25-aot) start "$JDK25/bin/java" -XX:AOTCache="$WORK/app.aot" >>"$WORK/times" ;;
    esac
  done
  printf '| %s | %s | %s | %s |\n' "$variant" "$(cut -d' ' -f1 "$WORK/times" | median)" \
    "$(cut -d' ' -f2 "$WORK/times" | median)" "$RUNS"
done
