// Chains the six analyses on the embedded dataset and assembles results/summary.json and the CSV tables.
// Pure: inputs in, results out; reading data/ and writing results/ is src/cli/main.ts's job.
import { baselineOf, resolveAnalysisOptions, type AnalysisOptions } from "./analysisOptions";
import { checkClaims } from "./checkClaims";
import { computeMultipliers } from "./computeMultipliers";
import {
  CHINCHILLA_EPOCH, DEEPSEEK_V3, GPT4_ASSUMED, HARDWARE_PRICE_PERFORMANCE_GAIN, HO_ET_AL_HALVING_MONTHS, TRACK_PARAMS, YI_LIGHTNING,
} from "./constants";
import { decomposeSpeedup } from "./decomposeSpeedup";
import { ENVELOPE_RULE, extrapolationEnvelope } from "./extrapolationEnvelope";
import { frontierClaims, frontierVerdict, type FrontierFigures } from "./frontierClaims";
import { sanitize, toCsv, stableJson } from "./formatResults";
import { computeHalvingTimes, hindcastHalving } from "./halvingTime";
import type { AnalysisInput } from "./inputs";
import { computeRecordCompute, computeRunsToTarget, type RecordComputeOptions } from "./recordCompute";
import { buildScalePoints, extrapolateScale, fitScaleTrend, hindcastScale, type MissingScalePoint, type ScaleAnchor } from "./scaleTrend";
import { scaleVerdict, type EnvelopeAt, type ScaleVerdict } from "./scaleVerdict";
import { ratio } from "./stats";
import type {
  ClaimCheck, CurveFit, DecompositionRow, ExtrapolationEnvelopeRow, ExtrapolationRow, FrontierClaimRow, HalvingTimeRow, HindcastRow, MultiplierRow,
  RecordCompute, RunToTarget, ScalePoint, ScaleTrendFit,
} from "./types";

/** The analysis options (analysisOptions.ts; defaults = `npm start`'s) plus the progress and curve-fitter hooks. */
export interface RunAnalysisOptions extends RecordComputeOptions {
  readonly onStep?: (name: string) => void;
}

export interface TrackHeadline {
  readonly track: string;
  readonly baselineRecord: number | null;
  readonly latestRecord: number | null;
  readonly latestDate: string | null;
  /** Table time of the baseline / table time of the latest row with a time. */
  readonly timeRatio: number | null;
  /** Equal-loss tokens: baseline's tokens at its crossing of the target / the latest record's. */
  readonly tokenRatio: number | null;
  readonly equalLossTimeRatio: number | null;
  readonly flopsRatio: number | null;
  readonly baselineTokensToTarget: number | null;
  readonly latestTokensToTarget: number | null;
  readonly lowerBound: boolean;
  readonly note: string;
}

export interface AnalysisResults {
  readonly runsToTarget: readonly RunToTarget[];
  readonly recordCompute: readonly RecordCompute[];
  readonly multipliers: readonly MultiplierRow[];
  readonly decomposition: readonly DecompositionRow[];
  readonly claims: readonly ClaimCheck[];
  readonly halving: readonly HalvingTimeRow[];
  readonly hindcasts: readonly HindcastRow[];
  readonly scalePoints: readonly ScalePoint[];
  readonly missingScalePoints: readonly MissingScalePoint[];
  readonly scaleFits: readonly ScaleTrendFit[];
  /** Both scale models' rows (ln ln M and ln M), each with its own 95% PI and pair-slope band. */
  readonly extrapolation: readonly ExtrapolationRow[];
  /** The headline rows: ln ln M central estimate with the envelope over both models (extrapolationEnvelope.ts). */
  readonly extrapolationEnvelope: readonly ExtrapolationEnvelopeRow[];
  readonly frontier: readonly FrontierClaimRow[];
  readonly frontierFigures: FrontierFigures;
  readonly headlines: readonly TrackHeadline[];
  readonly verdict: ScaleVerdict;
}

function trackHeadline(track: string, rows: readonly RecordCompute[], options: AnalysisOptions): TrackHeadline {
  const mine = rows.filter((r) => r.track === track).sort((a, b) => a.rowIndex - b.rowIndex);
  const base = baselineOf(mine, track, options);
  const timed = mine.filter((r) => r.recordTimeS !== null);
  const latest = timed.length > 1 ? timed[timed.length - 1] : null;
  const withTokens = mine.filter((r) => r.tokensToTarget !== null && r !== base);
  const latestTok = withTokens[withTokens.length - 1] ?? null;
  const notes: string[] = [];
  if (latestTok && latest && latestTok.rowIndex !== latest.rowIndex) notes.push(`token ratio uses row ${latestTok.record} (latest row with a log)`);
  if (base?.lowerBound) notes.push("baseline never reaches the target: ratios are lower bounds");
  if (base?.method === "extrapolated_fit") notes.push("baseline tokens-to-target extrapolated from its fitted curve");
  if (track === "nanochat") notes.push("row 0 is GPT-2 (2019) on 32 TPU v3: time ratio mixes hardware and algorithms");
  return {
    track, baselineRecord: base?.record ?? null, latestRecord: latest?.record ?? null, latestDate: latest?.date ?? null,
    timeRatio: ratio(base?.recordTimeS, latest?.recordTimeS),
    tokenRatio: ratio(base?.tokensToTarget, latestTok?.tokensToTarget),
    equalLossTimeRatio: ratio(base?.timeToTargetS, latestTok?.timeToTargetS),
    flopsRatio: ratio(base?.flopsToTarget, latestTok?.flopsToTarget),
    baselineTokensToTarget: base?.tokensToTarget ?? null, latestTokensToTarget: latestTok?.tokensToTarget ?? null,
    lowerBound: base?.lowerBound ?? false, note: notes.join("; "),
  };
}

/** The 124M multiplier the extrapolation carries: the latest track-1 record with tokens vs the llm.c baseline. */
function scaleAnchors(rows: readonly RecordCompute[], t1: TrackHeadline, options: AnalysisOptions): { params: ScaleAnchor | null; flops: ScaleAnchor | null } {
  const base = baselineOf(rows, "track1", options);
  const latest = rows.filter((r) => r.track === "track1" && r !== base && r.tokensToTarget !== null).sort((a, b) => a.rowIndex - b.rowIndex).pop();
  if (!latest || t1.tokenRatio === null) return { params: null, flops: null };
  const label = `track-1 record ${latest.record} (${latest.date}) vs llm.c 124M, ${t1.tokenRatio.toPrecision(3)}x equal-loss tokens`;
  return {
    params: { x: Math.log10(TRACK_PARAMS.track1), multiplier: t1.tokenRatio, label },
    flops: latest.flopsToTarget !== null ? { x: Math.log10(latest.flopsToTarget), multiplier: t1.tokenRatio, label } : null,
  };
}

export function runAnalysis(input: AnalysisInput, options: RunAnalysisOptions = {}): AnalysisResults {
  const { onStep, onProgress, fitCurve, ...rest } = options;
  const o = resolveAnalysisOptions(rest);
  const step = onStep ?? (() => undefined);
  step("tokens, FLOPs and time to target per run");
  const runsToTarget = computeRunsToTarget(input, { ...o, fitCurve, onProgress });
  const recordCompute = computeRecordCompute(input.records, runsToTarget, o);
  step("multipliers and decomposition");
  const multipliers = computeMultipliers(recordCompute, o);
  const decomposition = decomposeSpeedup(recordCompute, o);
  const claims = checkClaims(recordCompute, decomposition, o);
  step("halving times");
  const halving = computeHalvingTimes(recordCompute);
  step("scale trend and extrapolation");
  const { points: scalePoints, missing: missingScalePoints } = buildScalePoints({ recordCompute, records: input.records, runs: input.runs, evals: input.evals, targets: o.targets, recordRoles: o.recordRoles });
  const byParams = fitScaleTrend(scalePoints, "params");
  const byFlops = fitScaleTrend(scalePoints, "flops");
  const byParamsLog = fitScaleTrend(scalePoints, "params", "log");
  const byFlopsLog = fitScaleTrend(scalePoints, "flops", "log");
  const headlines = ["track1", "track2", "nanochat"].map((t) => trackHeadline(t, recordCompute, o));
  const anchors = scaleAnchors(recordCompute, headlines[0], o);
  const extrapolation = [
    ...extrapolateScale(byParams.fit, anchors.params, "params", o.extrapolation.params),
    ...extrapolateScale(byFlops.fit, anchors.flops, "flops", o.extrapolation.flops),
    ...extrapolateScale(byParamsLog.fit, anchors.params, "params", o.extrapolation.params),
    ...extrapolateScale(byFlopsLog.fit, anchors.flops, "flops", o.extrapolation.flops),
  ];
  const hindcasts = [
    hindcastHalving(recordCompute, "track1", o.hindcastCutoff),
    hindcastScale(scalePoints, "loglog"),
    hindcastScale(scalePoints, "log"),
  ];
  const scaleFits = [byParams.summary, byFlops.summary, byParamsLog.summary, byFlopsLog.summary];
  const envelope = extrapolationEnvelope(extrapolation, scaleFits);
  step("frontier claims");
  const { rows: frontier, figures: frontierFigures } = frontierClaims((flops) => extrapolationEnvelope([
    ...extrapolateScale(byFlops.fit, anchors.flops, "flops", [flops]), ...extrapolateScale(byFlopsLog.fit, anchors.flops, "flops", [flops]),
  ], scaleFits)[0]);
  const verdict = scaleVerdict(scalePoints, envelope, scaleFits);
  return {
    runsToTarget, recordCompute, multipliers, decomposition, claims, halving, hindcasts, scalePoints, missingScalePoints,
    scaleFits, extrapolation, extrapolationEnvelope: envelope, frontier, frontierFigures, headlines, verdict,
  };
}

function headlineJson(h: TrackHeadline) {
  return {
    time_ratio: h.timeRatio, token_ratio: h.tokenRatio, equal_loss_time_ratio: h.equalLossTimeRatio, flops_ratio: h.flopsRatio,
    baseline_tokens_to_target: h.baselineTokensToTarget, latest_tokens_to_target: h.latestTokensToTarget,
    latest_record: h.latestRecord, latest_date: h.latestDate, lower_bound: h.lowerBound, note: h.note,
  };
}

/** What a reader must know about each track's headline halving time. */
const HALVING_NOTES: Readonly<Record<string, string>> = {
  track1: "record-setting rows of the README table, baseline included; pace fell from ~2 months before 2025-01-13 to ~10 after (halving_time_all)",
  track2: "the llm.c baseline (2024-05) to the first speedrun record (2025-01) dominates; without it the halving time is much longer (halving_time_all)",
  nanochat: "6 rows over 6 weeks (2026-01-29 to 2026-03-14), including a dataset change (ClimbMix): not a long-run rate; GPT-2 2019 row has no full date",
};

function extrapolationJson(e: ExtrapolationRow) {
  return {
    ...(e.axis === "params" ? { params: e.params } : { flops: e.flops }), multiplier: e.multiplier, lo: e.lo, hi: e.hi,
    band_lo: e.bandLo, band_hi: e.bandHi, anchor_multiplier: e.anchorMultiplier, retention: e.retention,
    extrapolated: e.extrapolated, model: e.model, note: e.reason,
  };
}

/** A headline row: lo/hi = the envelope (summary.extrapolation_interval says how), its components alongside. */
function envelopeJson(e: ExtrapolationEnvelopeRow) {
  return {
    ...(e.axis === "params" ? { params: e.params } : { flops: e.flops }), multiplier: e.multiplier, lo: e.envelopeLo, hi: e.envelopeHi,
    interval: "envelope", lo_from: e.envelopeLoFrom, hi_from: e.envelopeHiFrom, capped_at_anchor: e.cappedAtAnchor,
    lo_below_one: e.envelopeLo !== null && e.envelopeLo < 1,
    pi_lo: e.lo, pi_hi: e.hi, band_lo: e.bandLo, band_hi: e.bandHi,
    central_log_model: e.centralLogModel, band_lo_log_model: e.bandLoLogModel, band_hi_log_model: e.bandHiLogModel,
    pi_lo_log_model: e.piLoLogModel, pi_hi_log_model: e.piHiLogModel,
    anchor_multiplier: e.anchorMultiplier, retention: e.retention, extrapolated: e.extrapolated, model: e.model, note: e.reason,
  };
}

function envelopeAtJson(e: EnvelopeAt | null) {
  return e === null ? null : {
    axis: e.axis, at: e.at, multiplier: e.multiplier, lo: e.lo, hi: e.hi, lo_from: e.loFrom, hi_from: e.hiFrom,
    central_log_model: e.centralLogModel, fate: e.fate,
  };
}

/** The summary.json object (before rounding). */
export function buildSummary(r: AnalysisResults): Record<string, unknown> {
  const halvingMain: Record<string, unknown> = {};
  for (const h of r.halving.filter((x) => x.metric === "record_time" && x.variant === "all"))
    halvingMain[h.track] = {
      estimate: h.halvingMonths.estimate, lo: h.halvingMonths.lo, hi: h.halvingMonths.hi,
      note: [h.halvingMonths.note || h.reason, HALVING_NOTES[h.track] ?? ""].filter(Boolean).join("; "),
      n: h.n, first_date: h.firstDate, last_date: h.lastDate,
    };
  halvingMain.ho_et_al = { estimate: HO_ET_AL_HALVING_MONTHS.estimate, lo: HO_ET_AL_HALVING_MONTHS.lo, hi: HO_ET_AL_HALVING_MONTHS.hi, label: "Ho et al. 2024, language models", note: "Ho et al. 2024, arXiv:2403.05812, 95% CI" };
  const summary: Record<string, unknown> = {};
  for (const h of r.headlines) summary[h.track] = headlineJson(h);
  Object.assign(summary, {
    halving_time_months: halvingMain,
    halving_time_all: r.halving.map((h) => ({ track: h.track, metric: h.metric, variant: h.variant, n: h.n, estimate: h.halvingMonths.estimate, lo: h.halvingMonths.lo, hi: h.halvingMonths.hi, note: h.halvingMonths.note || h.reason })),
    multiplier_by_scale: r.scalePoints.map((p) => ({
      id: p.id, params: p.params, flops: p.flops, multiplier: p.multiplier, lo: p.lo, hi: p.hi, source: p.source, metric: p.metric,
      vintage: p.vintage, baseline: p.baseline, comparable: p.comparable, pair: p.pair, in_fit: p.inFit, lower_bound: p.lowerBound, caveat: p.caveat,
    })),
    missing_scale_points: r.missingScalePoints,
    scale_fit: r.scaleFits.map((f) => ({ axis: f.axis, model: f.model, n: f.n, pairs: f.pairs, dof: f.dof, ln_slope_per_decade: f.slopePerDecade, lo: f.slopeLo, hi: f.slopeHi, pair_slopes: f.pairSlopes, residual_sd: f.residualSd, x_min: f.xMin, x_max: f.xMax, note: f.reason })),
    extrapolation: r.extrapolationEnvelope.map(envelopeJson),
    extrapolation_interval: ENVELOPE_RULE,
    extrapolation_sensitivity_log_model: r.extrapolation.filter((e) => e.model === "log").map(extrapolationJson),
    hindcast: r.hindcasts.map((h) => ({ kind: h.kind, description: h.description, cutoff: h.cutoff, n_fit: h.nFit, n_scored: h.nScored, mean_abs_log10_error: h.meanAbsLog10Error, median_ratio_predicted_over_actual: h.medianRatio, coverage_95: h.coverage, note: h.reason })),
    decomposition_latest: r.headlines.map((h) => {
      const d = r.decomposition.filter((x) => x.track === h.track && x.against === "baseline").sort((a, b) => a.rowIndex - b.rowIndex).pop();
      return d ? { track: d.track, record: d.record, date: d.date, speedup: d.speedup, token_factor: d.tokenFactor, tokens_per_second_factor: d.tokensPerSecondFactor, token_share: d.tokenShare, tokens_per_second_share: d.tokensPerSecondShare, note: d.reason } : { track: h.track, note: "no row with tokens and times" };
    }),
    claims: r.claims,
    frontier: r.frontier,
    frontier_verdict: frontierVerdict(r.frontier),
    frontier_figures: r.frontierFigures,
    verdict: r.verdict.sentence,
    verdict_detail: {
      trend: r.verdict.trend, fate_at_largest: r.verdict.fateAtLargest, certainty: r.verdict.certainty, rules: r.verdict.detail.rules,
      pairs: r.verdict.detail.pairs.map((p) => ({
        pair: p.pair, small_params: p.smallParams, small_multiplier: p.smallMultiplier, small_lower_bound: p.smallLowerBound,
        large_params: p.largeParams, large_multiplier: p.largeMultiplier, large_lower_bound: p.largeLowerBound,
      })),
      at_largest_budget: envelopeAtJson(r.verdict.detail.atLargestBudget), at_largest_params: envelopeAtJson(r.verdict.detail.atLargestParams),
      text: r.verdict.detail.text,
    },
    assumptions: {
      gpt4: GPT4_ASSUMED, hardware_price_performance_gain: HARDWARE_PRICE_PERFORMANCE_GAIN, deepseek_v3: DEEPSEEK_V3, yi_lightning: YI_LIGHTNING,
      chinchilla_law_for_claims: CHINCHILLA_EPOCH, flops_params: "6 N D with N = non-embedding parameters from the run's log (per-record tables); scale points use the nominal model size (124M, 350M, 1.55B)",
    },
  });
  return summary;
}

/** Every output file as name -> content, byte-stable. Non-finite numbers are nulled and listed in summary.warnings. */
export function resultFiles(r: AnalysisResults): Record<string, string> {
  const problems: string[] = [];
  const summary = sanitize(buildSummary(r), problems) as Record<string, unknown>;
  const curveCols = (curve: CurveFit | null) => ({ curveE: curve?.E ?? null, curveA: curve?.A ?? null, curveAlpha: curve?.alpha ?? null, curveStatus: curve?.status ?? null, curveReason: curve?.reason ?? null });
  const runs = r.runsToTarget.map(({ curve, ...rest }) => ({ ...rest, ...curveCols(curve) }));
  const records = r.recordCompute.map(({ curve, ...rest }) => ({ ...rest, ...curveCols(curve) }));
  const tables: Record<string, readonly object[]> = {
    "runs_to_target.csv": runs,
    "record_compute.csv": records,
    "multipliers.csv": r.multipliers,
    "decomposition.csv": r.decomposition,
    "halving_time.csv": r.halving,
    "hindcast.csv": r.hindcasts,
    "scale_points.csv": r.scalePoints,
    "extrapolation.csv": r.extrapolation,
    "extrapolation_envelope.csv": r.extrapolationEnvelope,
    "frontier.csv": r.frontier,
  };
  const files: Record<string, string> = {};
  for (const [name, rows] of Object.entries(tables)) files[name] = toCsv(sanitize(rows, problems) as object[]);
  summary.warnings = problems;
  files["summary.json"] = stableJson(summary);
  return files;
}
