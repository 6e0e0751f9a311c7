// Calibration by simulation: catalogues shaped like a real one (the same pairs, compute positions, kinds of
// measurement, bounds and rerun noise) generated under known truths, fitted with the model, and scored: how often the
// 95% intervals cover the truth, how often a wrong direction or a false "flat" is declared.
import type { AnalysisInput } from "../analysis/analysisInput";
import { fitScaleModel, predictPairs, type ScaleFitOptions, type ScaleVerdictWord } from "./fit";
import { groupScalePairs, type ScaleObservation, type ScalePair, type ScalePairSet } from "./pairs";
import { pairCentre } from "./likelihood";
import { measureTransferPairs } from "./measureTransferPairs";

/** The fit's rule (pairs.ts): points at two or more compute values. */
function isSlopePair(p: ScalePair): boolean {
  return new Set(p.observations.filter((o) => o.kind === "point").map((o) => o.x.toFixed(6))).size >= 2;
}
import { mulberry32, streamSeed } from "../fit/random";

export interface ScaleTruth {
  readonly name: string;
  /** Absolute drift, ln M per decade. */
  readonly beta0: number;
  /** Relative drift: slope = beta0 + beta1 * a_i. */
  readonly beta1: number;
  /** Between-pair sd of the slopes. */
  readonly tau: number;
  /** Noise of a measurement beyond its own rerun sd. */
  readonly sigma: number;
  /** Directions a correct verdict may take ("flat" included where the truth is flat). */
  readonly direction: "none" | "grows" | "shrinks";
}

/** The truths the issue asks for (issue 19): no change, absolute drift up and down, relative decay 10% and 30%. */
export const CALIBRATION_TRUTHS: readonly ScaleTruth[] = Object.freeze([
  { name: "no change", beta0: 0, beta1: 0, tau: 0.05, sigma: 0.03, direction: "none" },
  { name: "absolute drift +0.1 ln M/decade", beta0: 0.1, beta1: 0, tau: 0.05, sigma: 0.03, direction: "grows" },
  { name: "absolute drift -0.1 ln M/decade", beta0: -0.1, beta1: 0, tau: 0.05, sigma: 0.03, direction: "shrinks" },
  { name: "relative decay 10%/decade", beta0: 0, beta1: -0.1, tau: 0.05, sigma: 0.03, direction: "shrinks" },
  { name: "relative decay 30%/decade", beta0: 0, beta1: -0.3, tau: 0.05, sigma: 0.03, direction: "shrinks" },
] as const);

/**
 * The project's catalogue as the fit sees it, for templates shaped like it: the committed transfer catalogue
 * (data/transfer_pairs.csv) measured on the dataset by the catalogue code, plus the literature rows, grouped as the
 * scale stage groups them. Derived from the data each time, never a frozen copy, so calibration follows the
 * catalogue when a row is added or re-read. Template: [...pairs, ...oneSided].
 */
export function currentScalePairs(input: AnalysisInput): ScalePairSet {
  const logs = measureTransferPairs(input, input.transferPairs ?? []).measurements;
  return groupScalePairs([...logs, ...(input.literatureTransfer ?? [])]);
}

/** log10 FLOPs of the pair predictions scored (1e24). */
const CALIBRATION_AT = 24;

/**
 * How far a generated bound lies from the truth, on the truth's side, ln M: lognormal with median ln(1.12) and a
 * log-sd of 0.5 (about 4% to 30%). Shaped like ours: reading the 124M recipe rows at each treatment's own final loss
 * instead of target 3.2722 tightens those bounds by 11-13% (issue 19).
 */
const BOUND_SLACK = Object.freeze({ median: Math.log(1.12), logSd: 0.5 });

interface SimulatedCatalogue {
  readonly pairs: ScalePair[];
  /** True (a_i, b_i) per pair. */
  readonly lines: { a: number; b: number }[];
}

function gaussian(uniform: () => number): () => number {
  return () => {
    let u = 0;
    while (u <= 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/**
 * One catalogue: each template pair keeps its positions, kinds and rerun sd; its true gain a_i is the template's
 * first measured ln M, its slope beta0 + beta1 a_i + tau z; points get noise, bounds sit on the truth's right side.
 */
function simulateCatalogue(template: readonly ScalePair[], truth: ScaleTruth, seed: number): SimulatedCatalogue {
  const uniform = mulberry32(seed);
  const normal = gaussian(uniform);
  const lines: { a: number; b: number }[] = [];
  const pairs = template.map((p) => {
    const a = p.observations[0].y;
    const b = truth.beta0 + truth.beta1 * a + truth.tau * normal();
    lines.push({ a, b });
    const observations: ScaleObservation[] = p.observations.map((o) => {
      const y = a + b * o.x;
      if (o.kind === "point") return { ...o, y: y + Math.hypot(o.knownSd, truth.sigma) * normal() };
      const slack = BOUND_SLACK.median * Math.exp(BOUND_SLACK.logSd * normal());
      return { ...o, y: o.kind === "lower" ? y - slack : y + slack };
    });
    return { ...p, observations };
  });
  return { pairs, lines };
}

/**
 * The shares a calibration row reports (each a share of catalogues, or of catalogue-pairs for the coverages at 1e24).
 */
export type CalibrationShare =
  | "coverBeta0"
  | "coverBeta1"
  | "coverTypicalSlope"
  | "coverPairAt1e24"
  | "coverOneSidedAt1e24"
  | "rightDirection"
  | "wrongDirection"
  | "falseFlat";

/** sqrt(p (1 - p) / n): the Monte-Carlo standard error of a share of n independent catalogues. */
function eventSe(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

/**
 * Mean of per-catalogue shares (equal numbers of pairs per catalogue) and its standard error: pairs of one catalogue
 * share its fit, so they are not independent draws.
 */
function clusteredShare(perCatalogue: readonly number[]): { share: number; se: number } {
  const n = perCatalogue.length;
  if (n === 0) return { share: NaN, se: NaN };
  const m = perCatalogue.reduce((a, b) => a + b, 0) / n;
  const v = n > 1 ? perCatalogue.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1) : NaN;
  return { share: m, se: Math.sqrt(v / n) };
}

export interface CalibrationRow {
  readonly truth: string;
  readonly catalogues: number;
  /** Catalogues whose 95% interval covers the truth. */
  readonly coverBeta0: number;
  readonly coverBeta1: number;
  /** The typical gain's slope (beta0 + beta1 * mean c_i, the quantity the verdict reads). */
  readonly coverTypicalSlope: number;
  /** (catalogue, fitted pair) whose 95% interval at 1e24 FLOPs covers the pair's true multiplier there. */
  readonly coverPairAt1e24: number;
  /** The same for the one-sided pairs (a point at one compute, bounds elsewhere: predicted, not fitted). */
  readonly coverOneSidedAt1e24: number;
  /** Median width of the fitted pairs' 95% interval at 1e24, as a factor hi / lo. */
  readonly medianWidthAt1e24: number;
  readonly verdicts: Readonly<Record<ScaleVerdictWord, number>>;
  /** The truth's direction declared ("grows" or "shrinks"; NaN when the truth has none): the verdict's power. */
  readonly rightDirection: number;
  /** A direction opposite to the truth (or any direction when there is none). */
  readonly wrongDirection: number;
  /** Called "flat" when the truth is not. */
  readonly falseFlat: number;
  /**
   * Monte-Carlo standard error of each share: sqrt(p (1 - p) / n) over catalogues; for the coverages at 1e24, the
   * standard error of the mean of the per-catalogue shares.
   */
  readonly se: Readonly<Record<CalibrationShare, number>>;
  readonly msPerFit: number;
}

/** Progress of a calibration run: each catalogue fitted, and each truth's row as soon as its catalogues are done. */
export interface CalibrationProgress {
  readonly onCatalogue?: (done: number, total: number) => void;
  readonly onTruth?: (row: CalibrationRow) => void;
}

export function calibrate(
  template: readonly ScalePair[],
  truths: readonly ScaleTruth[],
  catalogues: number,
  seed: number,
  fitOptions: ScaleFitOptions = {},
  progress: CalibrationProgress = {},
): CalibrationRow[] {
  let done = 0;
  return truths.map((truth, t) => {
    let c0 = 0,
      c1 = 0,
      ct = 0,
      right = 0,
      wrong = 0,
      falseFlat = 0,
      ms = 0;
    const coverPair: number[] = [],
      coverOne: number[] = [];
    const widths: number[] = [];
    const verdicts: Record<ScaleVerdictWord, number> = { grows: 0, shrinks: 0, flat: 0, "not identified": 0 };
    for (let k = 0; k < catalogues; k++) {
      const s = streamSeed(seed, t * 100_003 + k);
      const sim = simulateCatalogue(template, truth, s);
      const t0 = performance.now();
      const fitted = sim.pairs.map((p, i) => ({ p, i })).filter(({ p }) => isSlopePair(p));
      const oneSided = sim.pairs.map((p, i) => ({ p, i })).filter(({ p }) => !isSlopePair(p));
      const fit = fitScaleModel(
        fitted.map((f) => f.p),
        { ...fitOptions, seed: s },
      );
      const preds = predictPairs(fit, CALIBRATION_AT, { seed: s, maxDraws: 500 });
      const predsOne = predictPairs(fit, CALIBRATION_AT, { seed: s, maxDraws: 500, pairs: oneSided.map((f) => f.p) });
      ms += performance.now() - t0;
      verdicts[fit.verdict]++;
      if (fit.parameters) {
        const q = fit.parameters;
        // The typical slope's truth at the fit's own centre: beta0 + beta1 * (mean of the pairs' prior centres c_i).
        const centre = fitted.reduce((a, f) => a + pairCentre(f.p), 0) / fitted.length;
        const typical = truth.beta0 + truth.beta1 * centre;
        if (q.beta0.lo <= truth.beta0 && truth.beta0 <= q.beta0.hi) c0++;
        if (q.beta1.lo <= truth.beta1 && truth.beta1 <= q.beta1.hi) c1++;
        if (q.typicalSlope.lo <= typical && typical <= q.typicalSlope.hi) ct++;
      }
      const x = CALIBRATION_AT - 18;
      const trueAt = (i: number) => Math.exp(sim.lines[i].a + sim.lines[i].b * x);
      const covers = (p: { lo: number; hi: number }, i: number) => (p.lo <= trueAt(i) && trueAt(i) <= p.hi ? 1 : 0);
      if (preds.length) {
        for (const p of preds) widths.push(p.hi / p.lo);
        coverPair.push(preds.reduce((a, p, j) => a + covers(p, fitted[j].i), 0) / preds.length);
      }
      if (predsOne.length)
        coverOne.push(predsOne.reduce((a, p, j) => a + covers(p, oneSided[j].i), 0) / predsOne.length);
      const dir = fit.verdict === "grows" || fit.verdict === "shrinks" ? fit.verdict : null;
      if (dir && dir === truth.direction) right++;
      if (dir && (truth.direction === "none" || dir !== truth.direction)) wrong++;
      if (fit.verdict === "flat" && truth.direction !== "none") falseFlat++;
      progress.onCatalogue?.(++done, truths.length * catalogues);
    }
    const n = catalogues;
    const pair = clusteredShare(coverPair),
      one = clusteredShare(coverOne);
    const shares = {
      coverBeta0: c0 / n,
      coverBeta1: c1 / n,
      coverTypicalSlope: ct / n,
      rightDirection: truth.direction === "none" ? NaN : right / n,
      wrongDirection: wrong / n,
      falseFlat: falseFlat / n,
    };
    const row: CalibrationRow = {
      truth: truth.name,
      catalogues,
      ...shares,
      coverPairAt1e24: pair.share,
      coverOneSidedAt1e24: one.share,
      medianWidthAt1e24: widths.sort((a, b) => a - b)[Math.floor(widths.length / 2)] ?? NaN,
      verdicts,
      se: {
        coverBeta0: eventSe(shares.coverBeta0, n),
        coverBeta1: eventSe(shares.coverBeta1, n),
        coverTypicalSlope: eventSe(shares.coverTypicalSlope, n),
        coverPairAt1e24: pair.se,
        coverOneSidedAt1e24: one.se,
        rightDirection: eventSe(shares.rightDirection, n),
        wrongDirection: eventSe(shares.wrongDirection, n),
        falseFlat: eventSe(shares.falseFlat, n),
      },
      msPerFit: ms / catalogues,
    };
    progress.onTruth?.(row);
    return row;
  });
}

/** A synthetic catalogue of n pairs shaped like a template (pairs recycled with new ids): for the timing bench. */
export function replicateTemplate(template: readonly ScalePair[], n: number): ScalePair[] {
  return Array.from({ length: n }, (_, i) => {
    const p = template[i % template.length];
    const id = `${p.pairId}#${i}`;
    return { ...p, pairId: id, observations: p.observations.map((o) => ({ ...o, pairId: id })) };
  });
}
