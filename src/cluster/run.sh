#!/usr/bin/env bash
# The chat on a cluster, on one machine: two Tomcats (Cargo launches of the WAR, socketio.adapter=redis) sharing
# the local Redis and one PostgreSQL database, behind HAProxy with sticky sessions (a cookie it sets), at
# http://localhost:8000/. Ctrl-C (or SIGTERM) stops all three, and the script waits until they are gone.
#
#   src/cluster/run.sh                 # builds the WAR, then starts everything; "cluster ready at …" once up
#   NO_BUILD=1 src/cluster/run.sh      # with the WAR already in target/ (the integration test's way)
#
# Needs: haproxy (Debian: apt-get install haproxy), Redis on REDIS_URI, and PostgreSQL. The database: CHAT_DB_URL
# with CHAT_DB_USER / CHAT_DB_PASSWORD (default: database chat_cluster on localhost, role chat/chat, both created
# here when missing, as PG_SUPERUSER, default postgres, through psql -h localhost: trust or ~/.pgpass).
# Ports: LB_PORT (8000), NODE_PORTS ("18521 18522"); ADAPTER (redis, or redis-sharded); logs in target/cluster/.
set -euo pipefail
cd "$(dirname "$0")/../.."

LB_PORT=${LB_PORT:-8000}
read -r -a NODES <<< "${NODE_PORTS:-18521 18522}"
ADAPTER=${ADAPTER:-redis}
REDIS_URI=${REDIS_URI:-redis://localhost:6379}
PREFIX=${PREFIX:-socket.io}
DIR=target/cluster
mkdir -p "$DIR"

command -v haproxy >/dev/null || { echo "haproxy is needed (Debian: apt-get install haproxy)" >&2; exit 1; }
redis_host=${REDIS_URI#redis://}; redis_host=${redis_host%%/*}
redis-cli -h "${redis_host%%:*}" -p "${redis_host##*:}" ping >/dev/null 2>&1 \
  || { echo "no Redis at $REDIS_URI" >&2; exit 1; }

if [ -z "${CHAT_DB_URL:-}" ]; then
  su=${PG_SUPERUSER:-postgres}
  psql_su() { psql -h localhost -U "$su" -d postgres -tAc "$1"; }
  psql_su "SELECT 1" >/dev/null || { echo "cannot reach PostgreSQL as $su (set CHAT_DB_URL instead)" >&2; exit 1; }
  [ "$(psql_su "SELECT 1 FROM pg_roles WHERE rolname = 'chat'")" = 1 ] \
    || psql_su "CREATE ROLE chat LOGIN PASSWORD 'chat'" >/dev/null
  [ "$(psql_su "SELECT 1 FROM pg_database WHERE datname = 'chat_cluster'")" = 1 ] \
    || psql_su "CREATE DATABASE chat_cluster OWNER chat" >/dev/null
  CHAT_DB_URL=jdbc:postgresql://localhost:5432/chat_cluster
  CHAT_DB_USER=chat
  CHAT_DB_PASSWORD=chat
fi
xml() { sed -e 's/&/\&amp;/g' -e 's/"/\&quot;/g' -e 's/</\&lt;/g' <<< "$1"; }
# the launch's context.xml with the README's PostgreSQL lines ("PostgreSQL instead of H2") in place of H2's
sed -e 's|driverClassName="org.h2.Driver"|driverClassName="org.postgresql.Driver"|' \
    -e "s|url=\"jdbc:h2:[^\"]*\"|url=\"$(xml "$CHAT_DB_URL" | sed 's/[|&]/\\&/g')\"|" \
    -e "s|username=\"chat\" password=\"chat\"|username=\"$(xml "${CHAT_DB_USER:-chat}")\" password=\"$(xml "${CHAT_DB_PASSWORD:-}" | sed 's/[|&]/\\&/g')\"|" \
    tomcat-conf/context.xml > "$DIR/context.xml"
grep -q org.postgresql.Driver "$DIR/context.xml" || { echo "could not write $DIR/context.xml" >&2; exit 1; }

if [ -z "${NO_BUILD:-}" ]; then
  "${MVN:-mvn}" -B -q package -DskipTests
fi

pids=()
stop() {
  trap - EXIT
  trap '' INT TERM # a second Ctrl-C does not cut the stop short: the nodes and HAProxy are waited for
  echo "stopping the cluster"
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  echo "cluster stopped"
}
trap stop EXIT
trap 'exit 130' INT TERM

servers=""
for port in "${NODES[@]}"; do
  log="$DIR/node-$port.log"
  # initialize: the ports derived from http.port, and this node's socketio.* file
  "${MVN:-mvn}" -B initialize cargo:run -Dhttp.port="$port" -Dsocketio.adapter="$ADAPTER" -Dsocketio.redis.uri="$REDIS_URI" \
    -Dsocketio.redis.prefix="$PREFIX" -Dlaunch.properties="$DIR/node-$port.properties" \
    -Dtomcat.context.xml="$DIR/context.xml" > "$log" 2>&1 &
  pids+=($!)
  # the next Maven starts once this one has written its properties: maven-antrun-plugin generates its build file
  # at one path (target/antrun/build-main.xml) for every build, so two at once can run each other's
  for _ in $(seq 1 120); do
    [ -s "$DIR/node-$port.properties" ] && break
    grep -q "BUILD FAILURE" "$log" 2>/dev/null && { echo "node $port failed: see $log" >&2; exit 1; }
    sleep 0.5
  done
  servers+="  server n$port 127.0.0.1:$port check cookie n$port"$'\n' # check: TCP, no session made
done
for port in "${NODES[@]}"; do
  log="$DIR/node-$port.log"
  for _ in $(seq 1 300); do
    grep -q "started on port \[$port\]" "$log" 2>/dev/null && break
    grep -q "BUILD FAILURE" "$log" 2>/dev/null && { echo "node $port failed: see $log" >&2; exit 1; }
    sleep 1
  done
  grep -q "started on port \[$port\]" "$log" || { echo "node $port did not start: see $log" >&2; exit 1; }
  grep -q "adapter $ADAPTER " "$log" || { echo "node $port is not on the $ADAPTER adapter: see $log" >&2; exit 1; }
  echo "node up: http://localhost:$port/ (log $log)"
done

# sticky sessions: HAProxy sets a cookie naming the node on the first response; polling requests and the
# WebSocket upgrade of one client then reach the node that holds its Engine.IO session (Socket.IO needs it)
cat > "$DIR/haproxy.cfg" <<EOF
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
frontend chat
  bind 127.0.0.1:$LB_PORT
  default_backend nodes
backend nodes
  balance roundrobin
  cookie SERVERID insert indirect nocache
$servers
EOF
haproxy -f "$DIR/haproxy.cfg" -db > "$DIR/haproxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$LB_PORT/" && break
  sleep 0.2
done
curl -fs -o /dev/null "http://127.0.0.1:$LB_PORT/" || { echo "HAProxy did not start: see $DIR/haproxy.log" >&2; exit 1; }
echo "cluster ready at http://localhost:$LB_PORT/ (nodes ${NODES[*]}, adapter $ADAPTER, database $CHAT_DB_URL)"
wait -n "${pids[@]}" || true
echo "a part of the cluster stopped on its own: see $DIR/" >&2
exit 1
