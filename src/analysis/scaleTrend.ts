// Analysis 5: across scale. Equal-loss multipliers of the speedrun recipe over an AdamW baseline at 124M (track 1),
// 350M (track 2) and 1.5B (2024-10-20_ScaleUp1B). The points differ in vintage, baseline and method, so the scale
// fit uses PAIRS that share all three and differ only in model size:
//   "recipe_vs_llmc_2025-01": track-1 record current on 2025-01-18 vs llm.c 124M, and track-2's first record vs
//       llm.c 350M (the 350M baseline never reaches 2.92, so that multiplier is a lower bound);
//   "muon_vs_adamw_2024-10": the 10/18/24 recipe with Muon vs tuned AdamW at 124M (2024-10-29_Optimizers final
//       loss, record 7's curve) and at 1.5B (ScaleUp1B), both read off the Muon curve where it crosses AdamW's final
//       loss (mid-schedule: the same conservative method at both sizes).
// Model (default "loglog"): ln(ln M) = a_pair + g log10(x): the log-gain ln M, i.e. the compute saved in e-folds,
// scales as a power of size, with a common exponent g and free pair intercepts (closed-form within-pair OLS). This
// puts pairs with very different multipliers (1.2x and 12x) on one scale (the share of the log-gain kept per decade)
// and keeps every extrapolated multiplier above 1x (a gain can fade, not turn into a loss: a recipe worse than its
// baseline would not be used). The plain model ln M = a_pair + b log10(x) is reported as a sensitivity check.
// t-based intervals on n - pairs - 1 degrees of freedom, and a leave-one-pair-out band (each pair's own slope).
// Extrapolations carry the latest 124M multiplier along the slope; every target outside the fitted range is
// flagged `extrapolated`. Non-comparable points (cost on other data, other hardware, literature) stay in the table.
import {
  CHINCHILLA_EPOCH, GPT2_ORIGINAL_HOURS, LLMC_1B_COST_USD, OPTIMIZERS_124M, SCALEUP_1B_COST_USD, SCALEUP_1B_DATE, SCALEUP_1B_PARAMS,
  SCALEUP_1B_RUNS, TRACK_PARAMS,
} from "./constants";
import { analysisDefaults, type AnalysisOptions } from "./analysisOptions";
import type { EvalInput, RecordInput, RunInput } from "./inputs";
import { crossingPoint } from "./recordCompute";
import { median, ratio } from "./stats";
import { studentTQuantile } from "./studentT";
import type { ExtrapolationRow, HindcastRow, RecordCompute, ScalePoint, ScaleTrendFit } from "./types";

export interface ScaleInputs {
  readonly recordCompute: readonly RecordCompute[];
  /** Target loss per track the record figures were computed at (analysis option `targets`; default the README's). */
  readonly targets?: AnalysisOptions["targets"];
  /** Roles whose runs are a record's own (analysis option `recordRoles`). */
  readonly recordRoles?: AnalysisOptions["recordRoles"];
  readonly records: readonly RecordInput[];
  readonly runs: readonly RunInput[];
  readonly evals: readonly EvalInput[];
}

export interface MissingScalePoint {
  readonly id: string;
  readonly reason: string;
}

export const PAIR_RECIPE = "recipe_vs_llmc_2025-01";
export const PAIR_OPTIMIZER = "muon_vs_adamw_2024-10";

/** The record (a row that set a new best time, with tokens) current on `date`. */
export function recordCurrentOn(rows: readonly RecordCompute[], track: string, date: string): RecordCompute | null {
  const mine = rows.filter((r) => r.track === track && r.date !== null && r.date <= date && r.recordTimeS !== null && r.tokensToTarget !== null)
    .sort((a, b) => a.rowIndex - b.rowIndex);
  let best: RecordCompute | null = null;
  for (const r of mine) if (!best || (r.recordTimeS as number) < (best.recordTimeS as number)) best = r;
  return best;
}

function baselineRow(rows: readonly RecordCompute[], track: string): RecordCompute | null {
  return rows.filter((r) => r.track === track).sort((a, b) => a.rowIndex - b.rowIndex)[0] ?? null;
}

interface TrackPointSpec {
  readonly id: string;
  readonly track: string;
  readonly date: string;
  readonly ref: RecordCompute | null;
  readonly refLabel: string;
  readonly pair: string | null;
  readonly caveat: string;
  /** Final val loss of the reference run (used when the reference never reaches the target). */
  readonly refFinalLoss?: number | null;
  readonly target: number;
}

/** A track point: the record current at `date` against a reference row, equal-loss tokens, lo/hi = run-to-run range. */
function trackPoint(rows: readonly RecordCompute[], s: TrackPointSpec, missing: MissingScalePoint[]): ScalePoint | null {
  const rec = recordCurrentOn(rows, s.track, s.date);
  if (!rec || !s.ref || s.ref.tokensToTarget === null || rec.tokensToTarget === null) {
    missing.push({ id: s.id, reason: !rec ? `no ${s.track} record with tokens on or before ${s.date}` : `reference ${s.refLabel} has no tokens-to-target` });
    return null;
  }
  const m = ratio(s.ref.tokensToTarget, rec.tokensToTarget) as number;
  const lo = ratio(s.ref.tokensToTargetMin ?? s.ref.tokensToTarget, rec.tokensToTargetMax ?? rec.tokensToTarget);
  const hi = ratio(s.ref.tokensToTargetMax ?? s.ref.tokensToTarget, rec.tokensToTargetMin ?? rec.tokensToTarget);
  const params = TRACK_PARAMS[s.track];
  // A baseline that stops short of the target: estimate the tokens it would still need from Chinchilla's data term
  // (Epoch refit), dL/dlnD = -beta B D^-beta at the baseline's size and tokens. Reported as `hi`, not fitted.
  let chinchillaHi: number | null = null;
  if (s.ref.lowerBound && s.refFinalLoss !== undefined && s.refFinalLoss !== null) {
    const d = s.ref.tokensToTarget;
    const slope = CHINCHILLA_EPOCH.beta * CHINCHILLA_EPOCH.B * Math.pow(d, -CHINCHILLA_EPOCH.beta);
    const need = d * Math.exp((s.refFinalLoss - s.target) / slope);
    chinchillaHi = ratio(need, rec.tokensToTarget);
  }
  const caveats = [
    `record ${rec.record} (${rec.date}) current on ${s.date}; lo/hi = run-to-run range`,
    s.ref.lowerBound ? `${s.refLabel} never reaches ${s.target}: multiplier is a lower bound` : "",
    chinchillaHi !== null ? `hi = ${chinchillaHi.toPrecision(3)}x if the baseline kept improving at Chinchilla's (Epoch refit) data slope from its final ${s.refFinalLoss} to ${s.target}` : "",
    s.ref.method === "extrapolated_fit" ? `${s.refLabel}'s tokens extrapolated from its fitted curve` : "",
    s.caveat,
  ].filter(Boolean);
  return {
    id: s.id, params, flops: rec.flopsToTarget, multiplier: m,
    lo: lo !== null ? Math.min(lo, m) : null, hi: chinchillaHi !== null ? Math.max(chinchillaHi, m) : hi !== null ? Math.max(hi, m) : null,
    metric: `equal-loss tokens to ${s.target}`, vintage: rec.date, baseline: s.refLabel, comparable: true,
    pair: s.pair, inFit: s.pair !== null, lowerBound: s.ref.lowerBound, caveat: caveats.join("; "), source: `${rec.source} vs ${s.ref.source}`,
  };
}

function findRun(runs: readonly RunInput[], id: string): RunInput | null {
  return runs.find((r) => r.runId.includes(id) || r.sourcePath.includes(id)) ?? null;
}

/** 124M Muon vs AdamW at equal loss: tokens on record 7's Muon curve to AdamW's final 3.3406 (2024-10-29_Optimizers). */
export function optimizer124MPoint(inp: ScaleInputs, missing: MissingScalePoint[]): ScalePoint | null {
  const id = "124M_muon_vs_adamw_crossing";
  const rec = recordCurrentOn(inp.recordCompute, "track1", SCALEUP_1B_DATE);
  const roles = inp.recordRoles ?? analysisDefaults.recordRoles;
  const runs = rec ? inp.runs.filter((r) => r.track === "track1" && r.rowIndex === rec.rowIndex && roles.includes(r.role)) : [];
  const sameLength = runs.filter((r) => r.totalTokens !== null && Math.abs((r.totalTokens as number) / OPTIMIZERS_124M.tokens - 1) < 0.02);
  const crossings = sameLength
    .map((r) => crossingPoint(inp.evals.filter((e) => e.runId === r.runId), OPTIMIZERS_124M.adamwFinal))
    .filter((c): c is NonNullable<typeof c> => c !== null);
  if (!rec || crossings.length === 0) {
    missing.push({ id, reason: `no track-1 record run of ${OPTIMIZERS_124M.tokens} tokens current on ${SCALEUP_1B_DATE} whose curve crosses ${OPTIMIZERS_124M.adamwFinal}` });
    return null;
  }
  const d = median(crossings.map((c) => c.tokens)) as number;
  const flopsPerToken = median(sameLength.map((r) => r.flopsPerToken).filter((f): f is number => f !== null));
  return {
    id, params: TRACK_PARAMS.track1, flops: flopsPerToken === null ? null : flopsPerToken * d, multiplier: OPTIMIZERS_124M.tokens / d, lo: null, hi: null,
    metric: `tokens on the Muon curve to AdamW's final ${OPTIMIZERS_124M.adamwFinal}`, vintage: rec.date,
    baseline: "tuned AdamW, same architecture, 124M (2024-10-29_Optimizers)", comparable: true, pair: PAIR_OPTIMIZER, inFit: true,
    lowerBound: true,
    caveat: `AdamW final loss from FACTS.md (log not embedded); Muon curve = record ${rec.record}'s run of the same length; crossing read mid-schedule, so a conservative (lower-end) multiplier, same method as the 1.5B pair point`,
    source: `FACTS.md 2024-10-29_Optimizers; ${rec.source}`,
  };
}

/** 1.5B Muon vs AdamW: chord of the two Muon end points (upper end) and the 10B Muon curve's crossing (lower end). */
export function scaleUp1BPoints(runs: readonly RunInput[], evals: readonly EvalInput[], missing: MissingScalePoint[]): ScalePoint[] {
  const muon10 = findRun(runs, SCALEUP_1B_RUNS.muon10B);
  const muon75 = findRun(runs, SCALEUP_1B_RUNS.muon7p5B);
  const adamw = findRun(runs, SCALEUP_1B_RUNS.adamw10B);
  const need = [muon10, muon75, adamw];
  if (need.some((r) => !r || r.finalValLoss === null || r.totalTokens === null)) {
    missing.push({ id: "1.5B_muon_vs_adamw", reason: "ScaleUp1B runs (Muon 10B, Muon 7.5B, AdamW 10B) with final loss and tokens not all in runs.csv" });
    return [];
  }
  const [m10, m75, a] = need as RunInput[];
  const la = a.finalValLoss as number;
  const da = a.totalTokens as number;
  const d10 = m10.totalTokens as number;
  const d75 = m75.totalTokens as number;
  const l10 = m10.finalValLoss as number;
  const l75 = m75.finalValLoss as number;
  const params = m10.nParams ?? SCALEUP_1B_PARAMS;
  const out: ScalePoint[] = [];
  const cross = crossingPoint(evals.filter((e) => e.runId === m10.runId), la);
  const lo = cross ? da / cross.tokens : null;
  if (l75 > l10 && d10 > d75) {
    // Final losses of two full schedules, linear in ln(tokens) between them; loss is convex in ln(tokens), so the
    // chord continued to AdamW's higher loss needs at most the true tokens: this multiplier is an upper end.
    const dStar = d75 * Math.exp((la - l75) / ((l10 - l75) / Math.log(d10 / d75)));
    const hi = da / dStar;
    out.push({
      id: "1.5B_muon_vs_adamw", params, flops: m10.flopsPerToken === null ? null : m10.flopsPerToken * dStar, multiplier: hi, lo: lo !== null ? Math.min(lo, hi) : null, hi,
      metric: `equal-loss tokens to tuned AdamW's final ${la}`, vintage: SCALEUP_1B_DATE,
      baseline: "tuned AdamW, same 10/18/24 architecture, 1.5B", comparable: true, pair: null, inFit: false, lowerBound: false,
      caveat: "optimizer-only comparison (the AdamW run shares the modern architecture); estimate = chord of the Muon 7.5B/10B end points (an upper end), lo = mid-schedule crossing of the 10B Muon curve",
      source: `${m10.source}; ${m75.source}; ${a.source}`,
    });
  } else missing.push({ id: "1.5B_muon_vs_adamw", reason: `Muon end points not ordered (7.5B: ${l75}, 10B: ${l10})` });
  if (cross && lo !== null) {
    out.push({
      id: "1.5B_muon_vs_adamw_crossing", params, flops: m10.flopsPerToken === null ? null : m10.flopsPerToken * cross.tokens, multiplier: lo, lo: null, hi: null,
      metric: `tokens on the Muon curve to AdamW's final ${la}`, vintage: SCALEUP_1B_DATE,
      baseline: "tuned AdamW, same 10/18/24 architecture, 1.5B", comparable: true, pair: PAIR_OPTIMIZER, inFit: true, lowerBound: true,
      caveat: "mid-schedule crossing of the 10B Muon curve: conservative (lower-end) multiplier, same method as the 124M pair point",
      source: m10.source,
    });
  } else missing.push({ id: "1.5B_muon_vs_adamw_crossing", reason: `the 10B Muon curve never reaches AdamW's ${la}` });
  return out;
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
  const llmc124 = "llm.c GPT-2 124M (AdamW)";
  const targets = inp.targets ?? analysisDefaults.targets;

  points.push(trackPoint(rows, { id: "124M_vs_llmc_2025-01", track: "track1", date: t2Date, ref: t1Base, refLabel: llmc124, pair: PAIR_RECIPE, caveat: "same vintage as the 350M point", target: targets.track1 }, missing));
  const roles = inp.recordRoles ?? analysisDefaults.recordRoles;
  const t2BaseRun = t2Base ? inp.runs.find((r) => r.track === "track2" && r.rowIndex === t2Base.rowIndex && roles.includes(r.role)) : undefined;
  points.push(trackPoint(rows, { id: "350M_vs_llmc_2025-01", track: "track2", date: t2Date, ref: t2Base, refLabel: "llm.c GPT-2 350M (AdamW)", pair: PAIR_RECIPE, caveat: "", refFinalLoss: t2BaseRun?.finalValLoss ?? null, target: targets.track2 }, missing));
  points.push(trackPoint(rows, { id: "124M_vs_llmc_2024-10", track: "track1", date: SCALEUP_1B_DATE, ref: t1Base, refLabel: llmc124, pair: null, caveat: "same vintage as the 1.5B runs; no 1.5B llm.c run on FineWeb to pair with", target: targets.track1 }, missing));
  points.push(trackPoint(rows, { id: "124M_vs_tuned_adamw_2024-10", track: "track1", date: SCALEUP_1B_DATE, ref: t1AdamW, refLabel: "tuned AdamW 124M (record 2, 2024-06-06, older architecture)", pair: null, caveat: "baseline also lacks the 10/18 architecture, so this mixes optimizer and architecture gains", target: targets.track1 }, missing));
  points.push(optimizer124MPoint(inp, missing));
  points.push(...scaleUp1BPoints(inp.runs, inp.evals, missing));

  points.push({
    id: "1.5B_cost_vs_llmc", params: SCALEUP_1B_PARAMS, flops: null, multiplier: LLMC_1B_COST_USD / SCALEUP_1B_COST_USD, lo: null, hi: null,
    metric: "training cost at similar HellaSwag", vintage: SCALEUP_1B_DATE, baseline: "llm.c GPT-2 1.5B ($576, FineWeb-EDU)",
    comparable: false, pair: null, inFit: false, lowerBound: false,
    caveat: "HellaSwag-level comparison on different data (FineWeb vs FineWeb-EDU) and token budgets: not an equal-loss multiplier",
    source: "modded-nanogpt README ($233 instead of $576), FACTS.md",
  });
  const nano = inp.records.filter((r) => r.track === "nanochat" && r.timeS !== null).sort((a, b) => a.rowIndex - b.rowIndex);
  const nanoLatest = nano[nano.length - 1];
  const nanoFirst = nano.find((r) => r.rowIndex > 0);
  if (nanoLatest && nanoLatest.timeS && nanoLatest.rowIndex > 0) {
    const orig = nano.find((r) => r.rowIndex === 0)?.timeS ?? GPT2_ORIGINAL_HOURS * 3600;
    points.push({
      id: "gpt2xl_nanochat_vs_gpt2_2019", params: TRACK_PARAMS.nanochat, flops: null, multiplier: orig / nanoLatest.timeS, lo: null, hi: null,
      metric: "wall-clock hours to GPT-2 (1.6B) CORE", vintage: nanoLatest.date, baseline: "OpenAI GPT-2 1.5B, 2019, 32 TPU v3, 168 h",
      comparable: false, pair: null, inFit: false, lowerBound: false,
      caveat: "different hardware (32 TPU v3 vs 8xH100) and data; CORE not val loss: mixes hardware and algorithmic progress",
      source: nanoLatest.source,
    });
    if (nanoFirst && nanoFirst.timeS && nanoFirst !== nanoLatest) {
      points.push({
        id: "gpt2xl_nanochat_within", params: TRACK_PARAMS.nanochat, flops: null, multiplier: nanoFirst.timeS / nanoLatest.timeS, lo: null, hi: null,
        metric: "wall-clock hours to GPT-2 CORE, same 8xH100", vintage: nanoLatest.date, baseline: `nanochat row ${nanoFirst.record} (${nanoFirst.date})`,
        comparable: false, pair: null, inFit: false, lowerBound: false,
        caveat: "progress within nanochat over ~6 weeks; includes a dataset change (ClimbMix, row 4): not a recipe-vs-baseline multiplier",
        source: `${nanoFirst.source} vs ${nanoLatest.source}`,
      });
    }
  } else missing.push({ id: "gpt2xl_nanochat", reason: "no nanochat rows with times" });
  for (const [params, m] of [[0.1e9, 1.4], [1.2e9, 1.1]] as const) {
    points.push({
      id: `wen2025_${params / 1e9}B`, params, flops: null, multiplier: m, lo: null, hi: null, metric: "speedup of matrix optimizers over tuned AdamW",
      vintage: "2025-09", baseline: "tuned AdamW (Wen et al. 2025)", comparable: false, pair: null, inFit: false, lowerBound: false,
      caveat: "literature value, other data and setup", source: "arXiv:2509.02046",
    });
  }
  const out = points.filter((p): p is ScalePoint => p !== null && p.multiplier !== null && p.multiplier > 0);
  out.sort((a, b) => a.params - b.params || (a.id < b.id ? -1 : 1));
  return { points: out, missing };
}

function axisValue(p: ScalePoint, axis: "params" | "flops"): number | null {
  return axis === "params" ? p.params : p.flops;
}

export type ScaleModel = "loglog" | "log";

/** Multiplier -> fitted scale, null where undefined (ln(ln M) needs M > 1). */
function toY(m: number, model: ScaleModel): number | null {
  if (model === "log") return m > 0 ? Math.log(m) : null;
  return m > 1 ? Math.log(Math.log(m)) : null;
}

function fromY(y: number, model: ScaleModel): number {
  return model === "log" ? Math.exp(y) : Math.exp(Math.exp(y));
}

/** Common-slope fit with free pair intercepts (within-pair OLS), closed form. */
export interface PairedFit {
  readonly axis: "params" | "flops";
  readonly model: ScaleModel;
  readonly n: number;
  readonly pairs: readonly string[];
  readonly slope: number;
  readonly sxxWithin: number;
  readonly dof: number;
  readonly residualSd: number | null;
  readonly slopeSe: number | null;
  readonly pairSlopes: Readonly<Record<string, number>>;
  readonly pairMeans: Readonly<Record<string, { x: number; y: number; n: number }>>;
  readonly xMin: number;
  readonly xMax: number;
}

export function pairedFit(points: readonly ScalePoint[], axis: "params" | "flops", model: ScaleModel = "loglog"): PairedFit | null {
  const use = points.filter((p) => p.pair !== null && axisValue(p, axis) !== null && p.multiplier !== null && toY(p.multiplier, model) !== null);
  const groups = new Map<string, { x: number; y: number }[]>();
  for (const p of use) {
    const g = groups.get(p.pair as string) ?? [];
    g.push({ x: Math.log10(axisValue(p, axis) as number), y: toY(p.multiplier as number, model) as number });
    groups.set(p.pair as string, g);
  }
  const pairs = [...groups.keys()].filter((k) => (groups.get(k) as unknown[]).length >= 2).sort();
  let sxx = 0;
  let sxy = 0;
  const pairMeans: Record<string, { x: number; y: number; n: number }> = {};
  const pairSlopes: Record<string, number> = {};
  let n = 0;
  for (const k of pairs) {
    const g = groups.get(k) as { x: number; y: number }[];
    const xm = g.reduce((s, v) => s + v.x, 0) / g.length;
    const ym = g.reduce((s, v) => s + v.y, 0) / g.length;
    let gxx = 0;
    let gxy = 0;
    for (const v of g) { gxx += (v.x - xm) ** 2; gxy += (v.x - xm) * (v.y - ym); }
    if (gxx > 0) pairSlopes[k] = gxy / gxx;
    sxx += gxx;
    sxy += gxy;
    pairMeans[k] = { x: xm, y: ym, n: g.length };
    n += g.length;
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  const dof = n - pairs.length - 1;
  let residualSd: number | null = null;
  if (dof > 0) {
    let rss = 0;
    for (const k of pairs) for (const v of groups.get(k) as { x: number; y: number }[]) {
      const m = pairMeans[k];
      rss += (v.y - m.y - slope * (v.x - m.x)) ** 2;
    }
    residualSd = Math.sqrt(rss / dof);
  }
  const xs = pairs.flatMap((k) => (groups.get(k) as { x: number }[]).map((v) => v.x));
  return {
    axis, model, n, pairs, slope, sxxWithin: sxx, dof, residualSd, slopeSe: residualSd === null ? null : residualSd / Math.sqrt(sxx),
    pairSlopes, pairMeans, xMin: Math.min(...xs), xMax: Math.max(...xs),
  };
}

export function fitScaleTrend(points: readonly ScalePoint[], axis: "params" | "flops", model: ScaleModel = "loglog"): { fit: PairedFit | null; summary: ScaleTrendFit } {
  const fit = pairedFit(points, axis, model);
  if (!fit) return { fit, summary: { axis, model, n: 0, pairs: 0, dof: 0, pairSlopes: {}, residualSd: null, slopePerDecade: null, slopeLo: null, slopeHi: null, xMin: null, xMax: null, reason: `need a pair of points at two ${axis} values` } };
  const t = fit.dof > 0 ? studentTQuantile(0.975, fit.dof) : null;
  return {
    fit,
    summary: {
      axis, model, n: fit.n, pairs: fit.pairs.length, dof: fit.dof, pairSlopes: fit.pairSlopes, residualSd: fit.residualSd,
      slopePerDecade: fit.slope,
      slopeLo: t !== null && fit.slopeSe !== null ? fit.slope - t * fit.slopeSe : null,
      slopeHi: t !== null && fit.slopeSe !== null ? fit.slope + t * fit.slopeSe : null,
      xMin: Math.pow(10, fit.xMin), xMax: Math.pow(10, fit.xMax),
      reason: t === null ? "no residual degrees of freedom: no interval" : "",
    },
  };
}

export interface ScaleAnchor {
  /** log10 of the anchor's params (or FLOPs) and its multiplier: the latest 124M record vs the llm.c baseline. */
  readonly x: number;
  readonly multiplier: number;
  readonly label: string;
}

/**
 * Carry the anchor multiplier along the fitted slope to each target: y = y_anchor + b (log10 x - x_anchor) on the
 * model's scale (ln ln M or ln M), then back to a multiplier.
 * Prediction interval: t(dof) * s * sqrt(1 + d^2 / Sxx_within) (the anchor treated as one noisy observation).
 * Band: the same with each pair's own slope (leave-one-pair-out) and the pooled slope.
 */
export function extrapolateScale(fit: PairedFit | null, anchor: ScaleAnchor | null, axis: "params" | "flops", targets: readonly number[]): ExtrapolationRow[] {
  return targets.map((x) => {
    const key = axis === "params" ? { params: x, flops: null } : { params: null, flops: x };
    if (!fit || !anchor)
      return { axis, model: fit?.model ?? "loglog", ...key, anchorMultiplier: anchor?.multiplier ?? null, retention: null, multiplier: null, lo: null, hi: null, bandLo: null, bandHi: null, extrapolated: true, reason: !fit ? `no scale fit on ${axis}` : "no 124M anchor multiplier" };
    const d = Math.log10(x) - anchor.x;
    const y0 = toY(anchor.multiplier, fit.model);
    if (y0 === null)
      return { axis, model: fit.model, ...key, anchorMultiplier: anchor.multiplier, retention: null, multiplier: null, lo: null, hi: null, bandLo: null, bandHi: null, extrapolated: true, reason: `anchor multiplier ${anchor.multiplier} is not above 1x` };
    const y = y0 + fit.slope * d;
    let lo: number | null = null;
    let hi: number | null = null;
    if (fit.residualSd !== null && fit.dof > 0) {
      const half = studentTQuantile(0.975, fit.dof) * fit.residualSd * Math.sqrt(1 + (d * d) / fit.sxxWithin);
      lo = fromY(y - half, fit.model);
      hi = fromY(y + half, fit.model);
    }
    const preds = [fit.slope, ...Object.values(fit.pairSlopes)].map((b) => y0 + b * d);
    const lx = Math.log10(x);
    const extrapolated = lx < fit.xMin - 1e-9 || lx > fit.xMax + 1e-9;
    return {
      axis, model: fit.model, ...key, anchorMultiplier: anchor.multiplier,
      retention: Math.log(fromY(y, fit.model)) / Math.log(anchor.multiplier), multiplier: fromY(y, fit.model), lo, hi,
      bandLo: fromY(Math.min(...preds), fit.model), bandHi: fromY(Math.max(...preds), fit.model), extrapolated,
      reason: extrapolated ? `beyond the fitted range (${Math.pow(10, fit.xMin).toPrecision(3)} to ${Math.pow(10, fit.xMax).toPrecision(3)} ${axis}); anchor: ${anchor.label}` : `anchor: ${anchor.label}`,
    };
  });
}

/**
 * Hindcast across scale: the slope known by 2025-01 (the 124M -> 350M recipe pair alone) predicts the 1.5B point of
 * the optimizer pair from its 124M partner; scored as |log10 error|.
 */
export function hindcastScale(points: readonly ScalePoint[], model: ScaleModel = "loglog"): HindcastRow {
  const description = `slope of the ${PAIR_RECIPE} pair (124M -> 350M) carried from the 124M point of ${PAIR_OPTIMIZER} to its 1.5B point`;
  const known = points.filter((p) => p.pair === PAIR_RECIPE);
  const target = points.filter((p) => p.pair === PAIR_OPTIMIZER).sort((a, b) => a.params - b.params);
  const base = { kind: "scale_trend" as const, description, cutoff: "350M (2025-01)", nFit: known.length, nScored: target.length >= 2 ? 1 : 0 };
  const fit = pairedFit(known, "params", model);
  const [small, large] = [target[0], target[target.length - 1]];
  const y0 = small ? toY(small.multiplier as number, model) : null;
  if (!fit || target.length < 2 || y0 === null) return { ...base, meanAbsLog10Error: null, medianRatio: null, coverage: null, reason: "need both pairs with multipliers above 1x" };
  const pred = Math.log(fromY(y0 + fit.slope * (Math.log10(large.params) - Math.log10(small.params)), model));
  const actual = Math.log(large.multiplier as number);
  return {
    ...base, description: `${description} (model ${model})`,
    meanAbsLog10Error: Math.abs(pred - actual) / Math.LN10, medianRatio: Math.exp(pred - actual), coverage: null,
    reason: "two fit points: exact line, no interval to score coverage",
  };
}
