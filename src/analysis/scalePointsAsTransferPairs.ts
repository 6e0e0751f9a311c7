// Interim input of the scale model until the transfer-pair catalogue (measureTransferPairs, branch scale-data) is
// merged: the in-fit points of the old two-pair scale analysis (scaleTrend.ts) as TransferMeasurement rows. Their
// compute is 6 x nominal size x tokens and their bounds are those the old analysis flagged, so this input is kept
// only so the scale model runs on real numbers before the catalogue exists; runAnalysis prefers the catalogue.
import type { TransferMeasurement } from "../types";
import { PAIR_OPTIMIZER, PAIR_RECIPE } from "./scaleTrend";
import type { ScalePoint } from "./types";

function label(params: number): string {
  return params >= 1e9 ? `${(params / 1e9).toPrecision(2)}B` : `${Math.round(params / 1e6)}M`;
}

export function scalePointsAsTransferPairs(points: readonly ScalePoint[]): TransferMeasurement[] {
  return points.filter((p) => p.pair !== null && p.inFit && p.multiplier !== null).map((p) => ({
    pairId: p.pair as string,
    innovation: p.pair === PAIR_OPTIMIZER ? "Muon vs tuned AdamW (10/18/24 recipe)" : p.pair === PAIR_RECIPE ? "speedrun recipe (2025-01) vs llm.c AdamW" : (p.pair as string),
    category: p.pair === PAIR_OPTIMIZER ? "optimizer" : "recipe",
    scaleLabel: label(p.params) === "1.6B" ? "1.5B" : label(p.params),
    nParamsMatmul: null, flopsPerToken: null, flops: p.flops, targetLoss: null, targetRule: p.metric, multiplier: p.multiplier,
    lo: p.lowerBound ? p.multiplier : p.lo, hi: p.lowerBound ? null : p.hi, kind: p.lowerBound ? "lower_bound" : "estimate",
    logSd: null, origin: "logs", method: `interim: old scale point ${p.id}`, source: p.source, note: p.caveat,
  }));
}
