// The npm socket.io 4.8 server instrumented by @socket.io/admin-ui 0.5.1 (basic auth, development mode) with the
// handlers AdminUiNodeComparisonTest gives its Java server: the reference for the Admin UI's payloads.
//   node admin-reference-server.mjs <port|0> <bcrypt hash>
// Prints one JSON line {"port":n} once listening; exits when stdin closes (the test ended) or on SIGTERM.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { instrument } from "@socket.io/admin-ui";

const [portArg = "0", hash] = process.argv.slice(2);
const httpServer = createServer();
const io = new Server(httpServer);
instrument(io, { auth: { type: "basic", username: "admin", password: hash }, mode: "development" });
io.on("connection", (socket) => {
  socket.on("join", (room, ack) => {
    socket.join(room);
    ack();
  });
  socket.on("echo", (...args) => socket.emit("echo", ...args));
});
httpServer.listen(Number(portArg), "127.0.0.1", () => {
  console.log(JSON.stringify({ port: httpServer.address().port }));
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => process.exit(0));
