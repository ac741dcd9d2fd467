#!/usr/bin/env bash
# Broadcast across a cluster of two nodes on the local Redis: two Java nodes (the WAR's bench launch), then two
# Node.js nodes (server.mjs), each pair freshly started on its own channel prefix and stopped afterwards; the same
# load (bench.mjs --scenario cluster: receivers alternating between the nodes, the sender on the first one).
#
#   src/bench/cluster.sh                          # ADAPTER=redis (or redis-sharded, redis-streams), REPEAT=1
#   REPEAT=3 BENCH_ARGS="--clients 1000 --rate 20" src/bench/cluster.sh
#
# Results: one JSON line per run in target/bench/cluster-<time>.jsonl (and on stdout); logs beside it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ADAPTER=${ADAPTER:-redis}
REPEAT=${REPEAT:-1}
PORTS=(18541 18542)
dir=$root/target/bench
mkdir -p "$dir"
out=$dir/cluster-$(date +%s).jsonl
groups=()

stop_all() {
  for g in "${groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  for p in "${PORTS[@]}"; do
    for _ in $(seq 1 90); do ss -Hltn "sport = :$p" | grep -q LISTEN || break; sleep 1; done
  done
  for g in "${groups[@]}"; do
    for _ in $(seq 1 60); do pgrep -g "$g" >/dev/null || break; sleep 1; done
  done
  groups=()
}
trap stop_all EXIT

wait_port() {
  for _ in $(seq 1 180); do ss -Hltn "sport = :$1" | grep -q LISTEN && return 0; sleep 1; done
  echo "nothing listens on $1; log: $2" >&2
  return 1
}

(cd "$root/src/bench/node" && [ -d node_modules ] || npm ci --silent)
(cd "$root" && mvn -B -q -Pbench package -DskipTests)

for i in $(seq 1 "$REPEAT"); do
  for kind in java node; do
    prefix=bench-cluster-$kind-$i-$$
    for p in "${PORTS[@]}"; do
      log=$dir/cluster-$kind-$p.log
      if [ "$kind" = java ]; then
        # initialize: the ports derived from http.port and this node's socketio.* file (the WAR is built above)
        (cd "$root" && exec setsid mvn -B -Pbench initialize cargo:run -Dhttp.port="$p" -Dbench.recovery=0 \
          -Dsocketio.adapter="$ADAPTER" -Dsocketio.redis.prefix="$prefix" -Dbench.name="java-$p" \
          -Dlaunch.properties="$dir/cluster-$p.properties" >"$log" 2>&1 </dev/null) &
        groups+=($!)
        # one Maven at a time through its antrun step (maven-antrun-plugin generates its build file at one path,
        # target/antrun/build-main.xml, for every build: two at once can run each other's)
        for _ in $(seq 1 120); do grep -q "cargo-maven3-plugin" "$log" 2>/dev/null && break; sleep 0.5; done
        continue
      else
        (cd "$root/src/bench/node" && exec setsid node --expose-gc server.mjs --port "$p" --adapter "$ADAPTER" \
          --prefix "$prefix" --name "node-$p" >"$log" 2>&1 </dev/null) &
      fi
      groups+=($!)
    done
    for p in "${PORTS[@]}"; do wait_port "$p" "$dir/cluster-$kind-$p.log"; done
    sleep 5 # both subscribed, the JVMs past their start
    (cd "$root/src/bench/node" && node bench.mjs --url "http://127.0.0.1:${PORTS[0]}" \
      --url2 "http://127.0.0.1:${PORTS[1]}" --scenario cluster --label "$kind-$ADAPTER" --out "$out" ${BENCH_ARGS:-})
    stop_all
  done
done
echo "results: $out"
