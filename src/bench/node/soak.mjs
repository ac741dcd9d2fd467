// The soak: a long mixed run against the bench server (the WAR's `mvn -Pbench package cargo:run`, a JVM), then a
// check that it gave back what it took. src/bench/soak.sh starts the server, runs this and stops the server.
//
//   node soak.mjs --url http://127.0.0.1:18080 [--duration 600] [--procs 4] [--clients 50] [--churn-ms 200]
//                 [--kill-every 60] [--warmup 60] [--idle-wait 65] [--heap-tolerance 0.10] [--heap-slack-mb 8]
//
// 1. warm-up: the same load as below for --warmup s, then every client leaves and the server idles --idle-wait s
//    (Tomcat lets an idle worker thread go after 60 s): the baseline is sampled.
// 2. the soak: --procs soak-worker.mjs processes (websocket, polling and upgraded clients, echo acks, room
//    broadcasts, clean disconnects, destroyed sockets) for --duration s; every --kill-every s one of them is
//    killed with SIGKILL (its clients die without a word, polling ones included) and replaced.
// 3. the end: the workers stop, the server's sessions are awaited back to the baseline (the killed polling
//    clients end by ping timeout), threads are given up to 2 min to idle out, and the end is sampled.
// A sample: heap used after a full GC (jcmd GC.run, GC.heap_info), threads and open files (/proc/<pid>), and the
// server's Engine.IO sessions (a probe client asks "stats"; itself not counted). Exit 1 when the heap after GC
// grew by more than max(--heap-tolerance × baseline, --heap-slack-mb), or threads, open files or sessions grew.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { io } from "socket.io-client";
import { findPid, threads, openFiles, rssKb, javaHeapAfterGcKb } from "./server-process.mjs";
import { opt, num, loopbackUrl } from "./args.mjs";

const url = loopbackUrl("the soak targets");
const u = new URL(url);
const duration = num("duration", 600);
const procs = num("procs", 4);
const clients = num("clients", 50);
const churnMs = num("churn-ms", 200);
const killEvery = num("kill-every", 60);
const warmup = num("warmup", 60);
const idleWait = num("idle-wait", 65);
const heapTolerance = num("heap-tolerance", 0.1);
const heapSlackKb = num("heap-slack-mb", 8) * 1024;
const pid = findPid(u.port || "80", opt("pid"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (s) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

// ---- samples ---------------------------------------------------------------------------------------------------

/** The server's Engine.IO sessions, the probe's own left out. */
async function sessions() {
  const s = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 10000 });
  try {
    await new Promise((resolve, reject) => {
      s.once("connect", resolve);
      s.once("connect_error", reject);
    });
    const stats = await s.timeout(10000).emitWithAck("stats");
    return stats.sessions - 1;
  } finally {
    s.disconnect();
  }
}

async function sample() {
  const heapKb = await javaHeapAfterGcKb(pid);
  return { heapKb, threads: threads(pid), openFiles: openFiles(pid), sessions: await sessions(), rssKb: rssKb(pid) };
}

const show = (name, s) =>
  log(`${name}: heap after GC ${(s.heapKb / 1024).toFixed(1)} MB, threads ${s.threads}, open files ${s.openFiles}, ` +
    `sessions ${s.sessions}, RSS ${(s.rssKb / 1024).toFixed(0)} MB`);

// ---- workers ---------------------------------------------------------------------------------------------------

const workerFile = fileURLToPath(new URL("./soak-worker.mjs", import.meta.url));
let started = 0;
const totals = {}; // the last counters of every worker, by its number
function startWorker() {
  const n = started++;
  const local = `127.0.0.${10 + (n % 200)}`; // spreads the ephemeral ports over several source addresses
  const child = spawn(process.execPath, [workerFile, "--url", url, "--clients", String(clients),
    "--churn-ms", String(churnMs), "--local", local], { stdio: ["ignore", "pipe", "inherit"] });
  let buf = "";
  child.stdout.on("data", (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        totals[n] = JSON.parse(line);
      } catch {
        // not a counter line
      }
    }
  });
  const exited = new Promise((r) => child.once("exit", r));
  return { child, exited };
}

async function stopWorkers(ws) {
  ws.forEach((w) => w.child.kill("SIGTERM"));
  await Promise.race([Promise.all(ws.map((w) => w.exited)), sleep(10000)]);
  ws.forEach((w) => w.child.kill("SIGKILL"));
}

function sum() {
  const t = {};
  for (const c of Object.values(totals)) for (const [k, v] of Object.entries(c)) t[k] = (t[k] || 0) + v;
  return t;
}

async function load(seconds, killing) {
  let ws = Array.from({ length: procs }, startWorker);
  const end = Date.now() + seconds * 1000;
  let nextKill = Date.now() + killEvery * 1000;
  let kills = 0;
  while (Date.now() < end) {
    await sleep(Math.min(5000, Math.max(0, end - Date.now())));
    if (killing && Date.now() >= nextKill && Date.now() < end - 5000) {
      const victim = ws[kills % ws.length];
      victim.child.kill("SIGKILL");
      kills++;
      ws = ws.map((w) => (w === victim ? startWorker() : w));
      nextKill += killEvery * 1000;
    }
  }
  await stopWorkers(ws);
  return kills;
}

async function until(what, cond, seconds) {
  const end = Date.now() + seconds * 1000;
  let v;
  while (!(cond((v = await what()))) && Date.now() < end) await sleep(2000);
  return v;
}

// ---- the run ---------------------------------------------------------------------------------------------------

log(`server pid ${pid} (${url}); warm-up ${warmup} s, idle ${idleWait} s, soak ${duration} s with ${procs} processes ` +
  `× ${clients} clients, a connection every ${churnMs} ms per process, a process killed every ${killEvery} s`);
await load(warmup, false);
await until(sessions, (n) => n === 0, 120);
await sleep(idleWait * 1000);
const base = await sample();
show("baseline", base);

const kills = await load(duration, true);
const t = sum();
log(`load: ${started - procs} worker processes started in all, ${kills} killed with SIGKILL; counters of the last ` +
  `report of each: ${JSON.stringify(t)}`);

const left = await until(sessions, (n) => n <= base.sessions, 180);
log(`sessions after the load: ${left} (waited for the killed polling clients' ping timeouts)`);
await until(() => Promise.resolve(threads(pid)), (n) => n <= base.threads, 150);
const end = await sample();
show("end", end);

const heapLimit = base.heapKb + Math.max(base.heapKb * heapTolerance, heapSlackKb);
const failures = [];
if (!(end.heapKb <= heapLimit)) failures.push(`heap after GC ${end.heapKb} KB > limit ${Math.round(heapLimit)} KB`);
if (end.threads > base.threads) failures.push(`threads ${base.threads} -> ${end.threads}`);
if (end.openFiles > base.openFiles) failures.push(`open files ${base.openFiles} -> ${end.openFiles}`);
if (end.sessions > base.sessions) failures.push(`sessions ${base.sessions} -> ${end.sessions}`);
console.log(JSON.stringify({ soak: { durationS: duration, procs, clients, churnMs, killEvery, kills }, base, end,
  counters: t, heapLimitKb: Math.round(heapLimit), failures }));
if (failures.length) {
  log(`FAILED: ${failures.join("; ")}`);
  process.exit(1);
}
log("OK: heap after GC, threads, open files and sessions back to the baseline");
process.exit(0);
