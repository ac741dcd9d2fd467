// Drives the official engine.io-client against a server that echoes every message.
//   node engine-client.mjs <baseUrl> <websocket|polling|upgrade>
// Sends one text and one binary message, checks both echoes, closes, and prints one JSON line:
//   {"ok":true,"mode":..,"sid":..,"transport":..,"text":..,"binary":[..],"binaryKind":..}
// Exit code 0 on success; 1 on any failure or after 10 s, with "error" in the JSON line.
import { Socket } from "engine.io-client";

const [url, mode] = process.argv.slice(2);
const MODES = {
  websocket: { transports: ["websocket"] },
  polling: { transports: ["polling"], upgrade: false },
  upgrade: { transports: ["polling", "websocket"] },
};
const TEXT = "héllo €😀";
const BYTES = [1, 2, 3, 255];
const result = { ok: false, mode };

function finish(error) {
  if (error) {
    result.error = String(error?.stack ?? error);
  }
  result.ok = !error;
  console.log(JSON.stringify(result));
  process.exitCode = error ? 1 : 0;
}

if (!url || !MODES[mode]) {
  finish(`usage: node engine-client.mjs <baseUrl> <${Object.keys(MODES).join("|")}>`);
  process.exit();
}

const timeout = setTimeout(() => {
  result.transport = socket.transport?.name;
  finish(`timeout after 10 s (${received.length} of 2 echoes received)`);
  process.exit();
}, 10_000);

const socket = new Socket(url, { path: "/socket.io/", ...MODES[mode] });
const received = [];

function sendBoth() {
  socket.send(TEXT);
  socket.send(Uint8Array.from(BYTES));
}

socket.on("open", () => {
  result.sid = socket.id;
  if (mode === "upgrade") {
    socket.once("upgrade", sendBoth); // only once the WebSocket has replaced polling
  } else {
    sendBoth();
  }
});

socket.on("message", (data) => {
  received.push(data);
  if (received.length < 2) {
    return;
  }
  const [text, binary] = received;
  result.transport = socket.transport.name;
  result.text = text;
  result.binaryKind = Buffer.isBuffer(binary) ? "Buffer" : binary?.constructor?.name;
  result.binary = binary instanceof ArrayBuffer || ArrayBuffer.isView(binary) ? [...new Uint8Array(binary)] : binary;
  clearTimeout(timeout);
  socket.off("close", onEarlyClose);
  socket.close();
  if (text !== TEXT) {
    finish(`text echo differs: ${JSON.stringify(text)}`);
  } else if (JSON.stringify(result.binary) !== JSON.stringify(BYTES)) {
    finish(`binary echo differs: ${JSON.stringify(result.binary)} (${result.binaryKind})`);
  } else {
    finish();
  }
  // let the close frame / close packet go out, then exit even if a socket lingers
  setTimeout(() => process.exit(), 2_000).unref();
});

function onEarlyClose(reason, details) {
  clearTimeout(timeout);
  finish(`closed before both echoes: ${reason} ${details?.message ?? ""}`.trim());
  process.exit();
}

socket.on("close", onEarlyClose);
socket.on("error", (err) => {
  clearTimeout(timeout);
  finish(`error: ${err?.message ?? err}`);
  process.exit();
});
