// The Admin UI's side of one scenario, on npm socket.io-client, against a server with the Admin UI on (the Node
// reference or ours): prints, one JSON line each, what /admin sent, normalized so that two servers can be compared
// line for line: ids and session ids numbered by first appearance, times "T", handshake values that differ by
// server or by run ("host", the WebSocket key, the address form, issued) replaced, header and query keys sorted.
//   node admin-observer.mjs <base url>
import { io } from "socket.io-client";

const base = process.argv[2];
const seen = [];
const waiters = [];
const ids = new Map();
const place = (v) => {
  if (!ids.has(v)) ids.set(v, `<id${ids.size}>`);
  return ids.get(v);
};

function once(name) {
  return new Promise((resolve) => waiters.push({ name, resolve }));
}

const app = io(base, { transports: ["websocket"], forceNew: true, reconnection: false });
await new Promise((r) => app.on("connect", r));
await app.timeout(10_000).emitWithAck("join", "lobby");

const admin = io(base + "/admin", {
  transports: ["websocket"], forceNew: true, reconnection: false,
  auth: { username: "admin", password: "changeit" },
});
admin.onAny((name, ...args) => {
  if (name !== "server_stats") seen.push([name, ...args]);
  const i = waiters.findIndex((w) => w.name === name);
  if (i >= 0) waiters.splice(i, 1)[0].resolve(args);
});
admin.on("connect_error", (e) => { console.error("connect_error", e.message); process.exit(2); });
await once("all_sockets");
app.emit("echo", "hi", { n: 1 }, [true, null]);
await once("event_sent");
admin.emit("join", "/", "r3", app.id);
await once("room_joined");
admin.emit("leave", "/", "r3", app.id);
await once("room_left");
// registered before the command: the three events may come in one batch
const gone = Promise.all([once("socket_disconnected"), once("room_left"), once("room_left")]);
admin.emit("_disconnect", "/", false, app.id);
await gone;
const [stats] = await once("server_stats");
// the counts depend on the timer's rounds; their form, the other fields and the namespaces do not
seen.push(["server_stats", { keys: Object.keys(stats), namespaces: stats.namespaces }]);
admin.close();
app.close();

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d{4} \d\d:\d\d:\d\d GMT[+-]\d{4} \(.+\)$/;
const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
function normalize(v, key) {
  if (typeof v === "string") {
    if (ISO.test(v)) return "T";
    if (DATE.test(v)) return "D";
    if (key === "id" || key === "clientId" || /^[A-Za-z0-9_-]{20}$/.test(v) || /^[0-9a-f]{16}$/.test(v)) return place(v);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => normalize(x));
  if (v && typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === "handshake") {
        out[k] = normalize({ ...x, address: "<address>", issued: typeof x.issued,
          headers: sorted({ ...x.headers, host: "<host>", "sec-websocket-key": "<key>" }), query: sorted(x.query) });
      } else if (k === "clientId") {
        out[k] = place("client:" + x);
      } else {
        out[k] = normalize(x, k);
      }
    }
    return out;
  }
  return v;
}
// the rooms a disconnected socket leaves come in the server's order: Node's is the order joined, ours is not kept
const lines = seen.map((e) => JSON.stringify(normalize(e)));
const i = seen.findIndex((e) => e[0] === "socket_disconnected");
lines.splice(i + 1, 2, ...lines.slice(i + 1, i + 3).sort());
lines.forEach((l) => console.log(l));
process.exit(0);
