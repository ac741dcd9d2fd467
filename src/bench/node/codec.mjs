// The Node.js twin of org.socketioee.bench.CodecBenchmark (src/bench/java): the same packets through
// socket.io-parser 4.2 (the codec of the socket.io 4.8 server), timed in a plain loop after a warm-up, so that
// src/bench/codec.sh can print Java's time per operation beside Node's.
//
//   node codec.mjs [--ms 1000] [--rounds 5]      # prints one JSON line: {benchmark: ns per operation, ...}
import { Encoder, Decoder } from "socket.io-parser";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const MS = Number(opt("ms", 1000));
const ROUNDS = Number(opt("rounds", 5));

const TEXT = "x".repeat(100);
const MAP = { room: "lobby", user: "ada", text: "hello, how are you all doing today?", ts: 1765000000000 };
const BINARY = Buffer.alloc(1024);
const WIRE_STRING = `2["msg","${TEXT}"]`;
const WIRE_MAP = `2["msg",${JSON.stringify(MAP)}]`;
const WIRE_ACK = '37[{"ok":true,"id":42}]';

const encoder = new Encoder();
const EVENT = 2, ACK = 3;
const encode = (packet) => encoder.encode(packet);
const decode = (text) => {
  let out;
  const d = new Decoder();
  d.on("decoded", (p) => (out = p));
  d.add(text);
  return out.data;
};

// each returns something, kept in a sink, so that nothing is optimized away
const benches = {
  encodeEventString: () => encode({ type: EVENT, nsp: "/", data: ["msg", TEXT] })[0],
  encodeEventMap: () => encode({ type: EVENT, nsp: "/", data: ["msg", MAP] })[0],
  // a record in Java; in Node the same object
  encodeEventRecord: () => encode({ type: EVENT, nsp: "/", data: ["msg", { ...MAP }] })[0],
  encodeEventBinary: () => encode({ type: EVENT, nsp: "/", data: ["file", "a.bin", BINARY] }),
  encodeAck: () => encode({ type: ACK, nsp: "/", id: 7, data: [{ ok: true, id: 42 }] })[0],
  decodeEventString: () => decode(WIRE_STRING),
  decodeEventMap: () => decode(WIRE_MAP),
  decodeEventToRecord: () => decode(WIRE_MAP)[1],
  decodeAck: () => decode(WIRE_ACK),
};

// the wire forms are the ones the Java benchmark decodes and writes
if (benches.encodeEventMap() !== WIRE_MAP || benches.encodeAck() !== WIRE_ACK
    || benches.encodeEventString() !== WIRE_STRING) {
  throw new Error("wire forms differ from CodecBenchmark's");
}

let sink = 0;
const time = (fn) => {
  let n = 0;
  const end = process.hrtime.bigint() + BigInt(MS) * 1000000n;
  const start = process.hrtime.bigint();
  let now = start;
  while (now < end) {
    for (let i = 0; i < 1000; i++) if (fn()) sink++;
    n += 1000;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / n;
};

const result = {};
for (const [name, fn] of Object.entries(benches)) {
  time(fn); // warm-up, as JMH's
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) runs.push(time(fn));
  runs.sort((a, b) => a - b);
  result[name] = Math.round(runs[Math.floor(runs.length / 2)] * 10) / 10; // the median round, ns per operation
}
console.log(JSON.stringify(result));
if (sink === 0) console.error("sink empty");
