// Emits into a Redis cluster with @socket.io/redis-emitter 5.1.0, then exits (RedisNodeInteropTest):
// node redis-emit.mjs --prefix P '<JSON array of commands>'; a command is {op, rooms?, except?, event?, args?,
// room?}, op one of emit, serverSideEmit, socketsJoin, socketsLeave, disconnect; binary args as {"$bin":"<base64>"}.
import { Emitter } from "@socket.io/redis-emitter";
import { createClient } from "redis";
import { fromWire } from "./wire.mjs";

const i = process.argv.indexOf("--prefix");
const prefix = process.argv[i + 1];
const commands = JSON.parse(process.argv[process.argv.length - 1]);
const client = createClient({ url: "redis://localhost:6379" });
await client.connect();
const emitter = new Emitter(client, { key: prefix });
for (const c of commands) {
  let op = emitter;
  if (c.rooms) op = op.to(c.rooms);
  if (c.except) op = op.except(c.except);
  switch (c.op) {
    case "emit": op.emit(c.event, ...fromWire(c.args || [])); break;
    case "serverSideEmit": emitter.serverSideEmit(c.event, ...fromWire(c.args || [])); break;
    case "socketsJoin": op.socketsJoin(c.room); break;
    case "socketsLeave": op.socketsLeave(c.room); break;
    case "disconnect": op.disconnectSockets(true); break;
  }
}
await client.quit(); // sends QUIT after the PUBLISHes: they are all done
console.log("done");
