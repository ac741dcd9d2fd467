// Source addresses for many client connections to a loopback server. A client that binds its local address before
// connecting (socket.io-client's localAddress) takes an ephemeral port of that address for the life of the
// connection, and, as it is the one that closes first, for TIME_WAIT's 60 s after it: one address serves at most
// the ephemeral port range (net.ipv4.ip_local_port_range, 28,232 ports by default), less what a previous run, such
// as the other server's a minute ago in run.sh, still holds.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The number of ephemeral ports of an address (net.ipv4.ip_local_port_range). */
export function ephemeralPorts() {
  const [lo, hi] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
  return hi - lo + 1;
}

/** TCP sockets bound to `address`, whatever their state (open, closing, TIME_WAIT). */
function portsTaken(address) {
  const out = execFileSync("ss", ["-Htan", "src", address], { maxBuffer: 64 << 20 }).toString().trimEnd();
  return out ? out.split("\n").length : 0;
}

/**
 * `count` addresses among 127.0.0.10, .11, … 127.0.0.254 with at least `ports` ephemeral ports free each, the
 * lowest first; an address still holding too many (of a previous run) is left out and listed in `skipped`.
 */
export function sourceAddresses(count, ports) {
  const range = ephemeralPorts();
  if (ports > range) throw new Error(`${ports} connections per source address: an address has ${range} ports`);
  const addresses = [];
  const skipped = [];
  for (let j = 10; j < 255 && addresses.length < count; j++) {
    const a = `127.0.0.${j}`;
    const taken = portsTaken(a);
    if (range - taken >= ports) addresses.push(a);
    else skipped.push(`${a} (${taken} ports taken)`);
  }
  if (addresses.length < count) throw new Error(`not ${count} source addresses with ${ports} ports free each`);
  return { addresses, skipped };
}
