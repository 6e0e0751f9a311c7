// Bench: the analysis step of `npm start` on the embedded data, timed against a named reference in the same run:
// reading and parsing the three CSVs (the I/O every run pays). Usage: npm run bench:analysis [-- repeats]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEvalsCsv, parseRecordsCsv, parseRunsCsv, type AnalysisInput } from "../src/analysis/inputs";
import { FAST_CURVE_FIT, powerCurveFitter } from "../src/analysis/powerCurveFitter";
import { resultFiles, runAnalysis } from "../src/analysis/runAnalysis";
import { loadAnalysisInput } from "../src/cli/analysisIo";

const dataDir = join(__dirname, "..", "data", "speedrun");
const repeats = Number(process.argv[2] ?? 3);

function load(): AnalysisInput {
  const read = (f: string) => readFileSync(join(dataDir, f), "utf8");
  return { records: parseRecordsCsv(read("records.csv")), runs: parseRunsCsv(read("runs.csv")), evals: parseEvalsCsv(read("evals.csv")) };
}

/** What `npm start` reads: the three CSVs plus the transfer catalogue and the literature rows (src/cli/analysisIo.ts). */
const fullInput = loadAnalysisInput(dataDir);

function best(fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}

const input = load();
const ref = best(() => load());
const noFits = best(() => resultFiles(runAnalysis(input, {})));
const primary = best(() => resultFiles(runAnalysis(input, { fitCurve: powerCurveFitter(FAST_CURVE_FIT) })));
const withCatalogue = best(() => resultFiles(runAnalysis(fullInput, { fitCurve: powerCurveFitter(FAST_CURVE_FIT) })));
const all = best(() => resultFiles(runAnalysis(input, { fitCurve: powerCurveFitter(FAST_CURVE_FIT), curveFits: "all" })));
const rows: [string, number][] = [
  ["reference: read + parse records/runs/evals CSVs", ref],
  ["analysis, no curve fits", noFits],
  ["analysis, curve fits on one run per record, no catalogue", primary],
  ["  + transfer catalogue, literature, scale model (npm start)", withCatalogue],
  ["analysis, curve fits on every run (--fit-all-curves)", all],
];
console.log(`best of ${repeats}, ${input.runs.length} runs, ${input.evals.length} evals`);
for (const [name, ms] of rows) console.log(`${name.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / ref).toFixed(1).padStart(6)}x reference`);
