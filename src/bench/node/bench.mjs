// The benchmark coordinator: runs the scenarios against one running server (the WAR's bench launch or the Node
// reference server.mjs) with load-generating worker processes (worker.mjs), and measures the server process from
// /proc: CPU (utime+stime) over the measured window, RSS, and heap after a full GC (jcmd for a JVM, SIGUSR2 for
// server.mjs started with --expose-gc).
//
//   node bench.mjs --url http://127.0.0.1:18080 [--scenario broadcast,echo,idle] [--label ours] [--out results.jsonl]
//
// The server's pid is found from its listening port (ss), or given with --pid. Only loopback URLs are accepted.
// Options (defaults): broadcast: --clients 1000 --procs 4 --rate 20 (broadcasts/s) --payload 100 (bytes)
//   --warmup 20 --duration 30 (s); saturate (broadcasts as fast as they are delivered): the same --clients, --procs,
//   --payload, --warmup, --duration, and --in-flight 10 (broadcasts outstanding); echo: --echo-clients 50
//   --echo-procs 1 --echo-rate 20 (per client and s); echoloop (echo in a closed loop: each client emits its next echo
//   when its last is acked): --echo-clients, --echo-procs, --payload, --warmup, --duration; idle: --idle 10000 --idle-procs 4 (more when a process's share
//   would pass its open-file limit) --idle-warmup (connections opened and closed first: 200 per process)
//   --settle 10 (s) --idle-again 2 (after the measurement, the connections are closed and opened again this many
//   times on the now warm server: its connect rate and CPU per connection once the JIT is done; 0 above 20,000)
//   --per-address 20000 (connections per 127.0.0.x source address at
//   most: an address has the ephemeral port range's ports, 28,232 by default, so 100,000 take five; addresses an
//   earlier run still holds in TIME_WAIT are skipped, see source-addresses.mjs); large (16 KB broadcasts, some
//   receivers stop reading): --large-clients 50 --large-procs 2 --stalled 5 --large-rate 100 --large-payload 16384,
//   --warmup (10 here), --duration.
// cluster (a broadcast across two nodes of a Redis cluster): --url2 (the second node; --url is the first), the
//   broadcast options (--clients, half on each node; the sender on the first), --redis-port 6379 (its CPU is shown).
import { fork } from "node:child_process";
import { readFileSync, readdirSync, appendFileSync, existsSync, unlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Histogram } from "./histogram.mjs";
import { findPid, rssKb, javaHeapAfterGcKb, openFilesLimit } from "./server-process.mjs";
import { opt, num, loopbackUrl } from "./args.mjs";
import { sourceAddresses } from "./source-addresses.mjs";

const url = loopbackUrl("the benchmarks target");
const u = new URL(url);
const port = u.port || "80";
const scenarios = opt("scenario", "broadcast,echo,idle").split(",");
const label = opt("label", "");
const out = opt("out", "");
const CLK_TCK = 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the server process ------------------------------------------------------------------------------------

const pid = findPid(port, opt("pid"));
const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
const isJava = comm === "java";

function serverTicks() {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(f[11]) + Number(f[12]); // utime + stime (fields 14, 15)
}
const serverRssKb = () => rssKb(pid);
function machineTicks() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  return { busy: f.reduce((a, b) => a + b, 0) - idle, total: f.reduce((a, b) => a + b, 0) };
}
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/** Full GC in the server, then { rssKb, heapKb } (heapKb: Java heap used / V8 heapUsed after the GC). */
async function gcAndMeasure() {
  let heapKb = NaN;
  if (isJava) {
    heapKb = await javaHeapAfterGcKb(pid);
  } else {
    const file = `/tmp/socketio-bench-node-${pid}.json`;
    if (existsSync(file)) unlinkSync(file);
    process.kill(pid, "SIGUSR2");
    for (let i = 0; i < 50 && !existsSync(file); i++) await sleep(100);
    await sleep(500);
    if (existsSync(file)) {
      const m = JSON.parse(readFileSync(file, "utf8"));
      if (m.gc) heapKb = Math.round(m.heapUsed / 1024);
    }
  }
  return { rssKb: serverRssKb(), heapKb };
}

// ---- workers -------------------------------------------------------------------------------------------------

const workerFile = fileURLToPath(new URL("./worker.mjs", import.meta.url));
let nextId = 1;
function startWorker() {
  const child = fork(workerFile, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map();
  child.on("message", (m) => {
    const p = pending.get(m.id);
    if (p) {
      pending.delete(m.id);
      m.error ? p.reject(new Error(m.error)) : p.resolve(m);
    }
  });
  child.on("exit", () => pending.forEach((p) => p.reject(new Error("worker exited"))));
  return {
    child,
    call(cmd, args = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, ...args });
      });
    },
  };
}
async function stopWorkers(ws) {
  await Promise.allSettled(ws.map((w) => w.call("close")));
  await sleep(500);
  ws.forEach((w) => w.child.kill());
}
// worker i connects from 127.0.0.(10 + i): spreads the ephemeral ports of repeated runs over several addresses
const localAddress = (i) => (u.hostname.startsWith("127.") ? `127.0.0.${10 + i}` : undefined);

/**
 * Opens `total` clients, an equal share in each worker; worker i connects from localAddress(i), or, with
 * `addresses`, every worker from all of them in turn (the run's k-th connection from addresses[k % length]).
 */
async function connectAll(workers, total, room, urls = [url], addresses = null) {
  const per = Math.ceil(total / workers.length);
  const rs = await Promise.all(workers.map((w, i) =>
    w.call("connect", { url: urls[i % urls.length], count: Math.max(0, Math.min(per, total - i * per)), room,
      ...(addresses ? { localAddresses: addresses, first: i * per } : { localAddress: localAddress(i) }) })));
  const ok = rs.reduce((a, r) => a + r.ok, 0);
  const errors = Object.assign({}, ...rs.map((r) => r.errors));
  return { ok, failed: total - ok, errors, ms: Math.max(...rs.map((r) => r.ms)) };
}

/** utime+stime in ticks of every process now (all its threads), by pid; a process gone meanwhile is skipped. */
function processTicks() {
  const ticks = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks.set(Number(name), Number(f[11]) + Number(f[12]));
    } catch {
      // ended between readdir and read
    }
  }
  return ticks;
}

/**
 * CPU of everything else on the machine during the window (other users' builds...), in % of one core: the sum of
 * the other processes' own CPU times (exact per-task accounting, as the server's), each counted from the window's
 * start, or from its own start for one that began during the window. Never negative. It used to be the machine's
 * busy time (/proc/stat: per CPU, whatever runs at each tick) minus the server's, the clients' and this process's
 * own times (exact per-task runtimes), over slightly different intervals: two accountings whose difference came out
 * at -2 to -4 % of a core on a quiet machine. A process that ends during the window is missed (its CPU goes to its
 * parent's cutime): short-lived commands can only make "other" too low, never negative.
 */
function otherTicks(before, after, excluded) {
  let sum = 0;
  for (const [pid, t] of after) {
    if (excluded.has(pid)) continue;
    const t0 = before.get(pid);
    sum += t0 === undefined || t0 > t ? t : t - t0; // new (or a reused pid): all of its time is in the window
  }
  return sum;
}

/**
 * Runs fn as the measured window, sampling at its two edges the CPU of the server, of the machine, of the load
 * workers (over IPC, right before and right after) and of every other process.
 */
function measured(workers, fn, alsoMeasured = []) {
  return async () => {
    const c0 = await Promise.all(workers.map((w) => w.call("cpu")));
    const t0 = process.hrtime.bigint();
    const s0 = serverTicks();
    const m0 = machineTicks();
    const p0 = processTicks();
    const r = await fn();
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const p1 = processTicks();
    const m1 = machineTicks();
    const s1 = serverTicks();
    const c1 = await Promise.all(workers.map((w) => w.call("cpu")));
    const excluded = new Set([pid, process.pid, ...workers.map((w) => w.child.pid), ...alsoMeasured]);
    return {
      ...r, secs,
      clientCpu: c1.reduce((a, x, i) => a + x.cpu - c0[i].cpu, 0),
      serverCpuSecs: (s1 - s0) / CLK_TCK,
      machineBusyPct: (100 * (m1.busy - m0.busy)) / (m1.total - m0.total) || 0,
      otherCpuPct: Math.round((100 * otherTicks(p0, p1, excluded)) / CLK_TCK / secs),
    };
  };
}
const ms = (us) => Math.round(us / 10) / 100;
/** What every scenario reports of its measured window: latency quantiles, the clients' and the rest's CPU. */
const latencies = (h) => ({ p50ms: ms(h.quantile(0.5)), p99ms: ms(h.quantile(0.99)), maxms: ms(h.quantile(1)) });
const windowCpu = (r, load) => ({
  clientCpuPct: Math.round((100 * r.clientCpu) / r.secs), otherCpuPct: r.otherCpuPct,
  machineBusyPct: Math.round(r.machineBusyPct), load,
});

// ---- scenarios -----------------------------------------------------------------------------------------------

/**
 * The measured send phase (1): broadcasts to `room` at `rate`/s for `duration` s, then waits until the receivers
 * counted all of them (`perMessage` deliveries each), or 5 s. Returns { sent, expected }.
 */
async function sendMeasured(sender, receivers, room, rate, duration, payload, perMessage) {
  const s = await sender.call("send", { room, rate, durationMs: duration * 1000, payloadBytes: payload, ph: 1 });
  const expected = s.sent * perMessage;
  await waitDelivered(receivers, expected);
  return { sent: s.sent, expected };
}

/** Waits until the workers together counted `expected` messages of the recorded phase, or 5 s. */
async function waitDelivered(workers, expected) {
  for (let i = 0; i < 50; i++) {
    const counts = await Promise.all(workers.map((w) => w.call("count")));
    if (counts.reduce((a, x) => a + x.received, 0) >= expected) break;
    await sleep(100);
  }
}

async function broadcast() {
  const clients = num("clients", 1000), procs = num("procs", 4), rate = num("rate", 20);
  const payload = num("payload", 100), warmup = num("warmup", 20), duration = num("duration", 30);
  const receivers = Array.from({ length: procs }, startWorker);
  const sender = startWorker();
  try {
    const c = await connectAll(receivers, clients, "bench");
    const cs = await sender.call("connect", { url, count: 1, room: null, localAddress: localAddress(procs) });
    if (c.failed || !cs.ok) throw new Error(`connect failed: ${JSON.stringify(c.errors)} ${JSON.stringify(cs.errors)}`);
    log(`broadcast: ${clients} clients in ${procs} processes joined "bench" in ${c.ms} ms; warm-up ${warmup} s`);
    await sender.call("send", { room: "bench", rate, durationMs: warmup * 1000, payloadBytes: payload, ph: 0 });
    await sleep(2000);
    await Promise.all(receivers.map((w) => w.call("record", { on: true, phase: 1 })));
    const load = loadavg();
    const r = await measured([...receivers, sender],
      () => sendMeasured(sender, receivers, "bench", rate, duration, payload, clients))();
    const stats = await Promise.all(receivers.map((w) => w.call("record", { on: false })));
    const h = new Histogram();
    stats.forEach((s) => h.merge(s.hist));
    const delivered = stats.reduce((a, s) => a + s.received, 0);
    return {
      scenario: "broadcast", clients, procs, rate, payload, duration: r.secs, sent: r.sent, expected: r.expected,
      delivered, lost: r.expected - delivered, throughput: Math.round(delivered / duration),
      serverCpuSecs: r.serverCpuSecs, serverCpuPct: Math.round((100 * r.serverCpuSecs) / r.secs),
      cpuUsPerDelivered: Math.round((1e6 * r.serverCpuSecs / delivered) * 100) / 100,
      ...latencies(h),
      ...windowCpu(r, load),
    };
  } finally {
    await stopWorkers([...receivers, sender]);
  }
}

/**
 * Saturation: `clients` in one room, broadcasts sent as fast as they are delivered with `in-flight` of them
 * outstanding (worker.mjs `saturate`). The sender's process also holds the last of the clients, the sentinel,
 * which joins once every other receiver has; broadcast k + in-flight is sent when the sentinel has received
 * broadcast k. The same rule for both servers: what it measures is the delivery rate a server keeps up with, and
 * the CPU and latency of each delivery at that rate. Deliveries are counted at the receivers, the sentinel included.
 */
async function saturate() {
  const clients = num("clients", 1000), procs = num("procs", 4), inFlight = num("in-flight", 10);
  const payload = num("payload", 100), warmup = num("warmup", 20), duration = num("duration", 30);
  if (clients < 2) throw new Error("saturate: --clients 2 at least (receivers and the sentinel)");
  const receivers = Array.from({ length: procs }, startWorker);
  // the sender and the sentinel live in the last receiving process, beside its share of the receivers: the
  // sentinel reads as slowly as they do, so the in-flight bound holds the receivers, not only the server (with a
  // sentinel in a process of its own, a server faster than the receiving processes let the sender run ahead of
  // them, and their latency grew without bound)
  const sender = receivers[procs - 1];
  const all = receivers;
  const run = (secs, ph) =>
    sender.call("saturate", { room: "bench", inFlight, durationMs: secs * 1000, payloadBytes: payload, ph });
  try {
    const c = await connectAll(receivers, clients - 1, "bench");
    const cs = await sender.call("connect", { url, count: 1, room: null, localAddress: localAddress(procs) });
    // the sentinel: the room's last joiner, after all the others have their join acknowledged
    const ct = await sender.call("connect", { url, count: 1, room: "bench", localAddress: localAddress(procs) });
    if (c.failed || !cs.ok || !ct.ok) {
      throw new Error(`connect failed: ${JSON.stringify([c.errors, cs.errors, ct.errors])}`);
    }
    log(`saturate: ${clients} clients (the last the sentinel) joined "bench" in ${c.ms} ms; ${inFlight} broadcasts ` +
      `in flight; warm-up ${warmup} s`);
    await run(warmup, 0);
    await sleep(2000);
    await Promise.all(all.map((w) => w.call("record", { on: true, phase: 1 })));
    const load = loadavg();
    const r = await measured(all, async () => {
      const s = await run(duration, 1);
      // the sentinel has them all: the other receivers may still be reading the last few
      await waitDelivered(all, s.sent * clients);
      return { sent: s.sent, expected: s.sent * clients, sentinelReceived: s.sentinelReceived };
    })();
    const stats = await Promise.all(all.map((w) => w.call("record", { on: false })));
    const h = new Histogram();
    stats.forEach((x) => h.merge(x.hist));
    const delivered = stats.reduce((a, x) => a + x.received, 0);
    return {
      scenario: "saturate", clients, procs, inFlight, payload, duration: r.secs, sent: r.sent, expected: r.expected,
      delivered, lost: r.expected - delivered, sentinelReceived: r.sentinelReceived,
      broadcastsPerSec: Math.round(r.sent / r.secs),
      throughput: Math.round(delivered / r.secs), // deliveries/s over the measured window
      serverCpuSecs: r.serverCpuSecs, serverCpuPct: Math.round((100 * r.serverCpuSecs) / r.secs),
      cpuUsPerDelivered: Math.round((1e6 * r.serverCpuSecs / delivered) * 100) / 100,
      ...latencies(h),
      ...windowCpu(r, load),
    };
  } finally {
    await stopWorkers(all);
  }
}

/**
 * Large messages and slow consumers: `clients` healthy receivers and `stalled` more in one room, broadcasts of
 * `payload` bytes at `rate`/s. After the warm-up (everyone reading) the stalled ones stop reading their sockets for
 * good; measured then: the healthy receivers' latency and losses, the server's RSS each second, and its session
 * count each second (when the non-readers are cut off).
 */
async function large() {
  const clients = num("large-clients", 50), procs = num("large-procs", 2), stalledN = num("stalled", 5);
  const rate = num("large-rate", 100), payload = num("large-payload", 16384);
  const warmup = num("warmup", 10), duration = num("duration", 30);
  const receivers = Array.from({ length: procs }, startWorker);
  const stallers = startWorker();
  const sender = startWorker();
  try {
    const c = await connectAll(receivers, clients, "large");
    const cs = await stallers.call("connect", { url, count: stalledN, room: "large", localAddress: localAddress(procs) });
    const cx = await sender.call("connect", { url, count: 1, room: null, localAddress: localAddress(procs + 1) });
    if (c.failed || cs.failed || !cx.ok) throw new Error(`connect failed: ${JSON.stringify([c.errors, cs.errors, cx.errors])}`);
    log(`large: ${clients} + ${stalledN} receivers of ${payload} B at ${rate}/s; warm-up ${warmup} s, all reading`);
    await sender.call("send", { room: "large", rate, durationMs: warmup * 1000, payloadBytes: payload, ph: 0 });
    await sleep(2000);
    const sessionsBefore = (await sender.call("stats")).sessions;
    const rssBeforeKb = serverRssKb();
    const paused = (await stallers.call("stop-reading")).paused;
    log(`large: ${paused} receivers stopped reading; ${sessionsBefore} sessions, RSS ${Math.round(rssBeforeKb / 1024)} MB`);
    await Promise.all(receivers.map((w) => w.call("record", { on: true, phase: 1 })));
    const load = loadavg();
    const t0 = Date.now();
    let rssMaxKb = rssBeforeKb, cutOffSecs = null, sessionsAfter = sessionsBefore;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await sleep(1000);
        rssMaxKb = Math.max(rssMaxKb, serverRssKb());
        const n = (await sender.call("stats")).sessions; // null: no answer within 5 s (an overloaded server)
        if (typeof n !== "number") continue;
        sessionsAfter = n;
        if (cutOffSecs === null && n <= sessionsBefore - stalledN) cutOffSecs = (Date.now() - t0) / 1000;
      }
    })();
    const r = await measured([...receivers, sender],
      () => sendMeasured(sender, receivers, "large", rate, duration, payload, clients))();
    sampling = false;
    await sampler;
    const rssEndKb = serverRssKb();
    const stats = await Promise.all(receivers.map((w) => w.call("record", { on: false })));
    const h = new Histogram();
    stats.forEach((x) => h.merge(x.hist));
    const delivered = stats.reduce((a, x) => a + x.received, 0);
    return {
      scenario: "large", clients, stalled: stalledN, procs, rate, payload, duration: r.secs, sent: r.sent,
      expected: r.expected, delivered, lost: r.expected - delivered,
      serverCpuPct: Math.round((100 * r.serverCpuSecs) / r.secs),
      cpuUsPerDelivered: Math.round((1e6 * r.serverCpuSecs / delivered) * 100) / 100,
      ...latencies(h),
      // null: the server did not answer `stats` in time before the stop, so it is not known
      cutOff: typeof sessionsBefore === "number" ? sessionsBefore - sessionsAfter : null, cutOffSecs,
      rssBeforeMB: Math.round(rssBeforeKb / 1024), rssMaxMB: Math.round(rssMaxKb / 1024),
      rssEndMB: Math.round(rssEndKb / 1024), rssGrowthMB: Math.round((rssMaxKb - rssBeforeKb) / 1024),
      ...windowCpu(r, load),
    };
  } finally {
    await stopWorkers([...receivers, stallers, sender]);
  }
}

/**
 * Echo with ack from `--echo-clients` clients: paced (`--echo-rate` per client and s; latency at a fixed load), or in
 * a closed loop (`closedLoop`: each client emits its next echo when its last is acked; the acks/s the server and
 * the clients reach). Both: the server's CPU per ack.
 */
async function echo(closedLoop = false) {
  const clients = num("echo-clients", 50), procs = num("echo-procs", 1), rate = num("echo-rate", 20);
  const payload = num("payload", 100), warmup = num("warmup", 20), duration = num("duration", 30);
  const cmd = closedLoop ? "echo-loop" : "echo";
  const workers = Array.from({ length: procs }, startWorker);
  try {
    const c = await connectAll(workers, clients, null);
    if (c.failed) throw new Error(`connect failed: ${JSON.stringify(c.errors)}`);
    log(`echo: ${clients} clients, ${closedLoop ? "closed loop" : `${rate}/s each`}; warm-up ${warmup} s`);
    await Promise.all(workers.map((w) => w.call(cmd, { rate, durationMs: warmup * 1000, payloadBytes: payload })));
    await sleep(1000);
    const load = loadavg();
    const r = await measured(workers, async () => {
      const rs = await Promise.all(workers.map((w) =>
        w.call(cmd, { rate, durationMs: duration * 1000, payloadBytes: payload })));
      return { rs };
    })();
    const h = new Histogram();
    r.rs.forEach((x) => h.merge(x.hist));
    const sent = r.rs.reduce((a, x) => a + x.sent, 0), acked = r.rs.reduce((a, x) => a + x.acked, 0);
    return {
      scenario: closedLoop ? "echoloop" : "echo", clients, procs, ...(closedLoop ? {} : { rate }), payload,
      duration: r.secs, sent, acked,
      // paced: over the nominal duration as before; closed loop: over the measured window (its drain included)
      throughput: Math.round(acked / (closedLoop ? r.secs : duration)),
      serverCpuSecs: r.serverCpuSecs, serverCpuPct: Math.round((100 * r.serverCpuSecs) / r.secs),
      cpuUsPerAck: Math.round((1e6 * r.serverCpuSecs / acked) * 100) / 100,
      ...latencies(h),
      ...windowCpu(r, load),
    };
  } finally {
    await stopWorkers(workers);
  }
}

async function idle() {
  const n = num("idle", 10000), settle = num("settle", 10), perAddress = num("per-address", 20000);
  // every connection is an open file in a worker (which has this process's limit) and one in the server
  const ownLimit = openFilesLimit("self"), serverLimit = openFilesLimit(pid);
  const procs = Math.max(num("idle-procs", 4), Math.ceil(n / (ownLimit - 200)));
  // the warm-up's connections, opened and closed before the baseline: the JVM's C2 is still compiling the paths of a
  // connection well after the default's 800 (README, Performance); a larger one raises the baseline (RSS, heap)
  const warmN = num("idle-warmup", Math.min(n, 200 * procs));
  // rounds after the measured one: each closes the connections and opens them again, the same way, on the same
  // server. The first round measures a freshly started server (memory and the cold connect rate: a JVM still
  // compiling), the last the connect rate of a server in service. 0 by default above 20,000 (ports, time).
  const again = num("idle-again", n > 20000 ? 0 : 2);
  // a source address has the ephemeral port range's ports; the warm-up's stay taken (TIME_WAIT) during the run
  const count = Math.max(procs, Math.ceil(n / perAddress));
  const { addresses, skipped } = u.hostname.startsWith("127.")
    ? sourceAddresses(count, Math.ceil(n / count) * (1 + again) + Math.ceil(warmN / count)) : { addresses: null, skipped: [] };
  if (skipped.length) log(`idle: source addresses still held by an earlier run, left out: ${skipped.join(", ")}`);
  log(`idle: ${n} connections from ${procs} processes and ${addresses ? addresses.length : 1} source address(es); ` +
    `open-file limit ${ownLimit} here, ${serverLimit} in the server`);
  if (n > serverLimit - 100) log(`idle: the server's open-file limit leaves room for fewer than ${n} connections`);
  // warm-up: load the classes and code paths of a connection, then measure the baseline without connections
  const warm = Array.from({ length: procs }, startWorker);
  await connectAll(warm, warmN, null, [url], addresses);
  await stopWorkers(warm);
  await sleep(3000);
  const base = await gcAndMeasure();
  let workers = Array.from({ length: procs }, startWorker);
  // opens the n connections from the workers; the server's CPU meanwhile is what a connection costs it, whatever the
  // load processes' pace
  const open = async (round) => {
    const t0 = serverTicks();
    const c = await connectAll(workers, n, null, [url], addresses);
    c.perSec = Math.round(c.ok / (c.ms / 1000));
    c.cpuMsPerConn = Math.round((((serverTicks() - t0) / CLK_TCK) * 1000 / c.ok) * 1000) / 1000;
    log(`idle${round ? ` again (${round}/${again})` : ""}: ${c.ok} connected (${c.failed} failed ` +
      `${JSON.stringify(c.errors)}) in ${c.ms} ms, ${c.perSec}/s, server CPU ${c.cpuMsPerConn} ms per connection`);
    return c;
  };
  try {
    const load0 = loadavg();
    const c = await open(0);
    log(`idle: settling ${settle} s`);
    await sleep(settle * 1000);
    const full = await gcAndMeasure();
    const cl = await Promise.all(workers.map((w) => w.call("cpu")));
    const rounds = [];
    for (let round = 1; round <= again; round++) {
      await stopWorkers(workers);
      await sleep(3000);
      workers = Array.from({ length: procs }, startWorker);
      rounds.push(await open(round));
    }
    const warm = rounds.length ? rounds[rounds.length - 1] : null;
    return {
      scenario: "idle", connections: c.ok, failed: c.failed, connectMs: c.ms,
      connectsPerSec: c.perSec, serverCpuMsPerConn: c.cpuMsPerConn, procs, addresses: addresses ? addresses.length : 1,
      againPerSec: rounds.map((r) => r.perSec), againCpuMsPerConn: rounds.map((r) => r.cpuMsPerConn),
      againFailed: rounds.reduce((a, r) => a + r.failed, 0),
      warmConnectsPerSec: warm ? warm.perSec : undefined, warmCpuMsPerConn: warm ? warm.cpuMsPerConn : undefined,
      serverOpenFilesLimit: serverLimit,
      baseRssMB: Math.round(base.rssKb / 1024), rssMB: Math.round(full.rssKb / 1024),
      rssKBPerConn: Math.round(((full.rssKb - base.rssKb) / c.ok) * 10) / 10,
      baseHeapMB: Math.round(base.heapKb / 1024), heapMB: Math.round(full.heapKb / 1024),
      heapKBPerConn: Math.round(((full.heapKb - base.heapKb) / c.ok) * 10) / 10,
      clientRssMB: Math.round(cl.reduce((a, x) => a + x.rss, 0) / 1048576), load: `${load0} -> ${loadavg()}`,
    };
  } finally {
    await stopWorkers(workers);
  }
}

function log(s) {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
}

/** utime+stime of one process, in seconds. */
function cpuSecs(p) {
  const stat = readFileSync(`/proc/${p}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}

/**
 * A broadcast across a cluster: `clients` receivers in one room, the workers alternating between the two nodes
 * (--url, --url2), the sender on the first node, at `rate` broadcasts/s. CPU per delivered message is both
 * servers' together; Redis's own CPU is shown beside it (it is the same for either kind of node).
 */
async function cluster() {
  const url2 = opt("url2", "");
  if (!url2) throw new Error("cluster: --url2 (the second node) is needed");
  const pid2 = findPid(new URL(url2).port || "80", opt("pid2"));
  const redisPid = findPid(opt("redis-port", "6379"));
  const clients = num("clients", 1000), procs = num("procs", 4), rate = num("rate", 20);
  const payload = num("payload", 100), warmup = num("warmup", 20), duration = num("duration", 30);
  const receivers = Array.from({ length: procs }, startWorker);
  const sender = startWorker();
  try {
    const c = await connectAll(receivers, clients, "bench", [url, url2]);
    const cs = await sender.call("connect", { url, count: 1, room: null, localAddress: localAddress(procs) });
    if (c.failed || !cs.ok) throw new Error(`connect failed: ${JSON.stringify(c.errors)} ${JSON.stringify(cs.errors)}`);
    log(`cluster: ${clients} clients on two nodes joined "bench" in ${c.ms} ms; warm-up ${warmup} s`);
    await sender.call("send", { room: "bench", rate, durationMs: warmup * 1000, payloadBytes: payload, ph: 0 });
    await sleep(2000);
    await Promise.all(receivers.map((w) => w.call("record", { on: true, phase: 1 })));
    const load = loadavg();
    const other0 = [cpuSecs(pid2), cpuSecs(redisPid)];
    const r = await measured([...receivers, sender],
      () => sendMeasured(sender, receivers, "bench", rate, duration, payload, clients), [pid2, redisPid])();
    const node2Secs = cpuSecs(pid2) - other0[0];
    const redisSecs = cpuSecs(redisPid) - other0[1];
    const stats = await Promise.all(receivers.map((w) => w.call("record", { on: false })));
    const h = new Histogram();
    stats.forEach((s) => h.merge(s.hist));
    const delivered = stats.reduce((a, s) => a + s.received, 0);
    const servers = r.serverCpuSecs + node2Secs;
    return {
      scenario: "cluster", clients, procs, rate, payload, duration: r.secs, sent: r.sent, expected: r.expected,
      delivered, lost: r.expected - delivered, throughput: Math.round(delivered / duration),
      serverCpuSecs: servers, serverCpuPct: Math.round((100 * servers) / r.secs),
      node1CpuPct: Math.round((100 * r.serverCpuSecs) / r.secs), node2CpuPct: Math.round((100 * node2Secs) / r.secs),
      redisCpuPct: Math.round((100 * redisSecs) / r.secs),
      cpuUsPerDelivered: Math.round((1e6 * servers / delivered) * 100) / 100,
      ...latencies(h),
      ...windowCpu(r, load),
    };
  } finally {
    await stopWorkers([...receivers, sender]);
  }
}

const runners = { broadcast, saturate, echo: () => echo(false), echoloop: () => echo(true), idle, large, cluster };
log(`server pid ${pid} (${comm}) on ${url}; load average ${loadavg()}`);
for (const s of scenarios) {
  if (!runners[s]) throw new Error(`unknown scenario ${s}`);
  const r = { label, server: comm, url, at: new Date().toISOString(), ...(await runners[s]()) };
  console.log(JSON.stringify(r));
  if (out) appendFileSync(out, JSON.stringify(r) + "\n");
  await sleep(3000);
}
process.exit(0);
