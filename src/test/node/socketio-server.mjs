// The npm socket.io 4.8 server with the handlers of org.socketioee.testing.InteropHandlers (same contract), for the
// Java client tests.   node socketio-server.mjs <port|0> [polling|websocket|both]
// Prints one JSON line {"port":n} once listening; exits when stdin closes (the test ended) or on SIGTERM.
import { createServer } from "node:http";
import { Server } from "socket.io";

const [portArg = "0", mode = "both"] = process.argv.slice(2);
const transports = mode === "both" ? ["polling", "websocket"] : [mode];
const httpServer = createServer();
const io = new Server(httpServer, {
  transports,
  connectTimeout: 10_000,
  connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: true },
});

io.on("connection", (socket) => {
  socket.emit("auth", socket.handshake.auth);
  socket.use(([event], next) => {
    if (String(event).startsWith("forbidden")) {
      next(new Error(`forbidden event: ${event}`));
    } else {
      next();
    }
  });
  socket.on("error", (err) => socket.emit("refused", err.message));
  socket.on("forbidden", () => socket.emit("ran"));
  socket.on("message", (...args) => socket.emit("message-back", ...args));
  socket.on("message-with-ack", (...args) => {
    const ack = args.pop();
    ack(...args);
  });
  socket.on("join", (room, ack) => {
    socket.join(room);
    ack(`joined ${room}`);
  });
  socket.on("room-broadcast", (room, payload) => io.to(room).emit("room-message", payload));
  socket.on("ask-client", async (payload) => {
    try {
      const answer = await socket.timeout(5_000).emitWithAck("question", payload);
      socket.emit("client-answered", answer ?? null);
    } catch (e) {
      // no answer in time: nothing to report
    }
  });
  socket.on("binary-deep", () =>
    socket.emit("binary-back", { nested: { data: Buffer.from([1, 2, 3]) }, list: [Buffer.from([4])], n: 1 }));
  socket.on("whoami", (ack) => ack({ id: socket.id, recovered: socket.recovered, rooms: [...socket.rooms].sort() }));
  const tries = [];
  socket.on("ack-on-second-try", (v, ack) => {
    tries.push(v);
    const n = tries.filter((x) => x === v).length;
    if (n >= 2) ack(v, n);
  });
  socket.on("tries-seen", (ack) => ack(tries));
  socket.on("disconnect-me", () => socket.disconnect());
  socket.on("drop-and-emit", (room, n) => {
    socket.conn.close();
    for (let i = 0; i < n; i++) {
      io.to(room).emit("missed", i);
    }
  });
});
io.of("/custom").on("connection", (socket) => socket.emit("auth", socket.handshake.auth));
io.of("/secret")
  .use((socket, next) => {
    if (socket.handshake.auth?.token === "s3cret") {
      next();
    } else {
      const err = new Error("unauthorized");
      err.data = { code: 401 };
      next(err);
    }
  })
  .on("connection", (socket) => socket.emit("welcome", "secret"));

httpServer.listen(Number(portArg), "127.0.0.1", () => {
  console.log(JSON.stringify({ port: httpServer.address().port }));
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => process.exit(0));
