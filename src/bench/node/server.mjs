// The Node.js reference server of the benchmarks: socket.io 4.8 with the same handlers as the WAR's bench launch
// (org.socketioee.examples.BenchHandlers), its twin:
//   join(room)             -> join, then ack
//   broadcast(room, data)  -> io.to(room).emit("msg", data)
//   echo(data)             -> ack(data)
//   stats                  -> ack({sessions})
//   count(room)            -> ack(number of sockets in the room, by fetchSockets)
//   socketsJoin(room, other), disconnect-room(room), gather(room, ms), servers() -> as BenchHandlers
//
//   node --expose-gc server.mjs [--port 18090] [--host 127.0.0.1] [--recovery 120000]
//                               [--adapter redis|redis-sharded|redis-streams] [--redis-url redis://localhost:6379] [--prefix socket.io]
//                               [--name node-<pid>]
//
// --adapter redis joins a cluster with @socket.io/redis-adapter 8.3.0 (the Java nodes' `socketio.adapter=redis`
// speaks the same protocol): a mixed cluster of Java and Node nodes on one Redis. --adapter redis-sharded: its
// createShardedAdapter (SPUBLISH/SSUBSCRIBE, subscriptionMode dynamic, --prefix as channelPrefix), as the Java
// nodes' `socketio.adapter=redis-sharded`; redis-streams: @socket.io/redis-streams-adapter 0.3.1 (--prefix as its
// streamName and channelPrefix), as `socketio.adapter=redis-streams`.
// --recovery N turns on connection state recovery with a window of N ms (0, the default, leaves it off as Node
// does; the WAR's web.xml turns it on with 120000). With --expose-gc, SIGUSR2 runs a full GC and writes
// process.memoryUsage() as one JSON line to stdout and to /tmp/socketio-bench-node-<pid>.json (bench.mjs reads it).
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { Server } from "socket.io";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(opt("port", 18090));
const host = opt("host", "127.0.0.1");
const recovery = Number(opt("recovery", 0));
const name = opt("name", `node-${process.pid}`);

const http = createServer();
const io = new Server(http, {
  // the same defaults as the WAR: pingInterval 25000, pingTimeout 20000, maxHttpBufferSize 1e6
  ...(recovery > 0 ? { connectionStateRecovery: { maxDisconnectionDuration: recovery, skipMiddlewares: true } } : {}),
});

const adapter = opt("adapter", "memory");
if (adapter === "redis" || adapter === "redis-sharded" || adapter === "redis-streams") {
  // imported only here: the single-node reference needs none of these packages
  const { createClient } = await import("redis");
  const pub = createClient({ url: opt("redis-url", "redis://localhost:6379") });
  const prefix = opt("prefix", "socket.io");
  if (adapter === "redis-streams") {
    await pub.connect();
    const { createAdapter } = await import("@socket.io/redis-streams-adapter");
    io.adapter(createAdapter(pub, { streamName: prefix, channelPrefix: prefix }));
  } else {
    const { createAdapter, createShardedAdapter } = await import("@socket.io/redis-adapter");
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(adapter === "redis" ? createAdapter(pub, sub, { key: prefix })
      : createShardedAdapter(pub, sub, { channelPrefix: prefix, subscriptionMode: "dynamic" }));
  }
}

io.on("who", (ack) => ack(name));

// answers {error} instead of failing, so a load test sees it and goes on
const answer = (ack, promise) =>
  promise.then((v) => ack(v), (err) => ack(err && err.responses ? err.responses : { error: String(err && err.message) }));

io.on("connection", (socket) => {
  socket.on("join", (room, ack) => {
    socket.join(room);
    if (typeof ack === "function") ack();
  });
  socket.on("broadcast", (room, data) => {
    io.to(room).emit("msg", data);
  });
  socket.on("echo", (data, ack) => {
    if (typeof ack === "function") ack(data);
  });
  socket.on("stats", (ack) => {
    if (typeof ack === "function") ack({ sessions: io.engine.clientsCount });
  });
  socket.on("count", (room, ack) => answer(ack, io.in(room).fetchSockets().then((s) => s.length)));
  socket.on("socketsJoin", (room, other, ack) => {
    io.in(room).socketsJoin(other);
    ack(); // socketsJoin returns nothing in Node: the ack follows the request
  });
  socket.on("disconnect-room", (room, ack) => {
    ack();
    io.in(room).disconnectSockets(true);
  });
  socket.on("gather", (room, ms, ack) => answer(ack, io.in(room).timeout(ms ?? 5000).emitWithAck("q")));
  socket.on("servers", (ack) => answer(ack, io.serverSideEmitWithAck("who")));
});

process.on("SIGUSR2", () => {
  if (global.gc) {
    global.gc();
    global.gc();
  }
  const m = { ...process.memoryUsage(), gc: Boolean(global.gc), sockets: io.engine.clientsCount };
  const line = JSON.stringify(m);
  writeFileSync(`/tmp/socketio-bench-node-${process.pid}.json`, line + "\n");
  console.log(line);
});
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));

http.listen(port, host, () => {
  console.log(`socket.io ${io.constructor.name} bench server on http://${host}:${port} pid=${process.pid} ` +
    `recovery=${recovery > 0 ? recovery : "off"} node=${process.version}`);
});
