#!/usr/bin/env bash
# The Socket.IO packet codec, Java (JMH: org.socketioee.bench.CodecBenchmark in src/bench/java) beside Node.js
# (socket.io-parser 4.2.7: src/bench/node/codec.mjs), the same packets, in one run: a table of ns per operation
# and Node's time ÷ ours (above 1: we are faster). Java runs first, then Node, each alone on the machine.
#
#   src/bench/codec.sh                                    # JMH's defaults of the class: 3 warm-up + 5 × 1 s, 1 fork
#   JMH_ARGS="-f 3 -wi 5 -i 10" src/bench/codec.sh        # longer; any JMH option (e.g. a benchmark regex)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 src/bench/codec.sh   # on Java 25 (compiled by it too)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out=$(mktemp -d /tmp/socketio-codec.XXXXXX)
cd "$root"
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat "$out/cp.txt")" org.openjdk.jmh.Main \
  'org.socketioee.bench.CodecBenchmark' ${JMH_ARGS:-} -rf json -rff "$out/java.json" >"$out/jmh.log"
(cd src/bench/node && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; } && node codec.mjs >"$out/node.json")
node - "$out/java.json" "$out/node.json" <<'JS'
const fs = require("fs");
const java = JSON.parse(fs.readFileSync(process.argv[2]));
const node = JSON.parse(fs.readFileSync(process.argv[3]));
console.log("| packet | socketio-ee (ns/op, ± 99.9%) | Node socket.io-parser (ns/op) | Node ÷ ours |");
console.log("|---|---|---|---|");
for (const r of java) {
  const name = r.benchmark.split(".").pop();
  const ns = r.primaryMetric.score, err = r.primaryMetric.scoreError;
  const n = node[name];
  console.log(`| ${name} | ${ns.toFixed(0)} ± ${isNaN(err) ? "?" : err.toFixed(0)} | ${n ?? "-"} | ${n ? (n / ns).toFixed(2) : "-"} |`);
}
JS
echo "(logs and JSON in $out; java $(java -version 2>&1 | head -1), node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg))"
