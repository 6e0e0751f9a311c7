// `npm start`: run every analysis on the embedded data/ and write results/ (summary.json + CSV tables), whole or not at
// all (written to a temp dir, then renamed). Prints a short headline table and the analysis time. Usage: tsx
// src/cli/main.ts [--data DIR] [--out DIR] [--fit-all-curves] [--options FILE.json] [--print-options] [--no-cache]
// (--help lists the options). Results computed before from the same data, options and code are reused from
// .cache/analysis (--no-cache: never). --options: a JSON file of analysis options (src/analysis/analysisOptions.ts),
// e.g. {"targets": {"track1": 3.3}}.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { formatAnalysisOptions, type AnalysisOptionsInput } from "../analysis/analysisOptions";
import { frontierVerdict } from "../analysis/claims/frontierClaims";
import { forecastWinners } from "../analysis/progress/rollingForecast";
import { boundPrefix, type AnalysisResults } from "../analysis/runAnalysis";
import { resultFiles } from "../results/resultFiles";
import { parseSummary } from "../results/summaryReference";
import { loadDataset } from "../dataset/loadDataset";
import { REPO_ROOT as repoRoot } from "../dataset/sharedDir";
import { formatSummary, summarizeDataset } from "../dataset/summarizeDataset";
import { checkOutputFolder, recoverOutputFolder } from "../dataset/outputFolder";
import { terminalText } from "../terminalText";
import { writeResultsAtomically } from "../analysis/io/analysisIo";
import { analyzeData, cliAnalysisOptions } from "../analysis/io/analyzeData";
import { defineCommand, nonEmpty, runCommand, type ParsedCommand } from "./args";

const MAIN_COMMAND = defineCommand({
  command: "npx tsx src/cli/main.ts",
  summary:
    "Runs every analysis on a dataset folder and writes the results folder (summary.json and CSV tables) whole " +
    "or not " +
    "at all. The results folder must be absent, empty or an earlier results folder. (npm start runs this after " +
    "set-up, then publishes the site.)",
  options: {
    data: {
      type: "string",
      value: "dir",
      description: "dataset folder with records.csv, runs.csv, evals.csv (default data/speedrun)",
    },
    out: { type: "string", value: "dir", description: "results folder to write (default results/)" },
    "fit-all-curves": {
      type: "boolean",
      description: "fit a loss curve for every run, not only each record's primary run",
    },
    options: {
      type: "string",
      value: "file.json",
      description: 'analysis options as JSON, e.g. {"targets": {"track1": 3.3}} (see --print-options)',
    },
    "print-options": { type: "boolean", description: "print the resolved analysis options and exit" },
    "no-cache": {
      type: "boolean",
      description: "recompute even if the same data, options and code were analysed before",
    },
  },
});

const f = (x: number | null | undefined, d = 3) =>
  x === null || x === undefined ? "n/a" : x >= 1000 ? x.toExponential(2) : x.toPrecision(d);

const interval = (lo: number | null, hi: number | null) => `[${f(lo)}, ${hi === null ? "unbounded" : f(hi)}]`;

/** The terminal summary of `npm start`: the same numbers as results/summary.json, a line or a table each. */
function headline(r: AnalysisResults): string {
  const lines: string[] = [];
  lines.push("track      equal-loss time  README time    tokens     FLOPs   halving, months: Newey-West 95% [OLS 95%]");
  for (const h of r.headlines) {
    const rate = r.rates.find((x) => x.track === h.track && x.metric === "record_time");
    const halving =
      !rate || rate.estimate === null
        ? "n/a"
        : `${f(rate.estimate)} ${interval(rate.lo, rate.hi)} ${interval(rate.olsLo, rate.olsHi)}`;
    const bound = boundPrefix(h.ratioBound);
    const b = (x: number | null) => (x === null ? f(x) : bound + f(x));
    lines.push(
      `${h.track.padEnd(10)} ${b(h.equalLossTimeRatio).padStart(15)}  ${f(h.readmeTimeRatio).padStart(11)}  ` +
        `${b(h.tokenRatio).padStart(8)}  ${b(h.flopsRatio).padStart(8)}   ${halving}`,
    );
  }
  lines.push(
    "  ratios at equal loss (README time: the tables' times, the baseline run past the target); >= lower bound, " +
      "<= upper bound",
  );
  for (const h of r.headlines.filter((x) => x.ratioBound === "upper" && x.baselineCrossingFraction !== null))
    lines.push(
      `  ${h.track}: upper bounds: the baseline reaches the target ` +
        `at ${(100 * (h.baselineCrossingFraction as number)).toFixed(0)}% of its run, before its schedule ends`,
    );
  for (const s of r.rates.filter((x) => x.metric === "record_time" && x.breakDate !== null))
    lines.push(
      `  ${s.track} segmented trend (${s.preferred ?? "n/a"} preferred by BIC): ` +
        `break ${s.breakDate} [${s.breakLo}, ${s.breakHi}], ` +
        `halving ${f(s.beforeMonths)} months before, ${f(s.afterMonths)} after`,
    );
  const losing = forecastWinners(r.forecastScores).filter((w) => w.exponentialBeatsPersistence === false);
  if (losing.length)
    lines.push(
      `  rolling-origin forecasts: the exponential trend loses to persistence ` +
        `at ${losing.map((w) => `${w.series} ${w.horizonMonths} mo`).join(", ")}`,
    );
  lines.push("");
  const sd = r.scaleDependence;
  const q = sd.fit.parameters;
  const iv = (i: { estimate: number; lo: number; hi: number }) => `${f(i.estimate)} ${interval(i.lo, i.hi)}`;
  lines.push(`cross-scale transfer: ${r.transferPairs.length} measurements from the logs`);
  lines.push(
    `  scale model: ${sd.fit.nSlopePairs} fitted pairs, ${sd.oneSided.length} one-sided (predicted, not ` +
      `fitted); measured ${sd.measuredFrom ?? "?"} to ${sd.measuredTo ?? "?"}: ${sd.fit.verdict}`,
  );
  if (q)
    lines.push(
      `  typical slope ${iv(q.typicalSlope)} ln M/decade; beta0 ${iv(q.beta0)}; beta1 ${iv(q.beta1)} of ln ` +
        `M/decade; tau ${iv(q.tau)}`,
    );
  lines.push("today's recipe, carried (assumes ln M linear in log10 FLOPs)   95%");
  for (const e of sd.extrapolation.filter((x) => x.pairId === "recipe_today"))
    lines.push(
      `  ${`${f(e.flops)} FLOPs`.padEnd(30)} ` +
        (e.bound === "upper"
          ? `at most ${f(e.hi)}`
          : e.bound === "lower"
            ? `at least ${f(e.lo)}`
            : `${f(e.multiplier)} ${interval(e.lo, e.hi)}`),
    );
  lines.push("");
  lines.push(`verdict: ${sd.verdict}`);
  lines.push(`frontier: ${frontierVerdict(r.frontier)}`);
  return lines.join("\n");
}

/** --options FILE (JSON) with --fit-all-curves on top; validated by resolveAnalysisOptions (cliAnalysisOptions). */
function optionsFromArgs(values: ParsedCommand<typeof MAIN_COMMAND.options>["values"]): AnalysisOptionsInput {
  const file = nonEmpty("options", values.options);
  let fromFile: AnalysisOptionsInput = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new Error(`${terminalText(file)}: cannot read the options file (${(e as Error).message})`);
    }
    try {
      fromFile = JSON.parse(text) as AnalysisOptionsInput;
    } catch (e) {
      throw new Error(`${terminalText(file)}: not valid JSON (${(e as Error).message})`);
    }
  }
  if (values["fit-all-curves"] !== true) return fromFile;
  return { ...fromFile, curveFit: { ...fromFile.curveFit, scope: "all" } };
}

function main({ values }: ParsedCommand<typeof MAIN_COMMAND.options>): void {
  const options = cliAnalysisOptions(optionsFromArgs(values));
  if (values["print-options"] === true) {
    console.log(formatAnalysisOptions(options));
    return;
  }
  const dataArg = nonEmpty("data", values.data);
  const dataDir = resolve(dataArg ?? join(repoRoot, "data", "speedrun"));
  const outDir = resolve(nonEmpty("out", values.out) ?? join(repoRoot, "results"));
  // Refuse a folder that is not ours before the analysis runs (writeResultsAtomically checks again when writing).
  for (const line of recoverOutputFolder(outDir, "results")) console.log(line);
  checkOutputFolder(outDir, "results");
  if (dataArg === undefined) console.log(formatSummary(summarizeDataset(loadDataset())) + "\n");
  const t0 = process.hrtime.bigint();
  let lastPct = -1;
  let runsWithTarget: number | null = null;
  const { input, results, cache } = analyzeData({
    ...options,
    dataDir,
    cache: values["no-cache"] !== true,
    onStep: (name) => console.log(`- ${name}`),
    onProgress: (done, total) => {
      const pct = Math.floor((100 * done) / total);
      runsWithTarget = total;
      if (pct >= lastPct + 25 || done === total) {
        lastPct = pct;
        process.stdout.write(`  ${done} of ${total} runs with a target loss\n`);
      }
    },
  });
  const withoutTarget = runsWithTarget === null ? 0 : input.runs.length - runsWithTarget;
  console.log(
    `dataset: ${input.records.length} record ` +
      `rows, ${input.runs.length} runs` +
      (withoutTarget > 0 ? ` (${withoutTarget} in tracks without a target loss)` : "") +
      ", " +
      `${input.evals.length} evals (${terminalText(dataDir)})`,
  );
  if (cache.hit)
    console.log(
      `reused the analysis computed before from the same data, options and code ` +
        `(${terminalText(cache.path ?? "")}; --no-cache recomputes)`,
    );
  const files = resultFiles(results);
  const t1 = process.hrtime.bigint();
  writeResultsAtomically(outDir, files, (line) => console.log(line));
  console.log("");
  console.log(headline(results));
  const { warnings } = parseSummary(files["summary.json"], "summary.json");
  if (warnings.length)
    console.log(`warnings: ${warnings.length} non-finite values replaced by null (see summary.json)`);
  console.log(
    `\nanalysis: ${(Number(t1 - t0) / 1e9).toFixed(2)} s (read data + all analyses + formatting); ` +
      `wrote ${Object.keys(files).length} files to ${terminalText(outDir)}`,
  );
}

if (require.main === module) void runCommand(MAIN_COMMAND, process.argv.slice(2), main);
