// Drives npm ws (the WebSocket library under Node's socket.io, independent of ours) against an Engine.IO server
// that echoes every message (EngineEcho), speaking Engine.IO by hand over raw frames.
//   node ws-client.mjs <ws url>
// Offers permessage-deflate (ws does by default), sends a text message in two fragments, a binary message, a
// 200 KB text message (64-bit length), a ping; checks the echoes and the pong; closes with 4000 and prints one
// JSON line: {"ok":true,"extensions":..,"open":..,"text":..,"binary":[..],"bigLength":..,"pong":..,"closeCode":..}
// Exit code 0 on success; 1 on any failure or after 10 s, with "error" in the JSON line.
import WebSocket from "ws";

const [url] = process.argv.slice(2);
const TEXT = "héllo €😀";
const BIG = "x".repeat(200_000);
const result = { ok: false };

function finish(error) {
  if (error) {
    result.error = String(error?.stack ?? error);
  }
  result.ok = !error;
  console.log(JSON.stringify(result));
  process.exit(error ? 1 : 0);
}

setTimeout(() => finish("timeout after 10 s"), 10_000).unref();

const ws = new WebSocket(url);
const echoes = [];

ws.on("open", () => {
  result.extensions = ws.extensions; // "" when the server negotiated none
});

ws.on("message", (data, isBinary) => {
  if (!result.open) {
    result.open = data.toString();
    ws.send("4hé", { fin: false }); // a fragmented text message: the "é" stays whole, the rest follows
    ws.send("llo €😀", { fin: true });
    ws.send(Uint8Array.from([1, 2, 3, 255]));
    ws.send("4" + BIG);
    ws.ping("are you there");
    return;
  }
  if (!isBinary && data.toString() === "2") {
    ws.send("3"); // an Engine.IO ping: answer it
    return;
  }
  echoes.push(isBinary ? { binary: [...data] } : { text: data.toString() });
  if (echoes.length === 3) {
    result.text = echoes[0].text;
    result.binary = echoes[1].binary;
    result.bigLength = echoes[2].text?.length;
    ws.close(4000, "done");
  }
});

ws.on("pong", (data) => {
  result.pong = data.toString();
});

ws.on("close", (code, reason) => {
  result.closeCode = code;
  result.closeReason = reason.toString();
  if (result.text !== "4" + TEXT) {
    finish(`text echo differs: ${JSON.stringify(result.text)}`);
  } else if (JSON.stringify(result.binary) !== "[1,2,3,255]") {
    finish(`binary echo differs: ${JSON.stringify(result.binary)}`);
  } else {
    finish();
  }
});

ws.on("error", (err) => finish(`error: ${err?.message ?? err}`));
