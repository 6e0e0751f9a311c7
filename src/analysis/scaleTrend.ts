// Analysis 5: across scale. Equal-loss multipliers of the speedrun recipe over an AdamW baseline at 124M (track 1),
// 350M (track 2) and 1.5B (2024-10-20_ScaleUp1B), with non-comparable reference points (costs on different data,
// different hardware, literature) kept in the table but out of the fit. ln(multiplier) is regressed on log10(params)
// and on log10(6 N D) by OLS with t-based prediction intervals; a leave-one-out band shows model uncertainty; every
// prediction outside the fitted range is flagged `extrapolated`.
import {
  EXTRAPOLATION_FLOPS, EXTRAPOLATION_PARAMS, GPT2_ORIGINAL_HOURS, LLMC_1B_COST_USD, SCALEUP_1B_COST_USD,
  SCALEUP_1B_DATE, SCALEUP_1B_PARAMS, SCALEUP_1B_RUNS, TARGET_LOSS, TRACK_PARAMS,
} from "./constants";
import type { EvalInput, RecordInput, RunInput } from "./inputs";
import { olsFit, olsPredict, type OlsFit } from "./olsFit";
import { crossingPoint } from "./recordCompute";
import { ratio } from "./stats";
import type { ExtrapolationRow, HindcastRow, RecordCompute, ScalePoint, ScaleTrendFit } from "./types";

export interface ScaleInputs {
  readonly recordCompute: readonly RecordCompute[];
  readonly records: readonly RecordInput[];
  readonly runs: readonly RunInput[];
  readonly evals: readonly EvalInput[];
}

export interface MissingScalePoint {
  readonly id: string;
  readonly reason: string;
}

/** The track-1 record (a row that set a new best time) current on `date`. */
export function recordCurrentOn(rows: readonly RecordCompute[], track: string, date: string): RecordCompute | null {
  const mine = rows.filter((r) => r.track === track && r.date !== null && r.date <= date && r.recordTimeS !== null && r.tokensToTarget !== null)
    .sort((a, b) => a.rowIndex - b.rowIndex);
  let best: RecordCompute | null = null;
  for (const r of mine) if (!best || (r.recordTimeS as number) < (best.recordTimeS as number)) best = r;
  return best;
}

function baselineRow(rows: readonly RecordCompute[], track: string): RecordCompute | null {
  const mine = rows.filter((r) => r.track === track).sort((a, b) => a.rowIndex - b.rowIndex);
  return mine[0] ?? null;
}

function flopsOf(params: number, tokens: number | null): number | null {
  return tokens === null ? null : 6 * params * tokens;
}

/** 124M point: a track-1 record current at `date` against a reference row (the llm.c baseline or tuned AdamW). */
function trackPoint(
  rows: readonly RecordCompute[], track: string, date: string, ref: RecordCompute | null, refLabel: string,
  id: string, inFit: boolean, missing: MissingScalePoint[], extraCaveat = "",
): ScalePoint | null {
  const rec = recordCurrentOn(rows, track, date);
  if (!rec || !ref || ref.tokensToTarget === null || rec.tokensToTarget === null) {
    missing.push({ id, reason: !rec ? `no ${track} record with tokens on or before ${date}` : `reference ${refLabel} has no tokens-to-target` });
    return null;
  }
  const m = ratio(ref.tokensToTarget, rec.tokensToTarget);
  const lo = ratio(ref.tokensToTargetMin ?? ref.tokensToTarget, rec.tokensToTargetMax ?? rec.tokensToTarget);
  const hi = ratio(ref.tokensToTargetMax ?? ref.tokensToTarget, rec.tokensToTargetMin ?? rec.tokensToTarget);
  const params = TRACK_PARAMS[track];
  const lowerBound = ref.lowerBound;
  const caveats = [
    `record ${rec.record} (${rec.date}) current on ${date}; lo/hi = run-to-run range`,
    ref.method === "extrapolated_fit" ? `${refLabel} never reaches ${TARGET_LOSS[track]}: its tokens are extrapolated from its fitted curve` : "",
    lowerBound ? `${refLabel} never reaches ${TARGET_LOSS[track]}: multiplier is a lower bound` : "",
    extraCaveat,
  ].filter(Boolean);
  return {
    id, params, flops: flopsOf(params, rec.tokensToTarget), multiplier: m, lo: lo !== null && m !== null ? Math.min(lo, m) : null,
    hi: hi !== null && m !== null ? Math.max(hi, m) : null,
    metric: `equal-loss tokens to ${TARGET_LOSS[track]}`, vintage: rec.date, baseline: refLabel, comparable: true, inFit, lowerBound,
    caveat: caveats.join("; "), source: `${rec.source} vs ${ref.source}`,
  };
}

function findRun(runs: readonly RunInput[], id: string): RunInput | null {
  return runs.find((r) => r.runId.includes(id) || r.sourcePath.includes(id)) ?? null;
}

/** 1.5B: tokens the 10/18/24 Muon recipe needs to match tuned AdamW's final loss, from the three ScaleUp1B runs. */
export function scaleUp1BPoint(runs: readonly RunInput[], evals: readonly EvalInput[], missing: MissingScalePoint[]): ScalePoint | null {
  const id = "1.5B_muon_vs_adamw";
  const muon10 = findRun(runs, SCALEUP_1B_RUNS.muon10B);
  const muon75 = findRun(runs, SCALEUP_1B_RUNS.muon7p5B);
  const adamw = findRun(runs, SCALEUP_1B_RUNS.adamw10B);
  const need = [muon10, muon75, adamw];
  if (need.some((r) => !r || r.finalValLoss === null || r.totalTokens === null)) {
    missing.push({ id, reason: "ScaleUp1B runs (Muon 10B, Muon 7.5B, AdamW 10B) with final loss and tokens not all in runs.csv" });
    return null;
  }
  const [m10, m75, a] = need as RunInput[];
  const la = a.finalValLoss as number;
  const d10 = m10.totalTokens as number;
  const d75 = m75.totalTokens as number;
  const l10 = m10.finalValLoss as number;
  const l75 = m75.finalValLoss as number;
  if (!(l75 > l10) || !(d10 > d75)) {
    missing.push({ id, reason: `Muon end points not ordered (7.5B: ${l75}, 10B: ${l10})` });
    return null;
  }
  // Final losses of two full schedules are linear in ln(tokens) locally; loss is convex in ln(tokens), so continuing
  // the chord to AdamW's (higher) loss needs at most as many tokens as the truth: this multiplier is an upper end.
  const slope = (l10 - l75) / Math.log(d10 / d75);
  const dStar = d75 * Math.exp((la - l75) / slope);
  const hi = (a.totalTokens as number) / dStar;
  // The 10B Muon run's eval curve crosses AdamW's final loss mid-schedule (before its warm-down), so it needs more
  // tokens there than a run scheduled to end at the crossing: a lower end.
  const cross = crossingPoint(evals.filter((e) => e.runId === m10.runId), la);
  const lo = cross ? (a.totalTokens as number) / cross.tokens : null;
  const params = m10.nParams ?? SCALEUP_1B_PARAMS;
  return {
    id, params, flops: 6 * params * dStar, multiplier: hi, lo: lo !== null ? Math.min(lo, hi) : null, hi,
    metric: `equal-loss tokens to tuned AdamW's final ${la}`, vintage: SCALEUP_1B_DATE,
    baseline: "tuned AdamW, same 10/18/24 architecture, 1.5B", comparable: true, inFit: true, lowerBound: false,
    caveat: "optimizer-only comparison (the AdamW run shares the modern architecture), so it understates a full-recipe multiplier; estimate = chord of the Muon 7.5B/10B end points (upper end), lo = mid-schedule crossing of the 10B Muon curve",
    source: `${m10.source}; ${m75.source}; ${a.source}`,
  };
}

export function buildScalePoints(inp: ScaleInputs): { points: ScalePoint[]; missing: MissingScalePoint[] } {
  const rows = inp.recordCompute;
  const missing: MissingScalePoint[] = [];
  const points: (ScalePoint | null)[] = [];
  const t1Base = baselineRow(rows, "track1");
  const t2Base = baselineRow(rows, "track2");
  const t1AdamW = rows.find((r) => r.track === "track1" && r.rowIndex === 1) ?? null;
  const t2First = rows.filter((r) => r.track === "track2" && r.rowIndex > 0 && r.date !== null).sort((a, b) => a.rowIndex - b.rowIndex)[0];
  const t2Date = t2First?.date ?? "2025-01-18";

  points.push(trackPoint(rows, "track1", SCALEUP_1B_DATE, t1Base, "llm.c GPT-2 124M (AdamW)", "124M_vs_llmc_2024-10", true, missing,
    "same vintage as the 1.5B point"));
  points.push(trackPoint(rows, "track1", t2Date, t1Base, "llm.c GPT-2 124M (AdamW)", "124M_vs_llmc_2025-01", false, missing,
    "same vintage as the 350M point"));
  points.push(trackPoint(rows, "track1", SCALEUP_1B_DATE, t1AdamW, "tuned AdamW 124M (record 2, 2024-06-06)", "124M_vs_tuned_adamw_2024-10", false, missing,
    "tuned AdamW baseline with the older architecture, the nearest 124M analogue of the 1.5B comparison"));
  points.push(trackPoint(rows, "track2", t2Date, t2Base, "llm.c GPT-2 350M (AdamW)", "350M_vs_llmc_2025-01", true, missing));
  points.push(scaleUp1BPoint(inp.runs, inp.evals, missing));

  points.push({
    id: "1.5B_cost_vs_llmc", params: SCALEUP_1B_PARAMS, flops: null, multiplier: LLMC_1B_COST_USD / SCALEUP_1B_COST_USD, lo: null, hi: null,
    metric: "training cost at similar HellaSwag", vintage: SCALEUP_1B_DATE, baseline: "llm.c GPT-2 1.5B ($576, FineWeb-EDU)",
    comparable: false, inFit: false, lowerBound: false,
    caveat: "HellaSwag-level comparison on different data (FineWeb vs FineWeb-EDU), different token budgets: not an equal-loss multiplier",
    source: "modded-nanogpt README ($233 instead of $576), FACTS.md",
  });
  const nano = inp.records.filter((r) => r.track === "nanochat" && r.timeS !== null).sort((a, b) => a.rowIndex - b.rowIndex);
  const nanoLatest = nano[nano.length - 1];
  const nanoFirst = nano.find((r) => r.rowIndex > 0);
  if (nanoLatest && nanoLatest.timeS) {
    const orig = nano.find((r) => r.rowIndex === 0)?.timeS ?? GPT2_ORIGINAL_HOURS * 3600;
    points.push({
      id: "gpt2xl_nanochat_vs_gpt2_2019", params: TRACK_PARAMS.nanochat, flops: null, multiplier: orig / nanoLatest.timeS, lo: null, hi: null,
      metric: "wall-clock hours to GPT-2 (1.6B) CORE", vintage: nanoLatest.date, baseline: "OpenAI GPT-2 1.5B, 2019, 32 TPU v3, 168 h",
      comparable: false, inFit: false, lowerBound: false,
      caveat: "different hardware (32 TPU v3 vs 8xH100) and data; CORE not val loss: mixes hardware and algorithmic progress",
      source: `${nanoLatest.source}`,
    });
    if (nanoFirst && nanoFirst.timeS && nanoFirst !== nanoLatest) {
      points.push({
        id: "gpt2xl_nanochat_within", params: TRACK_PARAMS.nanochat, flops: null, multiplier: nanoFirst.timeS / nanoLatest.timeS, lo: null, hi: null,
        metric: "wall-clock hours to GPT-2 CORE, same 8xH100", vintage: nanoLatest.date, baseline: `nanochat row ${nanoFirst.record} (${nanoFirst.date})`,
        comparable: false, inFit: false, lowerBound: false,
        caveat: "progress within nanochat over ~6 weeks; includes a dataset change (ClimbMix, row 4): not a recipe-vs-baseline multiplier",
        source: `${nanoFirst.source} vs ${nanoLatest.source}`,
      });
    }
  } else missing.push({ id: "gpt2xl_nanochat", reason: "no nanochat rows with times" });
  // Literature context (FACTS.md): Wen et al. 2025, matrix optimizers vs tuned AdamW at equal loss.
  points.push({
    id: "wen2025_0.1B", params: 0.1e9, flops: null, multiplier: 1.4, lo: null, hi: null, metric: "speedup over tuned AdamW",
    vintage: "2025-09", baseline: "tuned AdamW (Wen et al. 2025)", comparable: false, inFit: false, lowerBound: false,
    caveat: "literature value, other data and setup", source: "arXiv:2509.02046",
  });
  points.push({
    id: "wen2025_1.2B", params: 1.2e9, flops: null, multiplier: 1.1, lo: null, hi: null, metric: "speedup over tuned AdamW",
    vintage: "2025-09", baseline: "tuned AdamW (Wen et al. 2025)", comparable: false, inFit: false, lowerBound: false,
    caveat: "literature value, other data and setup", source: "arXiv:2509.02046",
  });
  const out = points.filter((p): p is ScalePoint => p !== null && p.multiplier !== null && p.multiplier > 0);
  out.sort((a, b) => a.params - b.params || (a.id < b.id ? -1 : 1));
  return { points: out, missing };
}

function axisValue(p: ScalePoint, axis: "params" | "flops"): number | null {
  return axis === "params" ? p.params : p.flops;
}

function fitOn(points: readonly ScalePoint[], axis: "params" | "flops"): OlsFit | null {
  const use = points.filter((p) => axisValue(p, axis) !== null);
  if (use.length < 2 || new Set(use.map((p) => axisValue(p, axis))).size < 2) return null;
  return olsFit(use.map((p) => Math.log10(axisValue(p, axis) as number)), use.map((p) => Math.log(p.multiplier as number)));
}

export function fitScaleTrend(points: readonly ScalePoint[], axis: "params" | "flops"): { fit: OlsFit | null; summary: ScaleTrendFit } {
  const use = points.filter((p) => p.inFit);
  const fit = fitOn(use, axis);
  if (!fit) return { fit, summary: { axis, n: use.length, slopePerDecade: null, slopeLo: null, slopeHi: null, xMin: null, xMax: null, reason: `need 2 or more fit points with ${axis}` } };
  return {
    fit,
    summary: {
      axis, n: fit.n, slopePerDecade: fit.slope, slopeLo: fit.slopeCi ? fit.slopeCi[0] : null, slopeHi: fit.slopeCi ? fit.slopeCi[1] : null,
      xMin: Math.pow(10, fit.xMin), xMax: Math.pow(10, fit.xMax), reason: fit.slopeCi ? "" : "two points: no interval",
    },
  };
}

/** Predictions at the targets with the t prediction interval and a leave-one-out model band. */
export function extrapolateScale(points: readonly ScalePoint[], axis: "params" | "flops", targets: readonly number[]): ExtrapolationRow[] {
  const use = points.filter((p) => p.inFit && axisValue(p, axis) !== null);
  const fit = fitOn(use, axis);
  const loo = use.length >= 3 ? use.map((_, i) => fitOn(use.filter((__, j) => j !== i), axis)).filter((f): f is OlsFit => f !== null) : [];
  return targets.map((x) => {
    const key = axis === "params" ? { params: x, flops: null } : { params: null, flops: x };
    if (!fit) return { axis, ...key, multiplier: null, lo: null, hi: null, bandLo: null, bandHi: null, extrapolated: true, reason: `need 2 or more fit points with ${axis}` };
    const p = olsPredict(fit, Math.log10(x));
    // Model band: the full fit and every leave-one-out refit (which point drives the trend), kept apart from the
    // t prediction interval so that a reader sees both kinds of uncertainty.
    const preds = [p.y, ...loo.map((f) => olsPredict(f, Math.log10(x)).y)];
    const lows = preds;
    const highs = preds;
    return {
      axis, ...key, multiplier: Math.exp(p.y), lo: p.lo === null ? null : Math.exp(p.lo), hi: p.hi === null ? null : Math.exp(p.hi),
      bandLo: Math.exp(Math.min(...lows)), bandHi: Math.exp(Math.max(...highs)), extrapolated: p.extrapolated,
      reason: p.extrapolated ? `beyond the fitted range (${Math.pow(10, fit.xMin).toPrecision(3)} to ${Math.pow(10, fit.xMax).toPrecision(3)} ${axis})` : "",
    };
  });
}

/** Hindcast: fit on the in-fit points at or below `maxParams`, predict the in-fit points above it. */
export function hindcastScale(points: readonly ScalePoint[], maxParams: number): HindcastRow {
  const fitPts = points.filter((p) => p.inFit && p.params <= maxParams);
  const later = points.filter((p) => p.inFit && p.params > maxParams);
  const description = `ln(multiplier) vs log10(params) fitted on points <= ${maxParams.toPrecision(3)} params, predicting the larger ones`;
  const base = { kind: "scale_trend" as const, description, cutoff: `${maxParams}`, nFit: fitPts.length, nScored: later.length };
  const fit = fitOn(fitPts, "params");
  if (!fit || later.length === 0) return { ...base, meanAbsLog10Error: null, medianRatio: null, coverage: null, reason: "need 2 fit points at distinct sizes and 1 later point" };
  let err = 0;
  const ratios: number[] = [];
  let inside = 0;
  for (const p of later) {
    const pr = olsPredict(fit, Math.log10(p.params));
    const actual = Math.log(p.multiplier as number);
    err += Math.abs(pr.y - actual) / Math.LN10;
    ratios.push(Math.exp(pr.y - actual));
    if (pr.lo !== null && pr.hi !== null && actual >= pr.lo && actual <= pr.hi) inside++;
  }
  ratios.sort((a, b) => a - b);
  return {
    ...base, meanAbsLog10Error: err / later.length, medianRatio: ratios[Math.floor((ratios.length - 1) / 2)],
    coverage: fit.residualSd === null ? null : inside / later.length,
    reason: fit.residualSd === null ? "two fit points: exact line, no interval to score coverage" : "",
  };
}
