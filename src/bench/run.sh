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
#   SCENARIOS=saturate src/bench/run.sh     # 1,000 clients in one room, broadcasts as fast as they are delivered
#   SERVER_CPUS=0 CLIENT_CPUS=1 SCENARIOS=echoloop src/bench/run.sh  # echo in a closed loop, server on its own core
#   IDLE=100000 SCENARIOS=idle src/bench/run.sh   # 100,000 idle connections: the WAR gets 4 GB of heap (JAVA_XMX)
#   LABEL=endpoint JAVA_ARGS=-Dbench.websocket=endpoint ... # LABEL names the runs' group in the report
#
# Everything listens and connects on 127.0.0.1 only; every server started here is stopped here, by its pid.
# The open-file limit is raised to the hard limit first (a connection is a file in the server and in a client):
# IDLE connections need a hard limit above IDLE in the server's process (the JVM raises its own soft limit to it).
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
JAVA_ARGS=${JAVA_ARGS:-}         # more Maven arguments for the WAR's launch, e.g. -Dbench.websocket=endpoint
IDLE=${IDLE:-}                   # the idle scenario's connections (bench.mjs --idle), when not its 10,000
# the WAR's maximum heap; unset: the bench profile's 2g, enough for 10,000 idle connections (about 20 KB of heap
# each, README), or 4g for more than 50,000
JAVA_XMX=${JAVA_XMX:-$([ "${IDLE:-0}" -gt 50000 ] && echo 4g || true)}
# the WAR's JVM arguments, all of them, instead of the profile's bench.jvmargs, e.g. with JAVA_HOME at a Java 25:
# JVM_ARGS="-Xms256m -Xmx2g -XX:+UseG1GC -XX:+UseCompactObjectHeaders" (the Tomcat runs on Maven's JAVA_HOME)
JVM_ARGS=${JVM_ARGS:-}
# CPU pinning (taskset -c lists), both or neither: e.g. SERVER_CPUS=0 CLIENT_CPUS=1 gives each server one core and the
# load processes the other, so that where the scheduler puts them does not vary from run to run (the closed-loop
# echo's figures spread by 1.5x unpinned on two cores)
SERVER_CPUS=${SERVER_CPUS:-}
CLIENT_CPUS=${CLIENT_CPUS:-}
pin_server=()
pin_client=()
[ -z "$SERVER_CPUS" ] || pin_server=(taskset -c "$SERVER_CPUS")
[ -z "$CLIENT_CPUS" ] || pin_client=(taskset -c "$CLIENT_CPUS")
LOGDIR=${LOGDIR:-$(mktemp -d /tmp/socketio-bench.XXXXXX)}
mkdir -p "$LOGDIR"
OUT=${OUT:-$LOGDIR/results.jsonl}

cd "$here/node"
[ -d node_modules ] || npm ci --no-audit --no-fund

# shellcheck source=lib.sh
. "$here/lib.sh"
trap stop_server EXIT
raise_open_files
[ -z "$IDLE" ] || BENCH_ARGS="--idle $IDLE $BENCH_ARGS"
java_more=()
# JVM_ARGS as one argument (JAVA_ARGS is split at spaces), or the profile's bench.jvmargs with another -Xmx
if [ -n "$JVM_ARGS" ]; then
  java_more+=("-Dbench.jvmargs=$JVM_ARGS")
elif [ -n "$JAVA_XMX" ]; then
  java_more+=("-Dbench.xmx=$JAVA_XMX")
fi
# Tomcat's connector takes up to bench.maxConnections (100,000) at once, the next ones wait
[ "${IDLE:-0}" -lt 100000 ] || java_more+=("-Dbench.maxConnections=$((IDLE + 1000))")
node_more=()
# V8's default heap limit follows the machine's memory (4 GB at most): 100,000 connections take about 1 GB
[ "${IDLE:-0}" -le 50000 ] || node_more+=("--max-old-space-size=4096")

for rep in $(seq 1 "$REPEAT"); do
  for server in $SERVERS; do
    case $server in
      java)
        log="$LOGDIR/java-$rep.log"
        # shellcheck disable=SC2086
        PIN=${pin_server[*]+"${pin_server[*]}"} start_java "$JAVA_PORT" "$RECOVERY" "$log" ${java_more[@]+"${java_more[@]}"} $JAVA_ARGS
        ;;
      node)
        port=$NODE_PORT
        log="$LOGDIR/node-$rep.log"
        setsid ${pin_server[@]+"${pin_server[@]}"} node --expose-gc ${node_more[@]+"${node_more[@]}"} server.mjs --port "$port" --recovery "$RECOVERY" \
          >"$log" 2>&1 </dev/null &
        server_pid=$!
        ;;
      *) echo "unknown server $server" >&2; exit 2 ;;
    esac
    wait_port "$port" "$log"
    sleep 3
    echo "== $server, repetition $rep/$REPEAT, recovery $RECOVERY, $(uptime)" >&2
    # shellcheck disable=SC2086
    ${pin_client[@]+"${pin_client[@]}"} node bench.mjs --url "http://127.0.0.1:$port" --scenario "$SCENARIOS" \
      --label "$LABEL" --out "$OUT" $BENCH_ARGS
    stop_server
  done
done
echo "results: $OUT (server logs: $LOGDIR)" >&2
node report.mjs "$OUT"
