// Bench: the scale model's calibration and its cost (src/scale, issue 19).
// 1. Calibration: catalogues shaped like ours (data/transfer_pairs.csv measured on the dataset, plus
//    data/literature_transfer.csv, as the scale stage fits them: the same pairs, compute positions, kinds, bounds and
//    rerun noise) simulated under five truths and fitted; prints how often the 95% intervals cover the truth, the
//    verdicts, wrong directions and false "flat" calls. Targets (issue 19):
//    trend parameters 92-98%, a pair's multiplier at 1e24 FLOPs 90-98%, wrong direction <= 7% under no change,
//    relative decay called flat <= 10%.
// 2. Cost against the number of pairs (the template recycled to 13 ... 1,000 pairs), with time per pair as the ratio
//    against the 13-pair fit in the same run (the reference): linear growth keeps it near 1.
// Usage: npm run bench:scale [-- --catalogues 200] [--sizes 13,100,300,1000] [--seed 2026] [--truths 1,2,3,4,5]
//        [--draws 4000] [--beta-prior-sd 10] (a diagnostic: the same calibration under flat trend priors)
import { readFileSync } from "node:fs";
import { defineCommand, integerOption, parseCommandOrExit } from "../src/cli/args";
import { loadAnalysisInput } from "../src/analysis/io/analysisIo";
import {
  calibrate,
  CALIBRATION_TRUTHS,
  currentScalePairs,
  fitScaleModel,
  predictPairs,
  replicateTemplate,
  scaleFitDefaults,
  SCALE_PRIORS,
  type CalibrationRow,
  type CalibrationShare,
} from "../src/scale";

const spec = defineCommand({
  command: "npm run bench:scale --",
  summary:
    "Prints the scale model's calibration table (coverage under five truths) and its fit time against the " +
    "number of pairs.",
  options: {
    catalogues: { type: "string", value: "n", description: "simulated catalogues per truth (default 200)" },
    sizes: {
      type: "string",
      value: "list",
      description: "numbers of pairs timed, comma-separated (default 13,100,300,1000)",
    },
    seed: { type: "string", value: "n", description: "simulation seed (default 2026)" },
    truths: {
      type: "string",
      value: "list",
      description:
        "truths run, 1-based and comma-separated (default all: " +
        CALIBRATION_TRUTHS.map((t, i) => `${i + 1} ${t.name}`).join(", ") +
        "); a truth's catalogues depend on its place in this list",
    },
    draws: { type: "string", value: "n", description: "posterior draws per fit (default: the shipped fit's, 4000)" },
    "beta-prior-sd": {
      type: "string",
      value: "x",
      description: "diagnostic only: sd of the normal priors on beta0 and beta1 (default: the shipped priors)",
    },
  },
});
const { values } = parseCommandOrExit(spec, process.argv.slice(2));
const n = integerOption("catalogues", values.catalogues, 1, 100_000) ?? 200;
const seed = integerOption("seed", values.seed, 0, 4294967295) ?? 2026;
const draws = integerOption("draws", values.draws, 100, 1_000_000) ?? scaleFitDefaults.draws;
const warmup = Math.max(scaleFitDefaults.warmup, Math.round(draws / 2));
const betaPriorSd = values["beta-prior-sd"] === undefined ? undefined : Number(values["beta-prior-sd"]);
if (betaPriorSd !== undefined && !(betaPriorSd > 0)) {
  console.error(`--beta-prior-sd: "${values["beta-prior-sd"]}" is not a positive number`);
  process.exit(2);
}
const truths = (values.truths ?? CALIBRATION_TRUTHS.map((_, i) => i + 1).join(","))
  .split(",")
  .map((s) => CALIBRATION_TRUTHS[(integerOption("truths", s, 1, CALIBRATION_TRUTHS.length) as number) - 1]);
const sizes = (values.sizes ?? "13,100,300,1000")
  .split(",")
  .map((s) => integerOption("sizes", s, 1, 100_000) as number);

// The template is the current catalogue, measured from the data by the catalogue code (not results/, which the
// integrator regenerates, and not a frozen copy).
const set = currentScalePairs(loadAnalysisInput());
const template = [...set.pairs, ...set.oneSided];
console.log(
  `template: ${set.pairs.length} fitted pairs + ${set.oneSided.length} one-sided pairs (point at one compute, ` +
    `bounds elsewhere)`,
);
console.log(`load: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
const pct = (x: number) => (Number.isNaN(x) ? "-" : `${(100 * x).toFixed(1)}%`);
const withSe = (r: CalibrationRow, k: CalibrationShare) =>
  Number.isNaN(r[k]) ? "-" : `${pct(r[k])} ±${(100 * r.se[k]).toFixed(1)}`;
const fitOptions = {
  draws,
  warmup,
  priors: {
    ...SCALE_PRIORS,
    beta0Sd: betaPriorSd ?? SCALE_PRIORS.beta0Sd,
    beta1Sd: betaPriorSd ?? SCALE_PRIORS.beta1Sd,
  },
};
console.log(
  `\ncalibration, ${n} catalogues per truth, fits of ${draws} draws after ${warmup} warm-up` +
    `${betaPriorSd === undefined ? "" : ` (diagnostic: beta0, beta1 priors N(0, ${betaPriorSd}))`}` +
    "\n95% intervals; each share ± its Monte-Carlo standard error. Targets (issue 19): beta0, beta1 92-98%," +
    "\npair at 1e24 90-98%, wrong direction <= 7% under no change, relative decay flat <= 10%",
);
const columns = [
  "truth",
  "beta0",
  "beta1",
  "typical slope",
  "pair@1e24",
  "one-sided@1e24",
  "width",
  "verdicts g/s/f/n.i.",
];
const header = columns.concat(["right direction", "wrong direction", "false flat", "ms/fit"]);
const cells = (r: CalibrationRow): string[] => {
  const v = r.verdicts;
  return [
    r.truth,
    withSe(r, "coverBeta0"),
    withSe(r, "coverBeta1"),
    withSe(r, "coverTypicalSlope"),
    withSe(r, "coverPairAt1e24"),
    withSe(r, "coverOneSidedAt1e24"),
    `${r.medianWidthAt1e24.toFixed(1)}x`,
    `${v.grows}/${v.shrinks}/${v.flat}/${v["not identified"]}`,
    withSe(r, "rightDirection"),
    withSe(r, "wrongDirection"),
    withSe(r, "falseFlat"),
    r.msPerFit.toFixed(0),
  ];
};
const started = Date.now();
let last = started;
// Each truth's row is printed (to stderr, unaligned) as soon as its catalogues are done, so a run stopped early
// still reports the truths it finished; the aligned table follows at the end.
const rows = calibrate(template, truths, n, seed, fitOptions, {
  onCatalogue: (done, total) => {
    if (Date.now() - last > 20_000) {
      last = Date.now();
      console.error(`  ${done}/${total} catalogues`);
    }
  },
  onTruth: (r) =>
    console.error(
      `  done (load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}): ` +
        cells(r)
          .map((c, j) => `${header[j]} ${c}`)
          .join("; "),
    ),
});
const table: string[][] = [header, ...rows.map(cells)];
const widths = table[0].map((_, j) => Math.max(...table.map((row) => row[j].length)));
for (const row of table)
  console.log(row.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  "));
console.log(
  "(typical slope: beta0 + beta1 * mean c_i, what the verdict reads; width: median hi/lo of a fitted pair's 95% " +
    "interval" +
    "\nat 1e24 FLOPs; verdicts: grows/shrinks/flat/not identified; right direction: the truth's direction declared)",
);
console.log(
  `calibration took ${((Date.now() - started) / 60_000).toFixed(1)} min; ` +
    `load after it: ${readFileSync("/proc/loadavg", "utf8").trim()}`,
);

console.log(
  "\nfit time against the number of pairs (default options: 4,000 draws after 2,000 warm-up; 1,000 predictive draws)",
);
let ref: number | null = null;
for (const size of sizes) {
  const pairs = replicateTemplate(set.pairs, size);
  const t = performance.now();
  const fit = fitScaleModel(pairs);
  predictPairs(fit, 24);
  const ms = performance.now() - t;
  const perPair = ms / size;
  ref ??= perPair;
  console.log(
    `  ${String(size).padStart(5)} pairs  ${ms.toFixed(0).padStart(7)} ms  ${perPair.toFixed(2).padStart(7)} ms/` +
      `pair  ${(perPair / ref).toFixed(2)}x the ${sizes[0]}-pair fit's time per pair`,
  );
}
