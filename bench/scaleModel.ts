// Bench: the scale model's calibration and its cost (src/scale, issue 19).
// 1. Calibration: catalogues shaped like ours (results/transfer_pairs.csv + data/literature_transfer.csv: the same
//    pairs, compute positions, kinds, bounds and rerun noise) simulated under five truths and fitted; prints how often
//    the 95% intervals cover the truth, the verdicts, wrong directions and false "flat" calls. Targets (issue 19):
//    trend parameters 92-98%, a pair's multiplier at 1e24 FLOPs 90-98%, wrong direction <= 7% under no change,
//    relative decay called flat <= 10%.
// 2. Cost against the number of pairs (the template recycled to 13 ... 1,000 pairs), with time per pair as the ratio
//    against the 13-pair fit in the same run (the reference): linear growth keeps it near 1.
// Usage: npm run bench:scale [-- --catalogues 200] [--sizes 13,100,300,1000] [--seed 2026]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defineCommand, integerOption, parseCommandOrExit } from "../src/cli/args";
import { parseLiteratureTransfer } from "../src/analysis/literatureTransfer";
import { parseLossLaws } from "../src/analysis/lossLaws";
import {
  calibrate,
  CALIBRATION_TRUTHS,
  fitScaleModel,
  groupScalePairs,
  parseScaleCatalogue,
  predictPairs,
  replicateTemplate,
} from "../src/scale";

const spec = defineCommand({
  command: "npm run bench:scale --",
  summary:
    "Prints the scale model's calibration table (coverage under five truths) and its fit time against the number of pairs.",
  options: {
    catalogues: { type: "string", value: "n", description: "simulated catalogues per truth (default 200)" },
    sizes: {
      type: "string",
      value: "list",
      description: "numbers of pairs timed, comma-separated (default 13,100,300,1000)",
    },
    seed: { type: "string", value: "n", description: "simulation seed (default 2026)" },
  },
});
const { values } = parseCommandOrExit(spec, process.argv.slice(2));
const n = integerOption("catalogues", values.catalogues, 1, 100_000) ?? 200;
const seed = integerOption("seed", values.seed, 0, 4294967295) ?? 2026;
const sizes = (values.sizes ?? "13,100,300,1000")
  .split(",")
  .map((s) => integerOption("sizes", s, 1, 100_000) as number);

const root = join(__dirname, "..");
const logs = parseScaleCatalogue(
  readFileSync(join(root, "results/transfer_pairs.csv"), "utf8"),
  "results/transfer_pairs.csv",
);
const laws = parseLossLaws(readFileSync(join(root, "data/loss_laws.csv"), "utf8"));
const literature = parseLiteratureTransfer(
  readFileSync(join(root, "data/literature_transfer.csv"), "utf8"),
  "data/literature_transfer.csv",
  laws,
);
const set = groupScalePairs([...logs, ...literature]);
const template = [...set.pairs, ...set.oneSided];
console.log(
  `template: ${set.pairs.length} fitted pairs + ${set.oneSided.length} one-sided pairs (point at one compute, bounds elsewhere)`,
);
console.log(`load: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
console.log(`\ncalibration, ${n} catalogues per truth (95% intervals; targets: beta 92-98%, pair at 1e24 90-98%)`);
console.log(
  "truth                               beta0   beta1  pair@1e24 one-sided  width  grows shrinks  flat  n.i.  wrong  false-flat  ms/fit",
);
let last = Date.now();
const rows = calibrate(template, CALIBRATION_TRUTHS, n, seed, { draws: 2000, warmup: 1500 }, (done, total) => {
  if (Date.now() - last > 20_000) {
    last = Date.now();
    console.error(`  ${done}/${total} catalogues`);
  }
});
for (const r of rows) {
  const v = r.verdicts;
  console.log(
    `${r.truth.padEnd(34)}${pct(r.coverBeta0)} ${pct(r.coverBeta1)} ${pct(r.coverPairAt1e24)} ${pct(r.coverOneSidedAt1e24)} ${r.medianWidthAt1e24.toFixed(1).padStart(6)}x` +
      ` ${String(v.grows).padStart(5)} ${String(v.shrinks).padStart(7)} ${String(v.flat).padStart(5)} ${String(v["not identified"]).padStart(5)} ${pct(r.wrongDirection)} ${pct(r.falseFlat).padStart(11)} ${r.msPerFit.toFixed(0).padStart(7)}`,
  );
}
console.log("(width: median hi/lo of a fitted pair's 95% interval at 1e24 FLOPs; n.i.: not identified)");

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
    `  ${String(size).padStart(5)} pairs  ${ms.toFixed(0).padStart(7)} ms  ${perPair.toFixed(2).padStart(7)} ms/pair  ${(perPair / ref).toFixed(2)}x the ${sizes[0]}-pair fit's time per pair`,
  );
}
