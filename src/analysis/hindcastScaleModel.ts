// Hindcast of the scale model: fit on the measurements below 1.5B (the 124M and 350M runs), predict each pair's 1.5B
// value, and score the prediction against two naive ones: the pair's smallest-scale multiplier carried unchanged
// (scale-invariance) and no gain at all (M = 1). Only point measurements at 1.5B are scored (mean |log10 error|);
// a 1.5B bound is checked for consistency (does the prediction lie on its allowed side) but never scored as a point.
import { fitScaleModel, type FitScaleModelOptions } from "./fitScaleModel";
import { pairPosterior } from "./scaleModelLikelihood";
import { scalePairs, SCALE_MODEL_X_REF } from "./scalePairs";
import type { TransferMeasurement } from "../types";

export const HINDCAST_HOLDOUT_LABEL = "1.5B";

export interface ScaleHindcast {
  readonly status: "ok" | "not_scorable";
  readonly reason: string;
  readonly nFitPairs: number;
  readonly nScored: number;
  readonly nBoundsChecked: number;
  readonly nBoundsConsistent: number;
  readonly meanAbsLog10Error: { readonly model: number | null; readonly constant: number | null; readonly noGain: number | null };
  /** "model", "constant" or "no gain": the smallest mean |log10 error|, null when nothing was scored. */
  readonly winner: string | null;
  readonly rows: readonly { readonly pairId: string; readonly kind: string; readonly actual: number; readonly model: number | null; readonly constant: number }[];
}

/**
 * `readings`: "preferred" (default) uses the catalogue's preferred reading per pair and scale, as the fit does;
 * "all" also uses the alternative readings (other targets, mid-schedule crossings) as further observations of
 * their pair, a sensitivity check when the preferred readings leave nothing to score (it counts a comparison more
 * than once, so it is never the headline).
 */
export function hindcastScaleModel(all: readonly TransferMeasurement[], options: FitScaleModelOptions = {}, readings: "preferred" | "all" = "preferred"): ScaleHindcast {
  const measurements = readings === "preferred" ? all.filter((m) => m.preferred !== false)
    : all.map((m) => (m.preferred === false ? { ...m, preferred: true } : m));
  const held = measurements.filter((m) => m.scaleLabel === HINDCAST_HOLDOUT_LABEL && m.flops !== null && m.multiplier !== null);
  const train = measurements.filter((m) => m.scaleLabel !== HINDCAST_HOLDOUT_LABEL);
  const set = scalePairs(train);
  // The hindcast needs the slope's estimate, not its interval: skip the profile (the costly part with many bounds).
  const fit = fitScaleModel(set.pairs, set.nCensored, { ...options, profileIntervals: false });
  const empty = { nFitPairs: set.pairs.length, nScored: 0, nBoundsChecked: 0, nBoundsConsistent: 0, meanAbsLog10Error: { model: null, constant: null, noGain: null }, winner: null, rows: [] };
  if (held.length === 0) return { status: "not_scorable", reason: `no ${HINDCAST_HOLDOUT_LABEL} measurement with compute and a multiplier`, ...empty };
  if (fit.slope.estimate === null || fit.tau === null || fit.sigma === null) return { status: "not_scorable", reason: `the fit without ${HINDCAST_HOLDOUT_LABEL} has no slope: ${fit.reason}`, ...empty };
  const params = { b: fit.slope.estimate, tau: fit.tau, sigma: fit.sigma };
  // Every training pair with a point, including pairs measured at one scale only (their slope is then the prior's).
  const onePointPairs = scalePairs(train.filter((m) => m.flops !== null));
  const rows: { pairId: string; kind: string; actual: number; model: number | null; constant: number }[] = [];
  for (const h of held) {
    const mine = train.filter((m) => m.pairId === h.pairId && m.flops !== null && m.multiplier !== null && (m.kind === "estimate" || m.kind === "interval")).sort((a, b) => (a.flops as number) - (b.flops as number));
    if (mine.length === 0) continue;
    const pair = onePointPairs.pairs.find((p) => p.pairId === h.pairId) ?? {
      pairId: h.pairId, category: h.category, origin: h.origin,
      observations: mine.map((m) => ({ pairId: m.pairId, x: Math.log10(m.flops as number) - SCALE_MODEL_X_REF, kind: "point" as const, y: Math.log(m.multiplier as number), knownSd: m.logSd ?? 0, measurement: m })),
    };
    const post = pairPosterior(pair, params);
    const x = Math.log10(h.flops as number) - SCALE_MODEL_X_REF;
    rows.push({ pairId: h.pairId, kind: h.kind, actual: h.multiplier as number, model: post ? Math.exp(post.a + post.c * x) : null, constant: mine[0].multiplier as number });
  }
  const points = rows.filter((r) => r.kind === "estimate" || r.kind === "interval");
  const bounds = rows.filter((r) => r.kind === "lower_bound" || r.kind === "upper_bound");
  const consistent = bounds.filter((r) => r.model !== null && (r.kind === "lower_bound" ? r.model >= r.actual : r.model <= r.actual)).length;
  const mae = (f: (r: (typeof rows)[number]) => number | null) => {
    const errs = points.map((r) => { const p = f(r); return p === null ? null : Math.abs(Math.log10(p / r.actual)); }).filter((e): e is number => e !== null);
    return errs.length ? errs.reduce((s, e) => s + e, 0) / errs.length : null;
  };
  const scores = { model: mae((r) => r.model), constant: mae((r) => r.constant), noGain: mae(() => 1) };
  const ranked = ([["model", scores.model], ["constant", scores.constant], ["no gain", scores.noGain]] as const).filter(([, v]) => v !== null).sort((a, b) => (a[1] as number) - (b[1] as number));
  return {
    status: points.length ? "ok" : "not_scorable",
    reason: points.length ? "" : `${held.length} ${HINDCAST_HOLDOUT_LABEL} measurement(s) (${held.map((h) => `${h.pairId}: ${h.kind.replace("_", " ")}`).join(", ")}), ${rows.length} of them with a point below ${HINDCAST_HOLDOUT_LABEL} to predict from, none a point estimate: nothing to score (bounds are checked, never scored)`,
    nFitPairs: set.pairs.length, nScored: points.length, nBoundsChecked: bounds.length, nBoundsConsistent: consistent,
    meanAbsLog10Error: scores, winner: points.length ? ranked[0][0] : null, rows,
  };
}
