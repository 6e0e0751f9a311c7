// bench/ingest: wall time of ingesting all logs of ../shared/modded-nanogpt (read + parse + token accounting + roles +
// runs; not the CSV writing) as a ratio to a bare Node read of the same files, in the same process, rounds alternated.
// The headline reference reads the files exactly as the ingest does (readFileSync latin1, see src/ingest/loadRun.ts),
// so the ratio is the cost of parsing; reads as UTF-8 text and as raw bytes are printed for context.
// Goal: ratio <= 1.5, peak memory (max RSS) < 300 MB. Usage: npm run bench:ingest [-- --rounds 9]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sharedDir } from "../src/dataset/sharedDir";
import { ingestSource, listLogs } from "../src/ingest/ingestSource";

// Child mode: one ingest in a fresh process, to report the ingest's own peak memory.
if (process.env.BENCH_INGEST_ONCE === "1") {
  const runs = ingestSource({ source: join(sharedDir(), "modded-nanogpt"), nanochat: null }).runs.length;
  console.log(JSON.stringify({ runs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const roundsArg = process.argv.indexOf("--rounds");
const rounds = roundsArg >= 0 ? Number(process.argv[roundsArg + 1]) : 9;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`invalid --rounds: ${process.argv[roundsArg + 1]} (expected a positive integer)`);

const source = join(sharedDir(), "modded-nanogpt");
const files = listLogs(join(source, "records"));

const cases: Record<string, () => number> = {
  "bare read latin1 (reference)": () => files.reduce((n, f) => n + readFileSync(f, "latin1").length, 0),
  "bare read utf8": () => files.reduce((n, f) => n + readFileSync(f, "utf8").length, 0),
  "bare read bytes": () => files.reduce((n, f) => n + readFileSync(f).length, 0),
  ingest: () => ingestSource({ source, nanochat: null }).runs.length,
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const fn of Object.values(cases)) fn(); // warm-up: JIT and page cache
for (let i = 0; i < rounds; i++) {
  for (const [name, fn] of Object.entries(cases)) {
    const t = process.hrtime.bigint();
    fn();
    times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const min = (xs: number[]): number => Math.min(...xs);
console.log(`files: ${files.length} logs, ${cases["bare read bytes"]()} bytes; runs built: ${cases.ingest()}; rounds: ${rounds}`);
for (const [name, xs] of Object.entries(times)) {
  console.log(`${name.padEnd(30)} median ${median(xs).toFixed(0).padStart(5)} ms  min ${min(xs).toFixed(0).padStart(5)} ms`);
}
const ref = times["bare read latin1 (reference)"];
const ing = times.ingest;
console.log(`ratio ingest / bare read (same decoding): median ${(median(ing) / median(ref)).toFixed(2)}x, min ${(min(ing) / min(ref)).toFixed(2)}x (goal <= 1.5x)`);
console.log(`ratio ingest / bare utf8 read: median ${(median(ing) / median(times["bare read utf8"])).toFixed(2)}x; / raw byte read: median ${(median(ing) / median(times["bare read bytes"])).toFixed(2)}x`);
const child = spawnSync(process.execPath, [...process.execArgv, __filename], { env: { ...process.env, BENCH_INGEST_ONCE: "1" }, encoding: "utf8" });
const once = child.status === 0 ? (JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as { maxRssMb?: number }) : {};
console.log(`peak memory of one ingest in a fresh process (max RSS): ${once.maxRssMb === undefined ? `unavailable (${child.stderr.trim().slice(0, 200)})` : once.maxRssMb.toFixed(0)} MB (goal < 300 MB)`);
console.log(`peak memory of this bench process after all rounds (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
