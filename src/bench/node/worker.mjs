// One load-generating process, driven by bench.mjs over the IPC channel (child_process.fork). It holds a number of
// socket.io-client connections (each its own Engine.IO connection: forceNew) and does what it is told:
//   connect   open `count` clients (websocket only, no reconnection), optionally joining a room, from one source
//             address (localAddress) or several in turn (localAddresses: one address has ~28,000 ephemeral ports)
//   record    start / stop counting received "msg" events of one send phase and recording their latency (the send
//             time travels in the payload)
//   send      emit "broadcast"(room, payload) from its first client at a fixed rate for a fixed time
//   saturate  emit "broadcast"(room, payload) from its last client but one as fast as they are delivered: `inFlight`
//             at first, then one more each time its last client (the sentinel, the room's last joiner) receives one
//   echo      emit "echo"(payload) with an ack from every client at a fixed rate each, recording send -> ack
//   echo-loop the same in a closed loop: each client emits its next echo when the last one's ack arrives
//   stop-reading  every client of this process stops reading its socket (its TCP receive buffer fills, the server's
//             writes to it stall) and stops watching the server's heartbeat, so only the server can end it
//   stats     the server's open Engine.IO sessions (the `stats` handler of both bench servers)
//   close     disconnect every client
// Times are process.hrtime (CLOCK_MONOTONIC): the same clock in every process of the machine, so a receiver can
// subtract the sender's timestamp. Every loop is bounded by a count or a duration; the process exits when the
// coordinator goes away.
import { io } from "socket.io-client";
import { Histogram } from "./histogram.mjs";

const sockets = [];
let recording = false;
let phase = -1; // the send phase being measured: messages of earlier phases (warm-up backlog) are not counted
let received = 0;
let hist = new Histogram();
const nowNs = () => Number(process.hrtime.bigint());

function reply(msg) {
  if (process.connected) process.send(msg);
}

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function connectOne(url, room, localAddress, timeoutMs) {
  return new Promise((resolve) => {
    const s = io(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      timeout: timeoutMs,
      ...(localAddress ? { localAddress } : {}),
    });
    const fail = (why) => {
      s.disconnect();
      resolve({ ok: false, why: String(why && why.message ? why.message : why) });
    };
    s.on("msg", (data) => {
      if (recording && data && data.ph === phase && typeof data.t === "number") {
        received++;
        hist.record((nowNs() - data.t) / 1000);
      }
    });
    s.once("connect_error", fail);
    s.once("connect", () => {
      sockets.push(s);
      if (!room) {
        resolve({ ok: true });
        return;
      }
      s.timeout(timeoutMs).emit("join", room, (err) => (err ? fail("join: " + err) : resolve({ ok: true })));
    });
  });
}

// localAddresses (with first, the index of this process's first connection among all of them): the k-th
// connection of the whole run uses localAddresses[k % length], so every address gets an equal share
async function connect({ url, count, room, localAddress, localAddresses, first = 0, concurrency = 50,
  timeoutMs = 20000 }) {
  const t0 = Date.now();
  let next = 0;
  let ok = 0;
  const errors = {};
  const lane = async () => {
    while (next < count) {
      const k = next++;
      const from = localAddresses ? localAddresses[(first + k) % localAddresses.length] : localAddress;
      const r = await connectOne(url, room, from, timeoutMs);
      if (r.ok) ok++;
      else errors[r.why] = (errors[r.why] || 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { ok, failed: count - ok, errors, ms: Date.now() - t0 };
}

// Calls fn(i) `rate` times a second for `durationMs`, catching up on timer lateness so the rate holds.
function paced(rate, durationMs, fn) {
  return new Promise((resolve) => {
    const total = Math.round((rate * durationMs) / 1000);
    const start = nowNs();
    let done = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor(((nowNs() - start) / 1e9) * rate) + 1);
      while (done < due) fn(done++);
      if (done >= total) {
        clearInterval(timer);
        resolve(done);
      }
    };
    const timer = setInterval(tick, Math.max(1, Math.min(10, Math.floor(1000 / rate))));
    tick();
  });
}

async function send({ room, rate, durationMs, payloadBytes, ph }) {
  const s = sockets[0];
  const pad = "x".repeat(payloadBytes);
  const sent = await paced(rate, durationMs, (seq) => s.emit("broadcast", room, { t: nowNs(), ph, seq, pad }));
  return { sent };
}

/**
 * Broadcasts as fast as they are delivered: `inFlight` broadcasts at once, then broadcast k + inFlight when the
 * sentinel (this process's last client, which joined the room after every other receiver) has received broadcast
 * k, so the server has written broadcast k to its targets (all of them where the room is in join order, as in
 * Node's adapter) before more are sent. The k-th receipt sends the next: one for one, so `inFlight` stay
 * outstanding whatever the order of arrival. After `durationMs` no more are sent; it returns once the sentinel has
 * all of them, or drainMs later (a lost one never comes).
 */
async function saturate({ room, inFlight, durationMs, payloadBytes, ph, drainMs = 5000 }) {
  if (sockets.length < 2) throw new Error("saturate: a sender and a sentinel are needed");
  const s = sockets[sockets.length - 2]; // connected right before the sentinel, after this process's receivers
  const sentinel = sockets[sockets.length - 1];
  const pad = "x".repeat(payloadBytes);
  const end = nowNs() + durationMs * 1e6;
  let sent = 0;
  let seen = 0;
  const emit = () => s.emit("broadcast", room, { t: nowNs(), ph, seq: sent++, pad });
  let done;
  const finished = new Promise((r) => (done = r));
  const onMsg = (data) => {
    if (!data || data.ph !== ph) return; // a warm-up straggler does not open a slot
    seen++;
    if (nowNs() < end) emit();
    else if (seen >= sent) done();
  };
  sentinel.on("msg", onMsg);
  for (let i = 0; i < inFlight; i++) emit();
  const bound = setTimeout(done, durationMs + drainMs);
  await finished;
  clearTimeout(bound);
  sentinel.off("msg", onMsg);
  return { sent, sentinelReceived: seen };
}

async function echo({ rate, durationMs, payloadBytes, drainMs = 5000 }) {
  const pad = "x".repeat(payloadBytes);
  const h = new Histogram();
  let acked = 0;
  const n = sockets.length;
  const sent = await paced(rate * n, durationMs, (i) => {
    const t = nowNs();
    sockets[i % n].emit("echo", { t, pad }, () => {
      acked++;
      h.record((nowNs() - t) / 1000);
    });
  });
  const until = Date.now() + drainMs;
  while (acked < sent && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return { sent, acked, hist: h.toJSON() };
}

/**
 * The closed loop: every client keeps one echo outstanding, emitting the next as soon as the ack of the last
 * arrives, for `durationMs`; then waits for the outstanding ones (or drainMs).
 */
async function echoLoop({ durationMs, payloadBytes, drainMs = 5000 }) {
  const pad = "x".repeat(payloadBytes);
  const h = new Histogram();
  const end = nowNs() + durationMs * 1e6;
  let sent = 0;
  let acked = 0;
  let done;
  const finished = new Promise((r) => (done = r));
  const emit = (s) => {
    const t = nowNs();
    sent++;
    s.emit("echo", { t, pad }, () => {
      acked++;
      const now = nowNs();
      h.record((now - t) / 1000);
      if (now < end) emit(s);
      else if (acked === sent) done();
    });
  };
  sockets.forEach(emit);
  const bound = setTimeout(done, durationMs + drainMs);
  await finished;
  clearTimeout(bound);
  return { sent, acked, hist: h.toJSON() };
}

function stopReading() {
  let paused = 0;
  for (const s of sockets) {
    const engine = s.io.engine;
    // the client would close itself once pings stop arriving (pingInterval + pingTimeout): the server must do it
    engine.clearTimeoutFn(engine._pingTimeoutTimer);
    engine._resetPingTimeout = () => {};
    engine._pingTimeoutTime = Infinity;
    const tcp = engine.transport && engine.transport.ws && engine.transport.ws._socket; // ws's net.Socket
    if (tcp) {
      tcp.pause();
      paused++;
    }
  }
  return paused;
}

function stats() {
  return new Promise((resolve) => {
    sockets[0].timeout(5000).emit("stats", (err, r) => resolve(err ? { sessions: NaN } : r));
  });
}

process.on("message", async (m) => {
  try {
    switch (m.cmd) {
      case "connect":
        reply({ id: m.id, ...(await connect(m)) });
        break;
      case "record":
        if (m.on) {
          hist = new Histogram();
          received = 0;
          phase = m.phase;
          recording = true;
          reply({ id: m.id, cpu: cpuSeconds() });
        } else {
          recording = false;
          reply({ id: m.id, received, hist: hist.toJSON(), cpu: cpuSeconds() });
        }
        break;
      case "count":
        reply({ id: m.id, received });
        break;
      case "send":
        reply({ id: m.id, ...(await send(m)), cpu: cpuSeconds() });
        break;
      case "saturate":
        reply({ id: m.id, ...(await saturate(m)), cpu: cpuSeconds() });
        break;
      case "echo":
        reply({ id: m.id, ...(await echo(m)), cpu: cpuSeconds() });
        break;
      case "echo-loop":
        reply({ id: m.id, ...(await echoLoop(m)), cpu: cpuSeconds() });
        break;
      case "cpu":
        reply({ id: m.id, cpu: cpuSeconds(), rss: process.memoryUsage().rss });
        break;
      case "stop-reading":
        reply({ id: m.id, paused: stopReading() });
        break;
      case "stats":
        reply({ id: m.id, ...(await stats()) });
        break;
      case "close":
        for (const s of sockets.splice(0)) s.disconnect();
        reply({ id: m.id });
        break;
      case "exit":
        process.exit(0);
        break;
      default:
        reply({ id: m.id, error: "unknown command " + m.cmd });
    }
  } catch (e) {
    reply({ id: m.id, error: String(e && e.stack ? e.stack : e) });
  }
});
process.on("disconnect", () => process.exit(0));
