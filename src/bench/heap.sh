#!/usr/bin/env bash
# Heap per idle connection of a running Java server: a live-object histogram (jmap -histo:live, which runs a full
# GC first) before and after N idle Socket.IO connections (node/hold.mjs), the difference divided by N, by class.
# Deterministic enough to compare transports and settings on a busy machine (it counts bytes, not time).
#
#   mvn package cargo:run -Dhttp.port=18600 -DskipTests                           # a stock Tomcat with the WAR (upgrade)
#   mvn package cargo:run -Dhttp.port=18600 -DskipTests -Dsocketio.websocket=endpoint
#   PORT=18600 CLIENTS=2000 src/bench/heap.sh                                      # then, in another terminal
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
PORT=${PORT:-8080}
CLIENTS=${CLIENTS:-2000}
pid=$(ss -Hltnp "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$pid" ] || { echo "nothing listens on $PORT" >&2; exit 1; }
out=$(mktemp -d /tmp/socketio-heap.XXXXXX)
jmap -histo:live "$pid" >"$out/before.txt"
(cd "$here/node" && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; })
node "$here/node/hold.mjs" --url "http://127.0.0.1:$PORT" --clients "$CLIENTS" >"$out/hold.log" 2>&1 &
holder=$!
trap 'kill $holder 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "^connected" "$out/hold.log" && break; kill -0 $holder 2>/dev/null || break; sleep 1; done
grep -q "^connected" "$out/hold.log" || { echo "the clients did not all connect: $(cat "$out/hold.log")" >&2; exit 1; }
sleep 5 # the handshakes' garbage is collected by jmap's full GC; this lets the last timers settle
jmap -histo:live "$pid" >"$out/after.txt"
python3 - "$out/before.txt" "$out/after.txt" "$CLIENTS" <<'PY'
import sys
def load(p):
    d = {}
    for line in open(p):
        f = line.split()
        if len(f) >= 4 and f[0].endswith(':'):
            d[f[3]] = (int(f[1]), int(f[2]))
    return d
a, b, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
rows = sorted(((by - a.get(k, (0, 0))[1], c - a.get(k, (0, 0))[0], k) for k, (c, by) in b.items()), reverse=True)
print(f"heap per idle connection: {sum(r[0] for r in rows) / n:,.0f} bytes ({n} connections)")
print(f"  of which org.socketioee.*: {sum(r[0] for r in rows if 'socketioee' in r[2]) / n:,.0f} bytes")
for by, c, k in rows[:15]:
    print(f"{by / n:10,.0f} B {c / n:7.2f} objects  {k}")
PY
echo "(histograms in $out)"
