// Bench: the analysis step of `npm start` on the embedded data, timed against a named reference in the same run:
// reading and parsing the three CSVs (the I/O every run pays). Usage: npm run bench:analysis [-- repeats]
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import type { AnalysisInput } from "../src/analysis/analysisInput";
import { parseEvalsCsv, parseRecordsCsv, parseRunsCsv } from "../src/analysis/inputs";
import { runAnalysis } from "../src/analysis/runAnalysis";
import { resultFiles } from "../src/results/resultFiles";
import { defineCommand, parseCommandOrExit } from "../src/cli/args";
import { loadAnalysisInput } from "../src/analysis/io/analysisIo";

const dataDir = join(__dirname, "..", "data", "speedrun");
const { positionals } = parseCommandOrExit(
  defineCommand({
    command: "npm run bench:analysis --",
    summary:
      "Times the analysis step of npm start on data/speedrun against reading and parsing its three CSVs (best " +
      "of the repeats).",
    positionals: "[repeats (default 3)]",
    options: {},
  }),
  process.argv.slice(2),
);
const repeats = Number(positionals[0] ?? 3);
if (!Number.isInteger(repeats) || repeats < 1 || positionals.length > 1) {
  console.error(`invalid repeats: ${positionals.join(" ")} (expected one positive integer)`);
  process.exit(2);
}

function load(): AnalysisInput {
  const read = (f: string) => readFileSync(join(dataDir, f), "utf8");
  return {
    records: parseRecordsCsv(read("records.csv")),
    runs: parseRunsCsv(read("runs.csv")),
    evals: parseEvalsCsv(read("evals.csv")),
  };
}

/** CPU time (user + system) of the best run, beside its wall time: on a shared machine, CPU time moves less. */
const cpuOfBest = new Map<() => void, number>();

/**
 * What `npm start` reads: the three CSVs plus the transfer catalogue and the literature rows
 * (src/analysis/io/analysisIo.ts).
 */
const fullInput = loadAnalysisInput(dataDir);

function best(fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    fn();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const used = process.cpuUsage(c);
    if (ms < min) {
      min = ms;
      cpuOfBest.set(fn, (used.user + used.system) / 1000);
    }
  }
  return min;
}

const input = load();
const timed = (fn: () => void): [number, number] => {
  const ms = best(fn);
  return [ms, cpuOfBest.get(fn) as number];
};
const ref = timed(() => load());
const rows: [string, [number, number]][] = [
  ["reference: read + parse records/runs/evals CSVs", ref],
  ["analysis, no curve fits", timed(() => resultFiles(runAnalysis(input, { curveFit: { scope: "none" } })))],
  ["analysis, curve fits on one run per record, no catalogue", timed(() => resultFiles(runAnalysis(input)))],
  ["  + transfer catalogue, literature, scale model (npm start)", timed(() => resultFiles(runAnalysis(fullInput)))],
  [
    "analysis, curve fits on every run (--fit-all-curves)",
    timed(() => resultFiles(runAnalysis(input, { curveFit: { scope: "all" } }))),
  ],
];
console.log(
  `best of ${repeats}, ${input.runs.length} runs, ${input.evals.length} evals; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(", ")}`,
);
for (const [name, [ms, cpu]] of rows)
  console.log(
    `${name.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms ` +
      `(cpu ${cpu.toFixed(0).padStart(6)} ms)  ${(ms / ref[0]).toFixed(1).padStart(6)}x reference`,
  );
