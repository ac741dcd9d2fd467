// Opens N idle Socket.IO connections (official socket.io-client 4.8, websocket only) to a server and holds them
// until killed; prints "connected N" once all are. Used by src/bench/heap.sh.
//
//   node hold.mjs --url http://127.0.0.1:8080 --clients 2000
import { io } from "socket.io-client";
import { loopbackUrl, num } from "./args.mjs";

const url = loopbackUrl("hold.mjs connects to");
const n = num("clients", 2000);
let connected = 0;
for (let i = 0; i < n; i++) {
  const s = io(url, { transports: ["websocket"], reconnection: false });
  s.on("connect", () => {
    if (++connected === n) console.log(`connected ${n}`);
  });
  s.on("connect_error", (e) => {
    console.error(`connect_error: ${e.message}`);
    process.exit(1);
  });
  if (i % 100 === 99) await new Promise((r) => setTimeout(r, 50)); // not all handshakes in one burst
}
setInterval(() => {}, 60000);
