#!/bin/sh
# Fuzzes the @FuzzTest targets with Jazzer, one after another, each for RUNS executions (default 10,000,000),
# at the lowest CPU priority. Without arguments: every target; else the targets named (Class#method).
#
#   src/test/sh/fuzz.sh                                  # all targets, 10 million executions each
#   RUNS=100000 src/test/sh/fuzz.sh SocketDecodersFuzzTest#json
#
# Each target runs in the fuzz-corpus Surefire execution with JAZZER_FUZZ=1; its log (libFuzzer's statistics: the
# last "#N DONE" line has the executions, exec/s and coverage) goes to target/fuzz/<target>.log. A finding fails the
# run and Jazzer writes the input to src/test/resources/<package>/<Class>Inputs/<method>/crash-…, where `mvn test`
# replays it from then on: fix the bug, keep the file (renamed to say what it is). The corpus Jazzer grows lives in
# .cifuzz-corpus/ (not committed) and is reused by the next run.
set -eu
cd "$(dirname "$0")/../../.."
RUNS=${RUNS:-10000000}
ALL="EngineDecodersFuzzTest#packet EngineDecodersFuzzTest#payload EngineDecodersFuzzTest#handshake
SocketDecodersFuzzTest#textFrame SocketDecodersFuzzTest#decoder SocketDecodersFuzzTest#json ServerFuzzTest#session"
TARGETS=${*:-$ALL}
mkdir -p target/fuzz
mvn -B -q test-compile
status=0
for t in $TARGETS; do
    log="target/fuzz/$(echo "$t" | tr '#' '.').log"
    echo "== $t: $RUNS executions (log: $log)"
    # An input of the decoder target is a connection's worth of frames, each decoded packet encoded, decoded again
    # and bound through JSON-B: at libFuzzer's default limit (4,096 bytes, dozens of packets) it runs at about 700
    # executions/s, so it is held to 1,024 bytes (ten and more frames) to reach its ten million in an evening.
    case $t in
        *#decoder) maxlen=${MAX_LEN:-1024} ;;
        *) maxlen=${MAX_LEN:-4096} ;;
    esac
    # the arguments after the first (libFuzzer's argv[0]) come after @FuzzTest's own limits, so they win:
    # no time limit, a number of runs instead
    if JAZZER_FUZZ=1 nice -n 19 mvn -B surefire:test@fuzz-corpus -Dtest="$t" \
        -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=0 -Djazzer.internal.arg.2=-runs="$RUNS" \
        -Djazzer.internal.arg.3=-max_len="$maxlen" >"$log" 2>&1; then
        result=ok
    else
        result=FAILED
        status=1
    fi
    echo "   $result: $(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)"
done
exit $status
