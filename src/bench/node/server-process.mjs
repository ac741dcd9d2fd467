// What the bench and the soak read of the server process, from /proc and jcmd: its pid (from its listening port),
// RSS, threads, open files and their limit, and for a JVM the heap used after a full GC.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The pid of the process listening on `port` (ss), or `given` when set. */
export function findPid(port, given) {
  if (given) return Number(given);
  const ss = execFileSync("ss", ["-Hltnp", `sport = :${port}`]).toString();
  const m = ss.match(/pid=(\d+)/);
  if (!m) throw new Error(`no process listens on port ${port}`);
  return Number(m[1]);
}

export function rssKb(pid) {
  return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]);
}

export function threads(pid) {
  return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/Threads:\s+(\d+)/)[1]);
}

export function openFiles(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** The soft limit on open files of a process (its `ulimit -n`): a server can hold about that many connections. */
export function openFilesLimit(pid) {
  const m = readFileSync(`/proc/${pid}/limits`, "utf8").match(/^Max open files\s+(\S+)/m);
  return m && m[1] !== "unlimited" ? Number(m[1]) : Infinity;
}

/** A full GC in the JVM (jcmd GC.run), then the heap it uses (GC.heap_info), in KB; NaN when unreadable. */
export async function javaHeapAfterGcKb(pid) {
  execFileSync("jcmd", [String(pid), "GC.run"]);
  await sleep(1500);
  const info = execFileSync("jcmd", [String(pid), "GC.heap_info"]).toString();
  // one line per space, "total 262144K, used 12345K" (Java 21+: "total reserved …K, committed …K, used …K"): G1's
  // one heap, Parallel's and Serial's young and old generations; the metaspace line has no "total"
  const used = [...info.matchAll(/ total [^\n]*?used (\d+)K/g)].map((m) => Number(m[1]));
  return used.length ? used.reduce((a, b) => a + b, 0) : NaN;
}
