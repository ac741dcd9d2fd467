// One load process of the soak (soak.mjs starts several, and kills some with SIGKILL on purpose). Until it gets
// SIGTERM (then it disconnects every client cleanly and exits) it keeps up a mix of what real clients do:
//   - `--clients` long-lived clients over websocket, polling, and polling upgraded to websocket (in turn), all in
//     room "soak": each emits "echo" with an ack once a second; the first one broadcasts to the room 5 times a
//     second (every client receives it);
//   - churn: every `--churn-ms` a short-lived client on one of the three transports connects, joins, gets one echo
//     acknowledged, then disconnects cleanly, or (one in four, websocket only) dies abruptly: its TCP socket is
//     destroyed with no close frame and no Engine.IO close packet.
// Every 10 s it prints one JSON line of counters (since the start) on stdout.
//
//   node soak-worker.mjs --url http://127.0.0.1:18080 [--clients 50] [--churn-ms 200] [--local 127.0.0.10]
import { io } from "socket.io-client";

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const url = opt("url", "http://127.0.0.1:18080");
const clients = Number(opt("clients", "50"));
const churnMs = Number(opt("churn-ms", "200"));
const localAddress = opt("local", undefined);
const TRANSPORTS = [["websocket"], ["polling"], ["polling", "websocket"]];

const c = { connected: 0, connectErrors: 0, clean: 0, aborted: 0, acks: 0, ackTimeouts: 0, received: 0, upgrades: 0 };
const longLived = [];
const timers = [];
let stopping = false;

function open(transports) {
  const s = io(url, {
    transports,
    forceNew: true,
    reconnection: false,
    timeout: 20000,
    ...(localAddress ? { localAddress } : {}),
  });
  s.io.engine.on("upgrade", () => c.upgrades++);
  return s;
}

function ready(s) {
  return new Promise((resolve) => {
    s.once("connect_error", () => {
      c.connectErrors++;
      s.disconnect();
      resolve(false);
    });
    s.once("connect", () => {
      c.connected++;
      s.timeout(10000).emit("join", "soak", (err) => resolve(!err));
    });
  });
}

function echo(s) {
  return new Promise((resolve) => {
    s.timeout(10000).emit("echo", { t: Date.now() }, (err) => {
      if (err) c.ackTimeouts++;
      else c.acks++;
      resolve();
    });
  });
}

/** Destroys the client's TCP connection under the WebSocket: the server sees the network drop, nothing else. */
function abort(s) {
  const ws = s.io.engine.transport && s.io.engine.transport.ws;
  const socket = ws && ws._socket;
  if (socket) {
    socket.destroy();
    c.aborted++;
    return true;
  }
  return false;
}

async function churnOne(i) {
  const transports = TRANSPORTS[i % TRANSPORTS.length];
  const s = open(transports);
  if (!(await ready(s))) return;
  await echo(s);
  if (transports.length === 1 && transports[0] === "websocket" && i % 4 === 3 && abort(s)) {
    return; // no disconnect(): the client is gone as if its machine lost power
  }
  s.disconnect();
  c.clean++;
}

async function main() {
  for (let i = 0; i < clients && !stopping; i++) {
    const s = open(TRANSPORTS[i % TRANSPORTS.length]);
    s.on("msg", () => c.received++);
    longLived.push(s);
    await ready(s);
  }
  timers.push(setInterval(() => longLived.forEach((s) => s.connected && echo(s)), 1000));
  timers.push(setInterval(() => {
    const s = longLived[0];
    if (s && s.connected) s.emit("broadcast", "soak", { t: Date.now() });
  }, 200));
  let n = 0;
  timers.push(setInterval(() => churnOne(n++), churnMs));
  timers.push(setInterval(() => console.log(JSON.stringify(c)), 10000));
}

function stop() {
  stopping = true;
  timers.forEach(clearInterval);
  for (const s of longLived) s.disconnect();
  console.log(JSON.stringify(c));
  // give the close packets (and polling's last POST) time to leave
  setTimeout(() => process.exit(0), 1500);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
main();
