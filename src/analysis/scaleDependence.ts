// The cross-scale question in the field's terms (Gundlach et al. 2025's compute-equivalent gain): is a change's
// compute multiplier scale-invariant, or does it grow or shrink with compute? Fits the scale model twice (the logs
// alone; the logs plus the literature rows), per category where the data allow, extrapolates per category and for
// today's whole recipe, writes a pre-registered prediction, and turns the intervals into words (transferVerdict.ts).
import type { ChangeCategory, TransferMeasurement } from "../types";
import { boundWords, extrapolateScaleModel, type ScaleAnchorPoint, type ScaleExtrapolationRow } from "./extrapolateScaleModel";
import type { ScaleModelSettings } from "./analysisOptions";
import { fitScaleModel, fitScaleModelDefaults, type FitScaleModelOptions, type ScaleModelFit } from "./fitScaleModel";
import { hindcastScaleModel, type ScaleHindcast } from "./hindcastScaleModel";
import { scalePairs, type ExcludedScaleRow } from "./scalePairs";
import { FLAT_MARGIN_LN_PER_DECADE, flatMarginWords, perDecadeText, plainTrendWords, trendVerdict, type TrendWord } from "./transferVerdict";

/** Compute grid of the extrapolation (FLOPs). */
export const SCALE_EXTRAPOLATION_FLOPS: readonly number[] = Object.freeze([1e21, 1e22, 1e23, 1e24, 1e25, 1e26]);

/**
 * The pre-registered next experiment: today's track-1 recipe against its AdamW baseline (the llm.c GPT-2 recipe) at
 * about 3B parameters, the baseline trained to 20 tokens per parameter (60B tokens) and the target its final loss.
 * The x axis is the treatment's FLOPs to that target, C_base / M, solved as a fixed point with the predicted M.
 */
export const PREDICTION_SPEC = Object.freeze({
  experiment: "today's track-1 record recipe vs the llm.c GPT-2 AdamW recipe at ~3B parameters (same data, FineWeb val loss)",
  params: 3e9,
  baselineTokensPerParam: 20,
  target: "the AdamW baseline's own final validation loss after 20 tokens per parameter",
  registeredOn: "2026-11-29",
});

/** The scale model's settings when a caller gives none (the analysis option scaleModel's defaults are these). */
const moduleSettings: ScaleModelSettings = Object.freeze({
  tauRange: fitScaleModelDefaults.tauRange, sigmaRange: fitScaleModelDefaults.sigmaRange, slopeSearchMax: fitScaleModelDefaults.slopeSearchMax,
  flatMarginLnPerDecade: FLAT_MARGIN_LN_PER_DECADE, extrapolationFlops: SCALE_EXTRAPOLATION_FLOPS,
  predictionParams: PREDICTION_SPEC.params, predictionTokensPerParam: PREDICTION_SPEC.baselineTokensPerParam,
});

/** "3B", "350M": a parameter count as the prediction's text writes it. */
function paramsText(n: number): string {
  return n >= 1e9 ? `${Number((n / 1e9).toPrecision(3))}B` : `${Number((n / 1e6).toPrecision(3))}M`;
}

/** The prediction's description for a model size and tokens per parameter (the registered one at the defaults). */
function predictionSpec(params: number, tokensPerParam: number) {
  if (params === PREDICTION_SPEC.params && tokensPerParam === PREDICTION_SPEC.baselineTokensPerParam) return PREDICTION_SPEC;
  return {
    ...PREDICTION_SPEC,
    experiment: PREDICTION_SPEC.experiment.replace("~3B", `~${paramsText(params)}`),
    params, baselineTokensPerParam: tokensPerParam,
    target: PREDICTION_SPEC.target.replace("after 20 tokens", `after ${tokensPerParam} tokens`),
  };
}

export interface CategoryScaleFit {
  readonly category: string;
  readonly nPairs: number;
  readonly nCensored: number;
  readonly nBoundsOnlyPairs: number;
  readonly fit: ScaleModelFit;
  readonly trend: TrendWord;
  readonly reason: string;
}

export interface ScaleFitSide {
  readonly label: "logs_only" | "with_literature";
  readonly fit: ScaleModelFit;
  readonly trend: TrendWord;
  readonly trendReason: string;
  readonly pairIds: readonly string[];
  readonly boundsOnlyPairs: readonly string[];
  readonly excluded: readonly ExcludedScaleRow[];
  readonly byCategory: readonly CategoryScaleFit[];
}

export interface ScalePrediction {
  readonly experiment: string;
  readonly params: number;
  readonly baselineFlops: number;
  readonly flops: number;
  readonly multiplier: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly target: string;
  readonly registeredOn: string;
  readonly model: string;
  readonly slopeFrom: string;
  readonly anchor: string;
  /** The anchor is a bound, so is the prediction (an upper bound: the run should measure at most this). */
  readonly bound: "lower" | "upper" | null;
  readonly note: string;
}

export interface ScaleDependence {
  /** The headline side (with the literature rows; logs_only beside it). */
  readonly headline: ScaleFitSide;
  readonly logsOnly: ScaleFitSide;
  readonly withLiterature: ScaleFitSide;
  readonly extrapolation: readonly ScaleExtrapolationRow[];
  readonly hindcast: ScaleHindcast;
  /** The same hindcast over every reading (alternative targets and crossings too): a sensitivity row. */
  readonly hindcastAllReadings: ScaleHindcast;
  readonly prediction: ScalePrediction | null;
  readonly recipeTrend: TrendWord;
  readonly verdict: string;
  readonly verdictDetail: string;
  /** The flat margin the trend words were judged with (ln M per decade). */
  readonly flatMarginLnPerDecade: number;
}

export interface ScaleDependenceInput {
  readonly logs: readonly TransferMeasurement[];
  readonly literature: readonly TransferMeasurement[];
  /** Today's whole recipe at 124M: the multiplier the extrapolation and the prediction carry. */
  readonly recipeAnchor: ScaleAnchorPoint | null;
}

function categoryFits(measurements: readonly TransferMeasurement[], all: ScaleModelFit, options: FitScaleModelOptions, margin: number): CategoryScaleFit[] {
  const cats = [...new Set<string>([...measurements.map((m) => m.category), "recipe"])].sort();
  return cats.map((category) => {
    const set = scalePairs(measurements.filter((m) => m.category === category));
    // Per category, tau and sigma are borrowed from the fit over all pairs: one or two pairs cannot estimate them.
    const fit = fitScaleModel(set.pairs, set.nCensored, { ...options, fixedTau: all.tau, fixedSigma: all.sigma });
    const v = all.tau === null ? { trend: "not identified" as const, reason: "the fit over all pairs has no spread estimate" } : trendVerdict({ slope: fit.slope, nPairs: set.pairs.length }, margin);
    return { category, nPairs: set.pairs.length, nCensored: set.nCensored, nBoundsOnlyPairs: set.boundsOnlyPairs.length, fit, trend: v.trend, reason: v.reason };
  });
}

function side(label: ScaleFitSide["label"], measurements: readonly TransferMeasurement[], options: FitScaleModelOptions, margin: number): ScaleFitSide {
  const set = scalePairs(measurements);
  const fit = fitScaleModel(set.pairs, set.nCensored, options);
  const v = trendVerdict({ slope: fit.slope, nPairs: set.pairs.length }, margin);
  return {
    label, fit, trend: v.trend, trendReason: v.reason, pairIds: set.pairs.map((p) => p.pairId), boundsOnlyPairs: set.boundsOnlyPairs,
    excluded: set.excluded, byCategory: categoryFits(measurements, fit, options, margin),
  };
}

/** Per category: the geometric mean of each pair's smallest-compute point (at the geometric mean of their FLOPs). */
function categoryAnchor(measurements: readonly TransferMeasurement[], category: string): ScaleAnchorPoint | null {
  const firsts: TransferMeasurement[] = [];
  const byPair = new Map<string, TransferMeasurement[]>();
  for (const m of measurements) if (m.category === category && m.kind === "estimate" && m.flops !== null && m.multiplier !== null) byPair.set(m.pairId, [...(byPair.get(m.pairId) ?? []), m]);
  for (const rows of byPair.values()) firsts.push(rows.sort((a, b) => (a.flops as number) - (b.flops as number))[0]);
  if (!firsts.length) return null;
  const gm = (f: (m: TransferMeasurement) => number) => Math.exp(firsts.reduce((s, m) => s + Math.log(f(m)), 0) / firsts.length);
  return { label: `geometric mean of ${firsts.length} ${category} pair(s) at their smallest measured compute`, flops: gm((m) => m.flops as number), multiplier: gm((m) => m.multiplier as number), logSd: null };
}

function slopeSource(s: ScaleFitSide, category: string): { fit: ScaleModelFit; from: string } {
  const c = s.byCategory.find((x) => x.category === category);
  return c && c.fit.status === "ok" && c.nPairs >= 2 ? { fit: c.fit, from: category } : { fit: s.fit, from: "all pairs" };
}

function predict(s: ScaleFitSide, anchor: ScaleAnchorPoint | null, spec: ReturnType<typeof predictionSpec>): ScalePrediction | null {
  if (!anchor) return null;
  const { fit, from } = slopeSource(s, "recipe");
  const baselineFlops = 6 * spec.params * spec.baselineTokensPerParam * spec.params;
  let flops = baselineFlops / anchor.multiplier;
  let row = extrapolateScaleModel(fit, anchor, [flops], "recipe", from)[0];
  for (let i = 0; i < 50 && row.multiplier !== null; i++) {
    const next = baselineFlops / row.multiplier;
    if (Math.abs(Math.log(next / flops)) < 1e-9) break;
    flops = next;
    row = extrapolateScaleModel(fit, anchor, [flops], "recipe", from)[0];
  }
  return {
    experiment: spec.experiment, params: spec.params, baselineFlops, flops, multiplier: row.multiplier, lo: row.lo, hi: row.hi,
    target: spec.target, registeredOn: spec.registeredOn, model: fit.model, slopeFrom: from, anchor: anchor.label, bound: anchor.bound ?? null,
    note: row.multiplier === null ? row.note
      : `95% prediction interval (slope uncertainty + between-pair spread + anchor noise); x = the treatment's FLOPs to the target${anchor.bound ? `; the 124M anchor is an ${anchor.bound} bound, so the prediction is ${boundWords(anchor.bound)}this` : ""}`,
  };
}

/** Today's recipe extrapolated to one compute budget with the headline fit (the frontier claims' context column). */
export function recipeExtrapolationAt(d: ScaleDependence, anchor: ScaleAnchorPoint, flops: number): ScaleExtrapolationRow {
  const { fit, from } = slopeSource(d.headline, "recipe");
  return extrapolateScaleModel(fit, anchor, [flops], "recipe_today", from)[0];
}

function hindcastText(label: string, h: ScaleHindcast): string {
  const e = h.meanAbsLog10Error;
  return h.status === "ok"
    ? `${label}: ${h.nScored} scored, mean |log10 error| model ${e.model?.toFixed(3)}, 124M unchanged ${e.constant?.toFixed(3)}, no gain ${e.noGain?.toFixed(3)}; best: ${h.winner}.`
    : `${label}: ${h.reason}.`;
}

function hindcastJson(h: ScaleHindcast) {
  return {
    status: h.status, reason: h.reason, n_fit_pairs: h.nFitPairs, n_scored: h.nScored, n_bounds_checked: h.nBoundsChecked, n_bounds_consistent: h.nBoundsConsistent,
    mean_abs_log10_error: { model: h.meanAbsLog10Error.model, constant_124m: h.meanAbsLog10Error.constant, no_gain: h.meanAbsLog10Error.noGain },
    winner: h.winner,
  };
}

const fmtM = (m: number | null) => (m === null ? "n/a" : `${m.toPrecision(3)}x`);

/**
 * `settings`: the analysis option scaleModel (runAnalysis passes the resolved one); missing keys take the module
 * defaults, which are the option's defaults.
 */
export function scaleDependence(input: ScaleDependenceInput, settings: Partial<ScaleModelSettings> = {}): ScaleDependence {
  const s: ScaleModelSettings = { ...moduleSettings, ...settings };
  const options: FitScaleModelOptions = { tauRange: s.tauRange, sigmaRange: s.sigmaRange, slopeSearchMax: s.slopeSearchMax };
  const margin = s.flatMarginLnPerDecade;
  const logsOnly = side("logs_only", input.logs, options, margin);
  const withLiterature = side("with_literature", [...input.logs, ...input.literature], options, margin);
  const headline = withLiterature;
  const all = [...input.logs, ...input.literature];
  const extrapolation: ScaleExtrapolationRow[] = [];
  for (const c of headline.byCategory) {
    const anchor = categoryAnchor(all, c.category);
    if (!anchor) continue;
    const { fit, from } = slopeSource(headline, c.category);
    extrapolation.push(...extrapolateScaleModel(fit, anchor, s.extrapolationFlops, c.category, from));
  }
  if (input.recipeAnchor) {
    const { fit, from } = slopeSource(headline, "recipe");
    extrapolation.push(...extrapolateScaleModel(fit, input.recipeAnchor, s.extrapolationFlops, "recipe_today", from));
  }
  const prediction = predict(headline, input.recipeAnchor, predictionSpec(s.predictionParams, s.predictionTokensPerParam));
  const hindcast = hindcastScaleModel(input.logs, options);
  const hindcastAllReadings = hindcastScaleModel(input.logs, options, "all");
  const recipeCat = headline.byCategory.find((c) => c.category === "recipe");
  const recipeFromOwn = recipeCat !== undefined && recipeCat.nPairs >= 2 && recipeCat.fit.status === "ok";
  const recipeTrend: TrendWord = recipeFromOwn ? (recipeCat as CategoryScaleFit).trend : headline.trend;
  const f = headline.fit;
  const slopeText = f.slope.estimate === null ? "no slope could be estimated"
    : `the multiplier changes ${perDecadeText(f.slope.estimate)} of compute (95% interval ${f.slope.lo === null ? "open" : `x${Math.exp(f.slope.lo).toPrecision(3)}`} to ${f.slope.hi === null ? "open" : `x${Math.exp(f.slope.hi).toPrecision(3)}`})`;
  const at = extrapolation.find((e) => e.category === "recipe_today" && e.flops === 1e24);
  const xs = scalePairs(all).pairs.filter((p) => headline.pairIds.includes(p.pairId)).flatMap((p) => p.observations.map((o) => o.measurement.flops as number));
  const span = xs.length ? ` between ${Math.min(...xs).toExponential(1)} and ${Math.max(...xs).toExponential(1)} FLOPs` : "";
  const verdict = `${plainTrendWords(headline.trend, margin)}. Across ${f.nPairs} pairs measured at two or more scales${span} (${f.nCensored} bounds kept as bounds), ${slopeText}: the trend is ${headline.trend}` +
    (at && at.multiplier !== null
      ? `; today's recipe extrapolates to ${boundWords(input.recipeAnchor?.bound)}${fmtM(at.multiplier)} at 1e24 FLOPs (95% PI ${fmtM(at.lo)} to ${fmtM(at.hi)})${input.recipeAnchor?.bound ? `, carried from a 124M ${input.recipeAnchor.bound} bound` : ""}.`
      : ".");
  const cats = headline.byCategory.map((c) => `${c.category}: ${c.trend} (${c.nPairs} pairs${c.nBoundsOnlyPairs ? `, ${c.nBoundsOnlyPairs} bounds-only` : ""})`).join("; ");
  const lo = logsOnly.fit;
  const verdictDetail = [
    `Model: ln M_i(C) = a_i + b_i log10 C, b_i ~ N(b, tau^2), bounds enter as probabilities, fitted by maximum likelihood with profile intervals.`,
    `With literature: b = ${f.slope.estimate?.toFixed(3) ?? "n/a"} ln M per decade [${f.slope.lo?.toFixed(3) ?? "open"}, ${f.slope.hi?.toFixed(3) ?? "open"}], tau = ${f.tau?.toFixed(3) ?? "n/a"}, LR test of b = 0: p = ${f.lrPValue?.toPrecision(2) ?? "n/a"}.`,
    `Logs only: ${lo.nPairs} pairs, b = ${lo.slope.estimate?.toFixed(3) ?? "n/a"} [${lo.slope.lo?.toFixed(3) ?? "open"}, ${lo.slope.hi?.toFixed(3) ?? "open"}], trend ${logsOnly.trend}.`,
    `Per category: ${cats}. Whole recipe: ${recipeTrend}${recipeFromOwn ? " (from its own pairs)" : " (from the slope over all pairs: the recipe pairs alone do not identify one)"}.`,
    `Rules: a direction only where the whole 95% slope interval is on one side of 0; flat only inside +-${margin.toFixed(3)} (${flatMarginWords(margin).pct}) per decade; bounds alone never give a direction.`,
    hindcastText("Hindcast (fit below 1.5B, predict 1.5B, preferred readings)", hindcast),
    hindcastText("Sensitivity, every reading", hindcastAllReadings),
  ].join(" ");
  return { headline, logsOnly, withLiterature, extrapolation, hindcast, hindcastAllReadings, prediction, recipeTrend, verdict, verdictDetail, flatMarginLnPerDecade: margin };
}

/** The summary.json shape of one fit (also used per category). */
export function scaleFitJson(fit: ScaleModelFit, extra: Record<string, unknown> = {}) {
  return {
    model: fit.model, status: fit.status, common_slope_per_decade: { estimate: fit.slope.estimate, lo: fit.slope.lo, hi: fit.slope.hi },
    factor_per_decade: fit.slope.estimate === null ? null : Math.exp(fit.slope.estimate),
    between_pair_sd: fit.tau, residual_sd: fit.sigma, between_pair_sd_at_floor: fit.tauAtFloor, residual_sd_at_floor: fit.sigmaAtFloor, n_pairs: fit.nPairs, n_censored: fit.nCensored, n_observations: fit.nObservations,
    lr_test_slope_zero: { statistic: fit.lrStatistic, p_value: fit.lrPValue }, note: fit.reason, ...extra,
  };
}

function sideJson(s: ScaleFitSide) {
  return {
    ...scaleFitJson(s.fit, { trend: s.trend, trend_reason: s.trendReason }), pairs: s.pairIds, bounds_only_pairs: s.boundsOnlyPairs,
    by_category: s.byCategory.map((c) => ({ category: c.category, ...scaleFitJson(c.fit, { n_pairs: c.nPairs, n_bounds_only_pairs: c.nBoundsOnlyPairs, trend: c.trend, trend_reason: c.reason }) })),
  };
}

export function predictionJson(p: ScalePrediction | null) {
  return p === null ? null : {
    experiment: p.experiment, params: p.params, baseline_flops: p.baselineFlops, flops: p.flops, multiplier: p.multiplier, lo: p.lo, hi: p.hi,
    target: p.target, registered_on: p.registeredOn, model: p.model, slope_from: p.slopeFrom, anchor: p.anchor, bound: p.bound, note: p.note,
  };
}

/** The `scale_dependence`, `extrapolation`, `prediction`, `verdict`, `verdict_detail` entries of summary.json. */
export function scaleDependenceJson(d: ScaleDependence): Record<string, unknown> {
  const h = d.headline;
  return {
    scale_dependence: {
      ...scaleFitJson(h.fit), headline: h.label, trend: h.trend, recipe_trend: d.recipeTrend,
      by_category: sideJson(h).by_category, logs_only: sideJson(d.logsOnly), with_literature: sideJson(d.withLiterature),
      hindcast: hindcastJson(d.hindcast),
      hindcast_all_readings: hindcastJson(d.hindcastAllReadings),
      flat_margin_ln_per_decade: d.flatMarginLnPerDecade,
    },
    extrapolation: d.extrapolation.map((e) => ({ category: e.category, flops: e.flops, multiplier: e.multiplier, lo: e.lo, hi: e.hi, slope_from: e.slopeFrom, anchor: e.anchor, anchor_flops: e.anchorFlops, anchor_multiplier: e.anchorMultiplier, bound: e.bound, note: e.note })),
    prediction: predictionJson(d.prediction),
    verdict: d.verdict,
    verdict_detail: d.verdictDetail,
  };
}

export type { ChangeCategory };
