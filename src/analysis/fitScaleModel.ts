// Fits the scale model (scaleModelLikelihood.ts) by maximum likelihood with profile-likelihood intervals.
// Why ML and not a sampler: the model has three parameters once the pair intercepts and slopes are integrated out,
// so the likelihood is cheap and deterministic to maximise, the profile interval of the common slope is exact in
// the sense of Wilks' theorem (2 * drop in log-likelihood <= chi2_1(0.95)), and the same data give byte-identical
// results without a seed. The interval is "open" (null) when the profile never drops that far within
// +-slopeSearchMax per decade: the data then do not bound the slope and the verdict says "not identified".
import { CHI2_1_95, chiSquare1Tail } from "./normalDistribution";
import { nelderMead } from "../scale/nelderMead";
import { scaleModelLogLikelihood, type ScaleModelParams } from "./scaleModelLikelihood";
import type { ScalePair } from "./scalePairs";

export interface FitScaleModelOptions {
  /** Allowed range of the between-pair slope sd (ln M per decade). */
  readonly tauRange?: readonly [number, number];
  /** Allowed range of the residual sd of ln M. */
  readonly sigmaRange?: readonly [number, number];
  /** Hold tau / sigma fixed (per-category fits borrow them from the fit over all pairs). */
  readonly fixedTau?: number | null;
  readonly fixedSigma?: number | null;
  /** Largest |slope - estimate| searched for the profile interval (ln M per decade). */
  readonly slopeSearchMax?: number;
  /**
   * false: skip the profile interval and the LR test, only check that the profile has fallen by chi2_1(0.95)/2 at
   * +-slopeSearchMax (else the slope is not identified). For callers that need the estimate only (the hindcast).
   */
  readonly profileIntervals?: boolean;
}

// Floors of the variance components. With a handful of pairs, maximum likelihood drives tau and sigma to zero (two
// points fit a line exactly), which would turn two published numbers rounded to 0.1x into a slope known to 1%. The
// floors are the smallest spreads we take as credible: 0.05 in ln M is a 5% rerun-to-rerun difference in a
// multiplier (the speedrun's reruns of one record differ by more in tokens to target), and a between-pair sd of 0.05
// per decade says two changes of one kind never differ by less than 5% per decade in how they scale. A fit that sits
// on a floor reports it (tauAtFloor / sigmaAtFloor): that component is then assumed, not estimated.
export const fitScaleModelDefaults = Object.freeze({
  tauRange: Object.freeze([0.05, 5]) as readonly [number, number],
  sigmaRange: Object.freeze([0.05, 3]) as readonly [number, number],
  fixedTau: null as number | null,
  fixedSigma: null as number | null,
  slopeSearchMax: 3,
  profileIntervals: true,
});

export interface SlopeEstimate {
  /** ln M per decade of compute; exp(estimate) is the factor the multiplier changes by per decade. */
  readonly estimate: number | null;
  /** 95% profile-likelihood interval; null where the profile does not close within slopeSearchMax. */
  readonly lo: number | null;
  readonly hi: number | null;
}

export interface ScaleModelFit {
  readonly model: "hierarchical_censored_ml";
  readonly status: "ok" | "not_identified";
  readonly reason: string;
  readonly slope: SlopeEstimate;
  readonly tau: number | null;
  readonly sigma: number | null;
  readonly logLikelihood: number | null;
  readonly nPairs: number;
  readonly nObservations: number;
  readonly nCensored: number;
  /** Likelihood-ratio test of scale-invariance (b = 0): statistic 2 * (ll_max - ll_profile(0)) and its chi2_1 p-value. */
  readonly lrStatistic: number | null;
  readonly lrPValue: number | null;
  readonly converged: boolean;
  /** tau / sigma at the lower end of their allowed range: assumed, not estimated by the data. */
  readonly tauAtFloor: boolean;
  readonly sigmaAtFloor: boolean;
}

function resolve(options: FitScaleModelOptions) {
  const o = { ...fitScaleModelDefaults, ...options };
  const checkRange = (name: string, r: readonly [number, number]) => {
    if (!(r.length === 2 && r[0] > 0 && r[1] > r[0])) throw new Error(`fitScaleModel: invalid ${name}: [${r.join(", ")}] (expected 0 < lo < hi)`);
  };
  checkRange("tauRange", o.tauRange);
  checkRange("sigmaRange", o.sigmaRange);
  for (const [name, v] of [["fixedTau", o.fixedTau], ["fixedSigma", o.fixedSigma]] as const)
    if (v !== null && !(v > 0)) throw new Error(`fitScaleModel: invalid ${name}: ${v} (expected a positive number or null)`);
  if (!(o.slopeSearchMax > 0)) throw new Error(`fitScaleModel: invalid slopeSearchMax: ${o.slopeSearchMax}`);
  return o;
}

const clampLog = (v: number, r: readonly [number, number]) => Math.exp(Math.min(Math.max(v, Math.log(r[0])), Math.log(r[1])));

export function fitScaleModel(pairs: readonly ScalePair[], nCensored: number, options: FitScaleModelOptions = {}): ScaleModelFit {
  const o = resolve(options);
  const nObservations = pairs.reduce((s, p) => s + p.observations.length, 0);
  const empty: ScaleModelFit = {
    model: "hierarchical_censored_ml", status: "not_identified", reason: "", slope: { estimate: null, lo: null, hi: null },
    tau: null, sigma: null, logLikelihood: null, nPairs: pairs.length, nObservations, nCensored, lrStatistic: null, lrPValue: null, converged: false,
    tauAtFloor: false, sigmaAtFloor: false,
  };
  if (pairs.length === 0) return { ...empty, reason: "no pair with a point measurement at two or more compute values" };

  // Free nuisance parameters (ln tau, ln sigma) unless fixed; the slope b is handled by the caller of `nuisance`.
  const params = (b: number, v: readonly number[]): ScaleModelParams => {
    let i = 0;
    const tau = o.fixedTau ?? clampLog(v[i++], o.tauRange);
    const sigma = o.fixedSigma ?? clampLog(v[i++], o.sigmaRange);
    return { b, tau, sigma };
  };
  const nFree = (o.fixedTau === null ? 1 : 0) + (o.fixedSigma === null ? 1 : 0);
  const starts: number[][] = [];
  for (const t of o.fixedTau === null ? [0.05, 0.5] : [null]) for (const s of o.fixedSigma === null ? [0.05, 0.3] : [null])
    starts.push([t, s].filter((x): x is number => x !== null).map(Math.log));
  let warm: number[] = starts[0];
  let converged = true;
  /** Max over the nuisance parameters at slope b (warm-started from the last solution). */
  const profile = (b: number, from: readonly number[][] = [warm]): { ll: number; v: number[] } => {
    if (nFree === 0) return { ll: scaleModelLogLikelihood(pairs, params(b, [])), v: [] };
    let best: { ll: number; v: number[] } | null = null;
    for (const s of from) {
      const r = nelderMead((v) => -scaleModelLogLikelihood(pairs, params(b, v)), s, { step: 0.7, maxIterations: 300, tolerance: 1e-9 });
      if (!r.converged) converged = false;
      if (!best || -r.value > best.ll) best = { ll: -r.value, v: r.x };
    }
    return best as { ll: number; v: number[] };
  };

  // Maximise over b jointly with the nuisance parameters, from a start at the median two-point slope.
  const naive = pairs.map((p) => {
    const pts = p.observations.filter((x) => x.kind === "point");
    const lo = p.observations[0], hi = p.observations[p.observations.length - 1];
    return pts.length >= 2 ? (pts[pts.length - 1].y - pts[0].y) / (pts[pts.length - 1].x - pts[0].x) : (hi.y - lo.y) / (hi.x - lo.x);
  }).sort((a, b) => a - b);
  const b0 = naive[Math.floor(naive.length / 2)];
  let bestFull: { ll: number; x: number[] } | null = null;
  for (const bs of o.profileIntervals ? [0, b0] : [b0]) for (const s of starts) {
    const r = nelderMead((x) => -scaleModelLogLikelihood(pairs, params(x[0], x.slice(1))), [bs, ...s], { step: 0.3, maxIterations: 800, tolerance: 1e-10 });
    if (!bestFull || -r.value > bestFull.ll) bestFull = { ll: -r.value, x: r.x };
  }
  const full = bestFull as { ll: number; x: number[] };
  // Polish: the profile at the joint optimum, from every start, so ll_max is never below a profile value.
  warm = full.x.slice(1);
  const polished = profile(full.x[0], [warm, ...starts]);
  const bHat = full.x[0];
  let llMax = Math.max(full.ll, polished.ll);
  warm = polished.ll >= full.ll ? polished.v : warm;
  const atHat = params(bHat, warm);

  const dev = (b: number) => 2 * (llMax - profile(b).ll);
  const edge = (dir: 1 | -1): number | null => {
    warm = polished.v;
    let inside = bHat;
    let step = 0.05;
    let outside: number | null = null;
    while (Math.abs(inside + dir * step - bHat) <= o.slopeSearchMax) {
      const b = inside + dir * step;
      const d = dev(b);
      if (d < -1e-6) llMax -= d / 2; // found a higher optimum on the way: keep ll_max a maximum
      if (d > CHI2_1_95) { outside = b; break; }
      inside = b;
      step *= 1.6;
    }
    if (outside === null) return null;
    let out: number = outside;
    for (let i = 0; i < 40 && Math.abs(out - inside) > 1e-4; i++) {
      const mid: number = 0.5 * (inside + out);
      if (dev(mid) > CHI2_1_95) out = mid; else inside = mid;
    }
    return 0.5 * (inside + out);
  };
  if (!o.profileIntervals) {
    const closed = [1, -1].every((dir) => { warm = polished.v; return dev(bHat + dir * o.slopeSearchMax) > CHI2_1_95; });
    return {
      ...empty, status: closed ? "ok" : "not_identified",
      reason: closed ? "interval not computed (profileIntervals: false)" : `the profile likelihood does not fall by chi2_1(0.95)/2 within ${o.slopeSearchMax} ln M per decade`,
      slope: { estimate: closed ? bHat : null, lo: null, hi: null }, tau: atHat.tau, sigma: atHat.sigma, logLikelihood: llMax, converged,
      tauAtFloor: o.fixedTau === null && atHat.tau <= o.tauRange[0] * 1.001, sigmaAtFloor: o.fixedSigma === null && atHat.sigma <= o.sigmaRange[0] * 1.001,
    };
  }
  const hi = edge(1);
  const lo = edge(-1);
  warm = polished.v;
  const lr = Math.max(0, dev(0));
  const open = lo === null || hi === null;
  return {
    ...empty, status: open ? "not_identified" : "ok",
    reason: open ? `the profile likelihood of the slope does not fall by chi2_1(0.95)/2 within ${o.slopeSearchMax} ln M per decade on the ${lo === null ? "low" : "high"} side` : "",
    // An open interval means the likelihood keeps rising towards the search edge: its argmax is no estimate.
    slope: { estimate: open ? null : bHat, lo, hi }, tau: atHat.tau, sigma: atHat.sigma, logLikelihood: llMax,
    lrStatistic: lr, lrPValue: chiSquare1Tail(lr), converged,
    tauAtFloor: o.fixedTau === null && atHat.tau <= o.tauRange[0] * 1.001, sigmaAtFloor: o.fixedSigma === null && atHat.sigma <= o.sigmaRange[0] * 1.001,
  };
}
