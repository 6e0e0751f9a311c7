// bench/ingest: wall time of ingesting all logs of the full clone ../shared/upstream/modded-nanogpt, all three tracks
// (read + parse + token accounting + roles + runs; not the CSV writing) as a ratio to a bare Node read of the same
// files, in the same process, rounds alternated. The headline reference is a bare whole-file read with the ingest's
// decoding (readFileSync latin1). The ingest itself reads each file into one reused buffer and decodes it in 64 KB
// Latin-1 pieces (src/ingest/loadRun.ts): the same decoding, a cheaper way to get it, timed on its own as "read latin1
// in pieces"; reads as UTF-8 text and as raw bytes, and the ingest on the main thread alone (workers: 0), are printed
// for context. The ingest's worker threads are pooled and start at the end of a process's first ingest: the timed
// rounds run with warm workers and JIT, as the warm-up round leaves them. No result is carried between ingests: the
// attention window per distinct script is cached for one ingest only (flopsPerToken.ts); only compiled window
// expressions (code, cached by their text: evalExpression.ts) are kept. A fresh process's first two ingests (cold JIT;
// cold workers) are timed separately. Other processes share the machine: the load average is printed.
// Goal: ratio <= 1.5, peak memory (max RSS) < 300 MB. Usage: npm run bench:ingest [-- --rounds 9]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { moddedNanogptDir } from "../src/dataset/sharedDir";
import { defaultWorkers } from "../src/ingest/ingestFiles";
import { ingestSource, listLogs } from "../src/ingest/ingestSource";
import { readLogPieces } from "../src/ingest/loadRun";
import { defineCommand, integerOption, parseCommandOrExit } from "../src/cli/args";

// Child mode: ingests in a fresh process, to report the ingest's own time when cold and its peak memory: the first
// call (main thread only; it starts the workers as it ends) and a second one sharing files with the worker.
if (process.env.BENCH_INGEST_ONCE === "1") {
  const t = process.hrtime.bigint();
  const runs = ingestSource({ source: moddedNanogptDir(), nanochat: null }).runs.length;
  const firstMs = Number(process.hrtime.bigint() - t) / 1e6;
  const firstRssMb = process.resourceUsage().maxRSS / 1024;
  const t2 = process.hrtime.bigint();
  ingestSource({ source: moddedNanogptDir(), nanochat: null });
  const secondMs = Number(process.hrtime.bigint() - t2) / 1e6;
  console.log(JSON.stringify({ runs, firstMs, firstRssMb, secondMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const { values } = parseCommandOrExit(
  defineCommand({
    command: "npm run bench:ingest --",
    summary:
      "Times the ingest of ../shared/upstream/modded-nanogpt (under $SPEEDRUN_SHARED if set) against a bare " +
      "read of the same files, rounds alternated.",
    options: { rounds: { type: "string", value: "n", description: "timed rounds, 1 to 1000 (default 9)" } },
  }),
  process.argv.slice(2),
);
let rounds = 9;
try {
  rounds = integerOption("rounds", values.rounds, 1, 1000) ?? 9;
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

const source = moddedNanogptDir();
const files = listLogs(join(source, "records"));

const cases: Record<string, () => number> = {
  "bare read latin1 (reference)": () => files.reduce((n, f) => n + readFileSync(f, "latin1").length, 0),
  "bare read utf8": () => files.reduce((n, f) => n + readFileSync(f, "utf8").length, 0),
  "bare read bytes": () => files.reduce((n, f) => n + readFileSync(f).length, 0),
  "read latin1 in pieces": () => {
    let n = 0;
    for (const f of files) readLogPieces(f, (piece) => (n += piece.length));
    return n;
  },
  "ingest, main thread only": () => ingestSource({ source, nanochat: null, workers: 0 }).runs.length,
  ingest: () => ingestSource({ source, nanochat: null }).runs.length,
};
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const loadBefore = load();
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
console.log(
  `files: ${files.length} logs, ${cases["bare read bytes"]()} bytes; runs ` +
    `built: ${cases.ingest()}; rounds: ${rounds}; ingest worker threads: ${defaultWorkers()} (+ main thread)`,
);
console.log(`load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()}`);
for (const [name, xs] of Object.entries(times)) {
  console.log(
    `${name.padEnd(30)} median ${median(xs).toFixed(0).padStart(5)} ms  min ${min(xs).toFixed(0).padStart(5)} ms`,
  );
}
const ref = times["bare read latin1 (reference)"];
const ing = times.ingest;
console.log(
  `ratio ingest / bare read (same decoding): ` +
    `median ${(median(ing) / median(ref)).toFixed(2)}x, min ${(min(ing) / min(ref)).toFixed(2)}x (goal <= 1.5x)`,
);
console.log(
  `ratio ingest / bare utf8 read: median ${(median(ing) / median(times["bare read utf8"])).toFixed(2)}x; / raw ` +
    `byte read: median ${(median(ing) / median(times["bare read bytes"])).toFixed(2)}x; / read latin1 in ` +
    `pieces: median ${(median(ing) / median(times["read latin1 in pieces"])).toFixed(2)}x`,
);
console.log(
  `ratio ingest on the main thread only / bare read (same decoding): ` +
    `median ${(median(times["ingest, main thread only"]) / median(ref)).toFixed(2)}x`,
);
const child = spawnSync(process.execPath, [...process.execArgv, __filename], {
  env: { ...process.env, BENCH_INGEST_ONCE: "1" },
  encoding: "utf8",
});
type Once = { maxRssMb?: number; firstMs?: number; firstRssMb?: number; secondMs?: number };
const once = child.status === 0 ? (JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as Once) : {};
const ms = (x: number | undefined): string => (x === undefined ? "unavailable" : `${x.toFixed(0)} ms`);
console.log(
  `fresh process: first ingest (cold JIT, main thread; starts the workers) ${ms(once.firstMs)}, second (cold ` +
    `workers) ${ms(once.secondMs)}`,
);
const peakMemory =
  once.maxRssMb === undefined
    ? `unavailable (${child.stderr.trim().slice(0, 200)})`
    : `${once.firstRssMb?.toFixed(0)} MB after the first ingest, ` +
      `${once.maxRssMb.toFixed(0)} MB after the second (with its worker)`;
console.log(`peak memory in a fresh process (max RSS): ${peakMemory} (goal < 300 MB)`);
console.log(
  `peak memory of this bench process after all rounds (max ` +
    `RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
