// Drives the official socket.io-client against the interop server (org.socketioee.testing.InteropHandlers).
//   node socketio-client.mjs <baseUrl> <websocket|polling|upgrade> <scenario>
// Runs one scenario and prints one JSON line with what the client observed: {"ok":true,"mode":..,"scenario":..,...}.
// Event arguments are reported raw (the server's recovery offset, when it appends one, stays last); binary values
// as {"$bin":[bytes],"$type":constructor name}.
// Exit code 0 on success; 1 on any failure or after 15 s, with "error" in the JSON line.
import { io, Manager } from "socket.io-client";

const [url, mode, scenario] = process.argv.slice(2);
const MODES = {
  websocket: { transports: ["websocket"] },
  polling: { transports: ["polling"], upgrade: false },
  upgrade: { transports: ["polling", "websocket"] },
};
const result = { ok: false, mode, scenario };
const sockets = [];

function finish(error) {
  if (error) {
    result.error = String(error?.stack ?? error);
  }
  result.ok = !error;
  console.log(JSON.stringify(result));
  process.exitCode = error ? 1 : 0;
  sockets.forEach((s) => s.disconnect());
  // let the DISCONNECT / close frames go out, then exit even if a socket lingers
  setTimeout(() => process.exit(), 1_000).unref();
}

/** JSON-safe form of event arguments: binary as {$bin,$type}, functions (ack callbacks) as {$fn:true}. */
function plain(v) {
  if (Buffer.isBuffer(v)) {
    return { $bin: [...v], $type: "Buffer" };
  }
  if (v instanceof ArrayBuffer) {
    return { $bin: [...new Uint8Array(v)], $type: "ArrayBuffer" };
  }
  if (ArrayBuffer.isView(v)) {
    return { $bin: [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)], $type: v.constructor.name };
  }
  if (Array.isArray(v)) {
    return v.map(plain);
  }
  if (typeof v === "function") {
    return { $fn: true };
  }
  if (v === undefined) {
    return { $undefined: true };
  }
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

/** A socket of a new Manager (its own Engine.IO connection), with the mode's transports. */
function connect(nsp = "/", opts = {}) {
  const s = io(url + nsp, { path: "/socket.io/", forceNew: true, ...MODES[mode], ...opts });
  sockets.push(s);
  return s;
}

/** The next emission of a client event, with all its arguments; fails after ms. */
function next(socket, event, ms = 5_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${ms} ms`)), ms);
    socket.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

/** The final transport; in upgrade mode, once the upgrade happened (it must, within 5 s). */
async function settledTransport(manager) {
  const engine = manager.engine;
  if (mode === "upgrade" && engine.transport.name !== "websocket") {
    await next(engine, "upgrade");
  }
  return engine.transport.name;
}

const SCENARIOS = {
  // "/" and "/custom" on one Manager: one Engine.IO connection, two sockets, each with its own auth payload
  async namespaces() {
    const manager = new Manager(url, { path: "/socket.io/", ...MODES[mode] });
    const main = manager.socket("/", { auth: { who: "main" } });
    const custom = manager.socket("/custom", { auth: { who: "custom", n: 2 } });
    sockets.push(main, custom);
    const [mainAuth, customAuth] = await Promise.all([next(main, "auth"), next(custom, "auth")]);
    result.mainAuth = plain(mainAuth);
    result.customAuth = plain(customAuth);
    result.mainId = main.id;
    result.customId = custom.id;
    result.engineId = manager.engine.id;
    main.emit("message", "on main");
    result.mainMessageBack = plain(await next(main, "message-back"));
    result.transport = await settledTransport(manager);
  },

  // rich auth payload, and none (the server sees {})
  async auth() {
    const payload = { token: "abc", n: 42, f: 1.5, ok: true, nothing: null, list: [1, "two", { three: 3 }],
      nested: { unicode: "héllo €😀", empty: {} } };
    const withAuth = connect("/", { auth: payload });
    result.auth = plain(await next(withAuth, "auth"));
    const withoutAuth = connect("/");
    result.noAuth = plain(await next(withoutAuth, "auth"));
    result.transport = await settledTransport(withAuth.io);
  },

  // client → server acks (emitWithAck, callback, timeout) and server → client (question, then client-answered)
  async acks() {
    const s = connect("/");
    await next(s, "auth");
    result.emitWithAck = plain(await s.emitWithAck("message-with-ack", "é", 2, { three: [3] }));
    result.callbackAck = plain(await new Promise((resolve) =>
      s.emit("message-with-ack", "é", 2, { three: [3] }, null, (...args) => resolve(args))));
    result.timeoutAck = plain(await s.timeout(5_000).emitWithAck("message-with-ack", "in time"));
    s.on("question", (...args) => {
      result.question = plain(args);
      args[args.length - 1]({ answer: args[0].q * 2 });
    });
    const answered = next(s, "client-answered");
    s.emit("ask-client", { q: 21 });
    result.clientAnswered = plain(await answered);
    result.transport = await settledTransport(s.io);
  },

  // Buffers at any depth, both ways, in events and acks
  async binary() {
    const s = connect("/");
    await next(s, "auth");
    s.emit("message", Buffer.from([1, 2, 3]), { a: { b: [Buffer.from([4]), { c: Buffer.from([255, 0]) }] }, s: "x" },
      [Buffer.alloc(0), 7]);
    result.messageBack = plain(await next(s, "message-back"));
    s.emit("binary-deep");
    result.binaryBack = plain(await next(s, "binary-back"));
    result.binaryAck = plain(await new Promise((resolve) =>
      s.emit("message-with-ack", { deep: [Buffer.from([9, 8])] }, "text", (...args) => resolve(args))));
    result.transport = await settledTransport(s.io);
  },

  // a and b join the room, c joins another; a broadcasts: a and b get it, c gets nothing within 1 s
  async rooms() {
    const [a, b, c] = [connect("/"), connect("/"), connect("/")];
    await Promise.all([a, b, c].map((s) => next(s, "auth")));
    result.joins = plain(await Promise.all([
      a.emitWithAck("join", "r1"), b.emitWithAck("join", "r1"), c.emitWithAck("join", "r2")]));
    const got = { a: [], b: [], c: [] };
    Object.entries({ a, b, c }).forEach(([k, s]) => s.on("room-message", (...args) => got[k].push(plain(args))));
    a.emit("room-broadcast", "r1", { hello: "room", n: 1 });
    const deadline = Date.now() + 5_000;
    while ((got.a.length < 1 || got.b.length < 1) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 1_000)); // c's chance to (wrongly) receive it, and for duplicates
    result.received = got;
    result.transport = await settledTransport(a.io);
  },

  // /secret: refused without or with a wrong token (no reconnection), accepted with it
  async middleware() {
    const refused = connect("/secret");
    const [err] = await next(refused, "connect_error");
    result.noToken = { message: err.message, data: plain(err.data), active: refused.active,
      connected: refused.connected };
    const wrong = connect("/secret", { auth: { token: "nope" } });
    const [err2] = await next(wrong, "connect_error");
    result.wrongToken = { message: err2.message, data: plain(err2.data) };
    const ok = connect("/secret", { auth: { token: "s3cret" } });
    result.welcome = plain(await next(ok, "welcome"));
    result.connected = ok.connected;
    result.transport = await settledTransport(ok.io);
  },

  // connection state recovery: get an offset, lose the transport, reconnect alone, get the 3 missed events
  async recovery() {
    const s = connect("/", { auth: { token: "recover-me" } });
    result.firstAuth = plain(await next(s, "auth"));
    result.firstId = s.id;
    result.firstRecovered = s.recovered;
    result.join = plain(await s.emitWithAck("join", "rec"));
    const first = next(s, "room-message");
    s.emit("room-broadcast", "rec", "before");
    result.roomMessage = plain(await first);
    result.whoamiBefore = plain(await s.emitWithAck("whoami"));
    result.transportBefore = await settledTransport(s.io);

    // from here on, in arrival order: the events of the reconnection as the client emits them
    const timeline = [];
    s.on("disconnect", (reason) => timeline.push(["disconnect", reason]));
    s.on("missed", (...args) => timeline.push(["missed", ...plain(args), s.connected, s.recovered]));
    s.on("auth", (...args) => timeline.push(["auth", ...plain(args)]));
    s.on("connect", () => timeline.push(["connect", s.id, s.recovered]));
    const reconnected = next(s, "connect", 10_000);
    s.emit("drop-and-emit", "rec", 3);
    await reconnected;
    result.recovered = s.recovered;
    result.secondId = s.id;
    result.whoamiAfter = plain(await s.emitWithAck("whoami"));
    result.timeline = timeline; // the whoami ack comes after anything the reconnection sent
    result.transportAfter = await settledTransport(s.io);
  },
};

if (!url || !MODES[mode] || !SCENARIOS[scenario]) {
  finish(`usage: node socketio-client.mjs <baseUrl> <${Object.keys(MODES).join("|")}> `
    + `<${Object.keys(SCENARIOS).join("|")}>`);
  process.exit();
}

const timeout = setTimeout(() => {
  finish(`timeout after 15 s; observed so far: ${JSON.stringify(result)}`);
  process.exit();
}, 15_000);

SCENARIOS[scenario]().then(() => finish(), (e) => finish(e)).finally(() => clearTimeout(timeout));
