// Bench: the scale model's fit (fitScaleModel: censored hierarchical ML with profile intervals) against a named
// reference in the same run: the plain OLS it replaces as the headline (ln M on log10 C with one intercept per pair,
// the within-pair regression of scaleTrend.ts's "log" model, bounds read as points), on the same measurements.
// Goal: the scale model under 2 s. Usage: npm run bench:scale [-- repeats]
import { fitScaleModel } from "../src/analysis/fitScaleModel";
import { defineCommand, parseCommandOrExit } from "../src/cli/args";
import { scaleDependence } from "../src/analysis/scaleDependence";
import { scalePairs, type ScalePair } from "../src/analysis/scalePairs";
import { mulberry32 } from "../src/fit/random";
import { loadAnalysisInput } from "../src/cli/analysisIo";
import { runAnalysis } from "../src/analysis/runAnalysis";
import type { TransferMeasurement } from "../src/types";

const COMMAND = defineCommand({
  command: "npm run bench:scale --",
  summary: "Times the scale model's fit (fitScaleModel) against the plain OLS it replaced as the headline, on the same measurements; best of the repeats.",
  positionals: "[repeats (default 5)]",
  options: {},
});
const { positionals } = parseCommandOrExit(COMMAND, process.argv.slice(2));
const repeats = positionals.length === 0 ? 5 : Number(positionals[0]);
if (positionals.length > 1 || !Number.isInteger(repeats) || repeats < 1 || repeats > 1000) {
  console.error(`bench:scale: repeats must be one integer from 1 to 1000, got ${positionals.join(" ")}`);
  process.exit(2);
}

function best(fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}

/** Within-pair OLS slope of ln M on log10 C (pair intercepts absorbed by centring), every observation a point. */
function pairedOls(pairs: readonly ScalePair[]): number {
  let sxy = 0, sxx = 0;
  for (const p of pairs) {
    const n = p.observations.length;
    const mx = p.observations.reduce((s, o) => s + o.x, 0) / n;
    const my = p.observations.reduce((s, o) => s + o.y, 0) / n;
    for (const o of p.observations) { sxy += (o.x - mx) * (o.y - my); sxx += (o.x - mx) ** 2; }
  }
  return sxy / sxx;
}

function synthetic(nPairs: number, seed: number): TransferMeasurement[] {
  const rnd = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() || 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const rows: TransferMeasurement[] = [];
  for (let i = 0; i < nPairs; i++) {
    const a = 1 + 0.5 * gauss(), b = -0.2 + 0.1 * gauss();
    for (const x of [18, 19, 20]) {
      const bound = i % 3 === 0 && x === 20;
      rows.push({ pairId: `s${i}`, innovation: "", category: "optimizer", scaleLabel: `${x}`, nParamsMatmul: null, flopsPerToken: null, flops: 10 ** x, targetLoss: null, targetRule: "",
        multiplier: Math.exp(a + b * (x - 18) + 0.05 * gauss() - (bound ? 0.2 : 0)), lo: null, hi: null, kind: bound ? "lower_bound" : "estimate", logSd: null, origin: "logs", method: "", source: "", note: "" });
    }
  }
  return rows;
}

const input = loadAnalysisInput();
const results = runAnalysis(input);
const real = [...results.transferLogs, ...(input.literatureTransfer ?? [])];
console.log(`best of ${repeats}`);
for (const [name, rows] of [[`project measurements (${real.length} rows, logs + literature)`, real], ["synthetic: 40 pairs x 3 scales, 14 censored (seed 1)", synthetic(40, 1)]] as const) {
  const set = scalePairs(rows);
  const ref = best(() => pairedOls(set.pairs));
  const fit = best(() => fitScaleModel(set.pairs, set.nCensored));
  console.log(name);
  console.log(`  reference: within-pair OLS of ln M (bounds as points)   ${ref.toFixed(3).padStart(9)} ms`);
  console.log(`  fitScaleModel (ML + profile interval + LR test)       ${fit.toFixed(1).padStart(9)} ms  ${(fit / Math.max(ref, 1e-3)).toFixed(0)}x reference  ${fit < 2000 ? "(goal < 2 s: met)" : "(goal < 2 s: MISSED)"}`);
}
const whole = best(() => scaleDependence({ logs: results.transferLogs, literature: input.literatureTransfer ?? [], recipeAnchor: { label: "bench", flops: 2.7e17, multiplier: 24.6, logSd: null } }));
console.log(`scaleDependence (both fits, categories, hindcast, extrapolation, prediction) ${whole.toFixed(1)} ms`);
