#!/usr/bin/env bash
# The soak (README, "Performance"): starts the WAR's bench server (`mvn -Pbench package cargo:run`) on $PORT, runs
# node/soak.mjs against it — ten minutes of mixed load by default, with clients killed on purpose — prints the
# baseline and end figures (heap after GC, threads, open files, sessions) and exits 1 when one of them grew; the
# server is stopped in every case. Everything runs under `nice` (the load and the server both).
#
#   src/bench/soak.sh                                  # 10 minutes (PORT=18080 and the next two ports)
#   DURATION=120 SOAK_ARGS="--procs 2 --clients 20" src/bench/soak.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
PORT=${PORT:-18080}
DURATION=${DURATION:-600}
RECOVERY=${RECOVERY:-0}     # connection state recovery window (ms) of the server; 0 = off, as in run.sh
SOAK_ARGS=${SOAK_ARGS:-}
LOGDIR=${LOGDIR:-$(mktemp -d /tmp/socketio-soak.XXXXXX)}
mkdir -p "$LOGDIR"

cd "$here/node"
[ -d node_modules ] || npm ci --no-audit --no-fund
# shellcheck source=lib.sh
. "$here/lib.sh"
trap stop_server EXIT

if ss -Hltn "sport = :$PORT" | grep -q LISTEN; then
  echo "port $PORT is taken: another server would be measured (PORT=... moves the soak)" >&2
  exit 2
fi
renice -n 10 $$ >/dev/null   # inherited by the server and the load processes started below
# Tomcat's shutdown and AJP ports follow $PORT (pom.xml: launch-ports), so a bench may run beside
start_java "$PORT" "$RECOVERY" "$LOGDIR/server.log"
wait_port "$PORT" "$LOGDIR/server.log"
sleep 3
echo "server log: $LOGDIR/server.log; $(uptime)" >&2
# shellcheck disable=SC2086
node soak.mjs --url "http://127.0.0.1:$PORT" --duration "$DURATION" $SOAK_ARGS | tee "$LOGDIR/soak.log"
