// Turns bench.mjs results (JSON lines) into Markdown tables: the median of the repetitions of each
// (label, server, scenario), with the number of runs and the range of the main figure; under the saturation table
// a row of Node ÷ ours (a delivery rate above 1: Node keeps up with more; CPU and latency above 1: ours costs less).
// A run that measures CPU or latency during which the rest of the machine (other users' builds) used more than
// --max-other % of a core is left out and counted as disturbed.
//   node report.mjs [--max-other 15] results.jsonl [more.jsonl...]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const mo = args.indexOf("--max-other");
const maxOther = mo >= 0 ? Number(args.splice(mo, 2)[1]) : 15;
const all = args
  .flatMap((f) => readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)));
const disturbed = all.filter((r) => r.otherCpuPct > maxOther);
const rows = all.filter((r) => !(r.otherCpuPct > maxOther));
if (disturbed.length) {
  console.log(`left out ${disturbed.length} disturbed run(s) (other CPU > ${maxOther} %): ` +
    disturbed.map((r) => `${r.server} ${r.scenario} ${r.otherCpuPct} %`).join(", "));
}
for (const r of rows) {
  // results written before the rate was: from the count and the time
  if (r.scenario === "idle" && r.connectsPerSec === undefined) {
    r.connectsPerSec = Math.round(r.connections / (r.connectMs / 1000));
  }
}
const groups = new Map();
for (const r of rows) {
  const k = `${r.label}|${r.scenario}|${r.server}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(r);
}
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const med = (rs, f) => {
  const v = median(rs.map((r) => r[f]));
  return Math.abs(v) < 10 ? Math.round(v * 100) / 100 : Math.round(v * 10) / 10;
};
const range = (rs, f) => {
  const v = rs.map((r) => r[f]);
  return rs.length > 1 ? ` (${Math.min(...v)}–${Math.max(...v)})` : "";
};
/** a warm-round figure (bench.mjs --idle-again): median and range, "–" for results without one */
const warm = (rs, f) => {
  const with_ = rs.filter((r) => Number.isFinite(r[f]));
  return with_.length ? `${med(with_, f)}${range(with_, f)}` : "–";
};
/** Node's median over ours, two decimals; "–" without both. */
const ratio = (node, ours, f) => {
  const v = median(node.map((r) => r[f])) / median(ours.map((r) => r[f]));
  return Number.isFinite(v) ? v.toFixed(2) : "–";
};
const server = (s) => (s === "java" ? "socketio-ee (Tomcat 11)" : "Node.js socket.io 4.8");

const tables = {
  broadcast: ["| server | runs | delivered msg/s | server CPU | CPU µs / delivered msg | p50 ms | p99 ms | lost | client CPU | other CPU |",
    (rs) => `| ${server(rs[0].server)} | ${rs.length} | ${med(rs, "throughput")} | ${med(rs, "serverCpuPct")} % | ` +
      `${med(rs, "cpuUsPerDelivered")}${range(rs, "cpuUsPerDelivered")} | ${med(rs, "p50ms")} | ${med(rs, "p99ms")} | ` +
      `${med(rs, "lost")} | ${med(rs, "clientCpuPct")} % | ${med(rs, "otherCpuPct")} % |`],
  saturate: ["| server | runs | **deliveries/s** | broadcasts/s | server CPU | CPU µs / delivery | p50 ms | p99 ms | lost | client CPU | other CPU |",
    (rs) => `| ${server(rs[0].server)} | ${rs.length} | **${med(rs, "throughput")}**${range(rs, "throughput")} | ` +
      `${med(rs, "broadcastsPerSec")} | ${med(rs, "serverCpuPct")} % | ` +
      `${med(rs, "cpuUsPerDelivered")}${range(rs, "cpuUsPerDelivered")} | ` +
      `${med(rs, "p50ms")} | ${med(rs, "p99ms")} | ${med(rs, "lost")} | ${med(rs, "clientCpuPct")} % | ${med(rs, "otherCpuPct")} % |`,
    (ours, node) => `| Node ÷ ours | | ${ratio(node, ours, "throughput")} | ${ratio(node, ours, "broadcastsPerSec")} | ` +
      `${ratio(node, ours, "serverCpuPct")} | ${ratio(node, ours, "cpuUsPerDelivered")} | ${ratio(node, ours, "p50ms")} | ` +
      `${ratio(node, ours, "p99ms")} | | | |`],
  echo: ["| server | runs | acks/s | server CPU | CPU µs / ack | p50 ms | p99 ms | client CPU | other CPU |",
    (rs) => `| ${server(rs[0].server)} | ${rs.length} | ${med(rs, "throughput")} | ${med(rs, "serverCpuPct")} % | ` +
      `${med(rs, "cpuUsPerAck")}${range(rs, "cpuUsPerAck")} | ${med(rs, "p50ms")} | ${med(rs, "p99ms")} | ` +
      `${med(rs, "clientCpuPct")} % | ${med(rs, "otherCpuPct")} % |`],
  echoloop: ["| server | runs | **acks/s** | server CPU | CPU µs / ack | p50 ms | p99 ms | client CPU | other CPU |",
    (rs) => `| ${server(rs[0].server)} | ${rs.length} | **${med(rs, "throughput")}**${range(rs, "throughput")} | ` +
      `${med(rs, "serverCpuPct")} % | ${med(rs, "cpuUsPerAck")}${range(rs, "cpuUsPerAck")} | ${med(rs, "p50ms")} | ` +
      `${med(rs, "p99ms")} | ${med(rs, "clientCpuPct")} % | ${med(rs, "otherCpuPct")} % |`,
    (ours, node) => `| Node ÷ ours | | ${ratio(node, ours, "throughput")} | ${ratio(node, ours, "serverCpuPct")} | ` +
      `${ratio(node, ours, "cpuUsPerAck")} | ${ratio(node, ours, "p50ms")} | ${ratio(node, ours, "p99ms")} | | |`],
  large: ["| server | runs | healthy p50 ms | healthy p99 ms | lost | non-readers cut off | after (s) | server CPU | CPU µs / delivered msg | RSS before → max (MB) | RSS growth (MB) | other CPU |",
    (rs) => `| ${server(rs[0].server)} | ${rs.length} | ${med(rs, "p50ms")} | ${med(rs, "p99ms")}${range(rs, "p99ms")} | ` +
      `${med(rs, "lost")} | ${rs.map((r) => `${r.cutOff === null || r.cutOff < 0 ? "?" : r.cutOff}/${r.stalled}`).join(", ")} | ` +
      `${rs.map((r) => (r.cutOffSecs === null ? "–" : r.cutOffSecs)).join(", ")} | ${med(rs, "serverCpuPct")} % | ` +
      `${med(rs, "cpuUsPerDelivered")} | ${med(rs, "rssBeforeMB")} → ${med(rs, "rssMaxMB")} | ` +
      `${med(rs, "rssGrowthMB")}${range(rs, "rssGrowthMB")} | ${med(rs, "otherCpuPct")} % |`],
  idle: ["| server | runs | connections | RSS before → after (MB) | RSS KB / connection | heap after GC before → after (MB) | heap KB / connection | time to connect (s) | connections / s | server CPU ms / connection | warm: connections / s | warm: CPU ms / connection |",
    (rs) => `| ${server(rs[0].server)} | ${rs.length} | ${med(rs, "connections")} | ${med(rs, "baseRssMB")} → ${med(rs, "rssMB")} | ` +
      `${med(rs, "rssKBPerConn")}${range(rs, "rssKBPerConn")} | ${med(rs, "baseHeapMB")} → ${med(rs, "heapMB")} | ` +
      `${med(rs, "heapKBPerConn")}${range(rs, "heapKBPerConn")} | ${Math.round(med(rs, "connectMs") / 100) / 10} | ` +
      `${med(rs, "connectsPerSec")}${range(rs, "connectsPerSec")} | ${med(rs, "serverCpuMsPerConn")}${range(rs, "serverCpuMsPerConn")} | ` +
      `${warm(rs, "warmConnectsPerSec")} | ${warm(rs, "warmCpuMsPerConn")} |`,
    (ours, node) => `| Node ÷ ours | | | | ${ratio(node, ours, "rssKBPerConn")} | | ${ratio(node, ours, "heapKBPerConn")} | | ` +
      `${ratio(node, ours, "connectsPerSec")} | ${ratio(node, ours, "serverCpuMsPerConn")} | ` +
      `${ratio(node, ours, "warmConnectsPerSec")} | ${ratio(node, ours, "warmCpuMsPerConn")} |`],
};
for (const label of [...new Set(rows.map((r) => r.label))]) {
  for (const [scenario, [head, line, ratioLine]] of Object.entries(tables)) {
    const gs = [...groups.entries()].filter(([k]) => k.startsWith(`${label}|${scenario}|`));
    if (!gs.length) continue;
    console.log(`\n${scenario} (${label})\n`);
    console.log(head);
    console.log(head.replace(/[^|]+/g, "---"));
    gs.sort(([a], [b]) => (a.endsWith("java") ? -1 : 1)).forEach(([, rs]) => console.log(line(rs)));
    const ours = groups.get(`${label}|${scenario}|java`), node = groups.get(`${label}|${scenario}|node`);
    if (ratioLine && ours && node) console.log(ratioLine(ours, node));
  }
}
