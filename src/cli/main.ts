// `npm start`: run every analysis on the embedded data/ and write results/ (summary.json + CSV tables), whole or not
// at all (written to a temp dir, then renamed). Prints a short headline table and the analysis time.
// Usage: tsx src/cli/main.ts [--data DIR] [--out DIR] [--fit-all-curves] [--options FILE.json] [--print-options] [--no-cache]
// (--help lists the options). Results computed before from the same data, options and code are reused from
// .cache/analysis (--no-cache: never). --options: a JSON file of analysis options (src/analysis/analysisOptions.ts),
// e.g. {"targets": {"track1": 3.3}}.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { formatAnalysisOptions, type AnalysisOptionsInput } from "../analysis/analysisOptions";
import { frontierVerdict } from "../analysis/frontierClaims";
import { resultFiles, type AnalysisResults } from "../analysis/runAnalysis";
import { loadDataset } from "../dataset/loadDataset";
import { REPO_ROOT as repoRoot } from "../dataset/sharedDir";
import { formatSummary, summarizeDataset } from "../dataset/summarizeDataset";
import { checkOutputFolder, recoverOutputFolder } from "../dataset/outputFolder";
import { terminalText } from "../terminalText";
import { writeResultsAtomically } from "./analysisIo";
import { analyzeData, cliAnalysisOptions } from "./analyzeData";
import { defineCommand, nonEmpty, runCommand, type ParsedCommand } from "./args";

export const MAIN_COMMAND = defineCommand({
  command: "npx tsx src/cli/main.ts",
  summary:
    "Runs every analysis on a dataset folder and writes the results folder (summary.json and CSV tables) whole or not " +
    "at all. The results folder must be absent, empty or an earlier results folder. (npm start runs this after set-up, then publishes the site.)",
  options: {
    data: { type: "string", value: "dir", description: "dataset folder with records.csv, runs.csv, evals.csv (default data/speedrun)" },
    out: { type: "string", value: "dir", description: "results folder to write (default results/)" },
    "fit-all-curves": { type: "boolean", description: "fit a loss curve for every run, not only each record's primary run" },
    options: { type: "string", value: "file.json", description: "analysis options as JSON, e.g. {\"targets\": {\"track1\": 3.3}} (see --print-options)" },
    "print-options": { type: "boolean", description: "print the resolved analysis options and exit" },
    "no-cache": { type: "boolean", description: "recompute even if the same data, options and code were analysed before" },
  },
});

const f = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? "n/a" : x >= 1000 ? x.toExponential(2) : x.toPrecision(d));

function headline(r: AnalysisResults): string {
  const lines: string[] = [];
  lines.push("track      time ratio  token ratio  equal-loss time  halving (months, 95% CI)");
  for (const h of r.headlines) {
    const hv = r.halving.find((x) => x.track === h.track && x.metric === "record_time" && x.variant === "all");
    const i = hv?.halvingMonths;
    const halving = !i || i.estimate === null ? "n/a" : i.lo === null && i.hi === null ? `${f(i.estimate)} (no interval)` : `${f(i.estimate)} [${f(i.lo)}, ${i.hi === null ? "unbounded" : f(i.hi)}]`;
    lines.push(`${h.track.padEnd(10)} ${f(h.timeRatio).padStart(10)}  ${(f(h.tokenRatio) + (h.lowerBound ? "+" : "")).padStart(11)}  ${f(h.equalLossTimeRatio).padStart(15)}  ${halving}`);
  }
  const split = r.halving.filter((x) => x.track === "track1" && x.metric === "record_time" && /^(until|from)_/.test(x.variant));
  for (const h of split) lines.push(`  track1 ${h.variant.replace("_", " ")}: halving ${f(h.halvingMonths.estimate)} months [${f(h.halvingMonths.lo)}, ${h.halvingMonths.hi === null ? "unbounded" : f(h.halvingMonths.hi)}] (${h.n} records)`);
  lines.push("  Ho et al. 2024, language models in general: 8 months [5, 14]");
  lines.push("");
  lines.push("scale point                      params     multiplier  [lo, hi]         in fit");
  for (const p of r.scalePoints) lines.push(`${p.id.padEnd(32)} ${f(p.params).padStart(9)}  ${f(p.multiplier).padStart(10)}  [${f(p.lo)}, ${f(p.hi)}]`.padEnd(78) + (p.inFit ? "yes" : "no"));
  lines.push("");
  // lo/hi of the headline: the envelope over both scale models (src/analysis/extrapolationEnvelope.ts); the ln ln M
  // 95% PI and the plain ln M model's central estimate are shown beside it.
  lines.push("extrapolation                 multiplier  envelope          ln ln M 95% PI      ln M model");
  for (const e of r.extrapolationEnvelope) {
    const at = e.axis === "params" ? `${f(e.params)} params` : `${f(e.flops)} FLOP`;
    lines.push(`${at.padEnd(29)} ${f(e.multiplier).padStart(10)}  ${`[${f(e.envelopeLo)}, ${f(e.envelopeHi)}]${e.cappedAtAnchor ? "*" : ""}`.padEnd(18)}${`[${f(e.lo)}, ${f(e.hi)}]`.padEnd(20)}${f(e.centralLogModel).padStart(10)}${e.extrapolated ? "  extrapolated" : ""}`);
  }
  lines.push("  envelope = union of the ln ln M 95% PI and both models' pair-slope bands; * upper end capped at the 124M multiplier (every pair shrinks)");
  for (const h of r.hindcasts) lines.push(`hindcast: ${h.description}: mean |log10 error| ${f(h.meanAbsLog10Error)}, predicted/actual ${f(h.medianRatio)} (median of ${h.nScored})`);
  lines.push("");
  lines.push(`verdict: ${r.verdict.sentence}`);
  lines.push(`frontier: ${frontierVerdict(r.frontier)}`);
  return lines.join("\n");
}

/** --options FILE (JSON) with --fit-all-curves on top; validated by resolveAnalysisOptions (cliAnalysisOptions). */
function optionsFromArgs(values: ParsedCommand<typeof MAIN_COMMAND.options>["values"]): AnalysisOptionsInput {
  const file = nonEmpty("options", values.options);
  let fromFile: AnalysisOptionsInput = {};
  if (file !== undefined) {
    let text: string;
    try { text = readFileSync(file, "utf8"); } catch (e) { throw new Error(`${terminalText(file)}: cannot read the options file (${(e as Error).message})`); }
    try { fromFile = JSON.parse(text) as AnalysisOptionsInput; } catch (e) { throw new Error(`${terminalText(file)}: not valid JSON (${(e as Error).message})`); }
  }
  if (values["fit-all-curves"] !== true) return fromFile;
  return { ...fromFile, curveFit: { ...fromFile.curveFit, scope: "all" } };
}

function main({ values }: ParsedCommand<typeof MAIN_COMMAND.options>): void {
  const options = cliAnalysisOptions(optionsFromArgs(values));
  if (values["print-options"] === true) { console.log(formatAnalysisOptions(options)); return; }
  const dataArg = nonEmpty("data", values.data);
  const dataDir = resolve(dataArg ?? join(repoRoot, "data", "speedrun"));
  const outDir = resolve(nonEmpty("out", values.out) ?? join(repoRoot, "results"));
  // Refuse a folder that is not ours before the analysis runs (writeResultsAtomically checks again when writing).
  for (const line of recoverOutputFolder(outDir, "results")) console.log(line);
  checkOutputFolder(outDir, "results");
  if (dataArg === undefined) console.log(formatSummary(summarizeDataset(loadDataset())) + "\n");
  const t0 = process.hrtime.bigint();
  let lastPct = -1;
  const { input, results, cache } = analyzeData({
    ...options,
    dataDir,
    cache: values["no-cache"] !== true,
    onStep: (name) => console.log(`- ${name}`),
    onProgress: (done, total) => {
      const pct = Math.floor((100 * done) / total);
      if (pct >= lastPct + 25 || done === total) { lastPct = pct; process.stdout.write(`  runs ${done}/${total}\n`); }
    },
  });
  console.log(`dataset: ${input.records.length} record rows, ${input.runs.length} runs, ${input.evals.length} evals (${terminalText(dataDir)})`);
  if (cache.hit) console.log(`reused the analysis computed before from the same data, options and code (${terminalText(cache.path ?? "")}; --no-cache recomputes)`);
  const files = resultFiles(results);
  const t1 = process.hrtime.bigint();
  writeResultsAtomically(outDir, files, (line) => console.log(line));
  console.log("");
  console.log(headline(results));
  const summary = JSON.parse(files["summary.json"]) as { warnings: string[] };
  if (summary.warnings.length) console.log(`warnings: ${summary.warnings.length} non-finite values replaced by null (see summary.json)`);
  for (const m of results.missingScalePoints) console.log(`missing scale point ${m.id}: ${m.reason}`);
  console.log(`\nanalysis: ${(Number(t1 - t0) / 1e9).toFixed(2)} s (read data + all analyses + formatting); wrote ${Object.keys(files).length} files to ${terminalText(outDir)}`);
}

if (require.main === module) void runCommand(MAIN_COMMAND, process.argv.slice(2), main);
