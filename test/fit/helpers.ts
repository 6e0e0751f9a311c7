// Shared test data: synthetic curves from known parameters, and Epoch's digitised Chinchilla points when present.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { getModel, loadFitCsv } from "../../src/index";
import { mulberry32 } from "../../src/fit/random";

/** Noise-free (or multiplicatively noisy, seeded) losses of `model` at natural parameters `natural`. */
export function synthetic(model: string, natural: number[], x: number[][], noise = 0, seed = 1): number[] {
  const spec = getModel(model);
  const theta = spec.fromNatural(natural);
  const out = new Float64Array(x.length);
  spec.logPredict(
    theta,
    { cols: spec.inputs.map((_, j) => Float64Array.from(x, (r) => Math.log(r[j]))), n: x.length },
    out,
    null,
  );
  const rng = mulberry32(seed);
  // Box-Muller normal noise on log loss.
  return Array.from(out, (v) => {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    return Math.exp(v + noise * z);
  });
}

/** Log-spaced values from 10^lo to 10^hi. */
export function logspace(lo: number, hi: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.pow(10, lo + ((hi - lo) * i) / (count - 1)));
}

export const sharedDir = process.env.SPEEDRUN_SHARED ?? resolve(__dirname, "..", "..", "..", "shared");
export const epochCsv = join(sharedDir, "reference", "svg_extracted_data.csv");

/** Epoch's replication data: 5 highest-loss points dropped, tokens D = C / (6N). Null when ../shared is absent. */
export function loadEpoch(): { x: number[][]; y: number[] } | null {
  if (!existsSync(epochCsv)) return null;
  const data = loadFitCsv(epochCsv, {
    x: ["Model Size", "Training FLOP"],
    y: "loss",
    tokensFromCompute: true,
    dropHighestLoss: 5,
  });
  return { x: data.x.map((r) => [...r]), y: [...data.y] };
}
