#!/usr/bin/env bash
# Runs the benchmark scenarios against both servers on this machine, one server at a time, each repetition on a
# freshly started server: the WAR (`mvn -Pbench package cargo:run`) and the Node.js reference (node/server.mjs).
# Order per repetition: idle (needs a fresh server: Tomcat caches closed connections' buffers), broadcast, echo.
# Results are appended as JSON lines to $OUT (default: in a new /tmp/socketio-bench.* folder with the server
# logs); node/report.mjs turns them into the README tables (medians; runs disturbed by other load left out).
#
#   src/bench/run.sh                        # both servers, once
#   REPEAT=3 SERVERS="java node" RECOVERY=0 OUT=/tmp/r.jsonl src/bench/run.sh
#   SCENARIOS=broadcast,echo BENCH_ARGS="--rate 40 --duration 60" src/bench/run.sh
#   SCENARIOS=large src/bench/run.sh        # 16 KB broadcasts at 100/s to 50 receivers + 5 that stop reading
#   LABEL=upgrade JAVA_ARGS=-Dbench.websocket=upgrade ...   # LABEL names the runs' group in the report
#
# Everything listens and connects on 127.0.0.1 only; every server started here is stopped here, by its pid.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
REPEAT=${REPEAT:-1}
SERVERS=${SERVERS:-"java node"}
SCENARIOS=${SCENARIOS:-idle,broadcast,echo}
RECOVERY=${RECOVERY:-0}          # connection state recovery window in ms for both servers; 0 = off (Node's default)
JAVA_PORT=${JAVA_PORT:-18080}
NODE_PORT=${NODE_PORT:-18090}
BENCH_ARGS=${BENCH_ARGS:-}
LABEL=${LABEL:-recovery=$RECOVERY}
JAVA_ARGS=${JAVA_ARGS:-}         # more Maven arguments for the WAR's launch, e.g. -Dbench.websocket=upgrade
LOGDIR=${LOGDIR:-$(mktemp -d /tmp/socketio-bench.XXXXXX)}
mkdir -p "$LOGDIR"
OUT=${OUT:-$LOGDIR/results.jsonl}

cd "$here/node"
[ -d node_modules ] || npm ci --no-audit --no-fund

# shellcheck source=lib.sh
. "$here/lib.sh"
trap stop_server EXIT

for rep in $(seq 1 "$REPEAT"); do
  for server in $SERVERS; do
    case $server in
      java)
        log="$LOGDIR/java-$rep.log"
        # shellcheck disable=SC2086
        start_java "$JAVA_PORT" "$RECOVERY" "$log" $JAVA_ARGS
        ;;
      node)
        port=$NODE_PORT
        log="$LOGDIR/node-$rep.log"
        setsid node --expose-gc server.mjs --port "$port" --recovery "$RECOVERY" >"$log" 2>&1 </dev/null &
        server_pid=$!
        ;;
      *) echo "unknown server $server" >&2; exit 2 ;;
    esac
    wait_port "$port" "$log"
    sleep 3
    echo "== $server, repetition $rep/$REPEAT, recovery $RECOVERY, $(uptime)" >&2
    # shellcheck disable=SC2086
    node bench.mjs --url "http://127.0.0.1:$port" --scenario "$SCENARIOS" \
      --label "$LABEL" --out "$OUT" $BENCH_ARGS
    stop_server
  done
done
echo "results: $OUT (server logs: $LOGDIR)" >&2
node report.mjs "$OUT"
