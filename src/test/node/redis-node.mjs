// A Node.js node of a Redis cluster (socket.io 4.8 + @socket.io/redis-adapter 8.3.0), driven by the JUnit cluster
// tests (RedisNodeInteropTest): node redis-node.mjs --prefix P [--redis URL] [--name N] [--sharded MODE].
// --sharded: createShardedAdapter (SPUBLISH/SSUBSCRIBE) with that subscriptionMode (static, dynamic,
// dynamic-private) and P as its channelPrefix, instead of the classic createAdapter. --streams:
// @socket.io/redis-streams-adapter 0.3.1 with P as its streamName and channelPrefix; --recovery MS turns on
// connection state recovery with that window.
// Prints {"port":…} once listening and subscribed. Socket.IO at /socket.io/ on that port; POST /cmd with a JSON
// command runs it on this node and answers its JSON result. Binary values travel in commands and results as
// {"$bin":"<base64>"}. A client's auth {name, room}: socket.data.name = name, the socket joins room.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import { createAdapter as createStreamsAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import { fromWire, toWire } from "./wire.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf("--" + name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const prefix = arg("prefix", "socket.io");
const name = arg("name", "node");
const url = arg("redis", "redis://localhost:6379");

const pub = createClient({ url });
const sub = pub.duplicate();
await Promise.all([pub.connect(), sub.connect()]);

const http = createServer();
const sharded = arg("sharded", null);
const streams = process.argv.includes("--streams");
const recovery = Number(arg("recovery", "0"));
const io = new Server(http, {
  adapter: streams
    ? createStreamsAdapter(pub, { streamName: prefix, channelPrefix: prefix })
    : sharded
      ? createShardedAdapter(pub, sub, { channelPrefix: prefix, subscriptionMode: sharded })
      : createAdapter(pub, sub, { key: prefix, requestsTimeout: 3000 }),
  ...(recovery > 0 ? { connectionStateRecovery: { maxDisconnectionDuration: recovery, skipMiddlewares: true } } : {}),
});

const serverSide = []; // serverSideEmit events received from other nodes
io.on("who", (...args) => {
  const cb = typeof args[args.length - 1] === "function" ? args.pop() : null;
  serverSide.push({ event: "who", args: toWire(args) });
  if (cb) cb(name);
});
io.on("note", (...args) => serverSide.push({ event: "note", args: toWire(args) }));

io.on("connection", (socket) => {
  if (socket.recovered) return; // its data and rooms came back with it
  const auth = socket.handshake.auth || {};
  socket.data = { name: auth.name };
  if (auth.room) socket.join(auth.room);
});


const target = (c) => {
  let op = io.of(c.nsp || "/");
  if (c.rooms) op = op.to(c.rooms);
  if (c.except) op = op.except(c.except);
  if (c.volatile) op = op.volatile;
  if (c.timeout) op = op.timeout(c.timeout);
  return op;
};

async function run(c) {
  switch (c.op) {
    case "emit":
      target(c).emit(c.event, ...fromWire(c.args || []));
      return { ok: true };
    case "emitWithAck":
      try {
        return { responses: toWire(await target(c).emitWithAck(c.event, ...fromWire(c.args || []))) };
      } catch (e) {
        return { error: e.message };
      }
    case "fetch": {
      const sockets = await target(c).fetchSockets();
      return sockets.map((s) => ({ id: s.id, rooms: [...s.rooms].sort(), data: s.data, auth: s.handshake.auth,
        query: s.handshake.query, host: s.handshake.headers?.host }))
        .sort((a, b) => String(a.data?.name).localeCompare(String(b.data?.name)));
    }
    case "remoteEmit": {
      const sockets = await target(c).fetchSockets();
      sockets.forEach((s) => s.emit(c.event, ...fromWire(c.args || [])));
      return { count: sockets.length };
    }
    case "socketsJoin":
      target(c).socketsJoin(c.room);
      return { ok: true };
    case "socketsLeave":
      target(c).socketsLeave(c.room);
      return { ok: true };
    case "disconnect":
      target(c).disconnectSockets(true);
      return { ok: true };
    case "serverSideEmit":
      io.serverSideEmit(c.event, ...fromWire(c.args || []));
      return { ok: true };
    case "serverSideEmitWithAck":
      try {
        return { responses: toWire(await io.serverSideEmitWithAck(c.event, ...fromWire(c.args || []))) };
      } catch (e) {
        return { error: e.message, responses: toWire(e.responses) };
      }
    case "allRooms":
      return [...(await io.of("/").adapter.allRooms())].sort();
    case "serverCount":
      return await io.of("/").adapter.serverCount();
    case "serverSide":
      return serverSide;
    case "drop": { // the transport of a local socket closes under it: a recoverable disconnection
      const socket = io.of("/").sockets.get(c.id);
      if (!socket) return { error: "no socket " + c.id };
      socket.conn.close();
      return { ok: true };
    }
    case "socket": { // a local socket as this node has it
      const socket = io.of("/").sockets.get(c.id);
      return socket ? { recovered: socket.recovered, rooms: [...socket.rooms].sort(), data: socket.data } : null;
    }
    default:
      return { error: "unknown op " + c.op };
  }
}

http.prependListener("request", (req, res) => {
  if (req.url !== "/cmd") return;
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", async () => {
    let out;
    try {
      out = await run(JSON.parse(body));
    } catch (e) {
      out = { error: String(e && e.message) };
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(out));
  });
});

http.listen(0, "127.0.0.1", () => {
  // the adapter subscribes asynchronously: announce once the request channel counts this node
  const check = async () => {
    const n = sharded
      ? await pub.sendCommand(["PUBSUB", "SHARDNUMSUB", prefix + "#/#"])
      : await pub.sendCommand(["PUBSUB", "NUMSUB", streams ? prefix + "#/#" : prefix + "-request#/#"]);
    if (Number(n[1]) >= 1) {
      console.log(JSON.stringify({ port: http.address().port }));
    } else {
      setTimeout(check, 20);
    }
  };
  check();
});

const stop = async () => {
  io.close();
  await Promise.allSettled([pub.quit(), sub.quit()]);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.stdin.on("end", stop); // the test closes our stdin (or dies): go
process.stdin.resume();
