// Chains the six analyses on the embedded dataset; src/results turns their results into results/ (summary.json and the
// CSV tables).
// Pure: inputs in, results out; reading data/ and writing results/ is src/cli/main.ts's job.
import { baselineOf, resolveAnalysisOptions, type AnalysisOptions } from "./analysisOptions";
import {
  attributeByCategory,
  attributionSteps,
  type AttributionRow,
  type AttributionStep,
} from "./attribution/attribution";
import { checkClaims, FOURTEEN_X_DATE } from "./claims/checkClaims";
import { collectDataIssues } from "./dataIssues";
import type { DataIssue } from "./inputs";
import { computeProgressRates, type ProgressRate } from "./progress/progressRates";
import { COMMENTER_CLAIM, rejudgeCommenterSplit } from "./claims/rejudgeClaims";
import { rollingForecastScores, type ForecastScore } from "./progress/rollingForecast";
import { computeMultipliers } from "./compute/computeMultipliers";
import { decomposeSpeedup } from "./attribution/decomposeSpeedup";
import { frontierClaims, type FrontierFigures } from "./claims/frontierClaims";
import { computeHalvingTimes, frontierRows, hindcastHalving } from "./progress/halvingTime";
import type { AnalysisInput } from "./analysisInput";
import { computeRecordCompute, computeRunsToTarget, type RecordComputeOptions } from "./compute/recordCompute";
import { measureTransferPairs, type TransferCurvePoint } from "../scale/measureTransferPairs";
import { recipeAt, scaleStage, type RecipeAnchor, type ScaleStage } from "../scale/scaleStage";
import { reproductionFlags, type ReproductionRow } from "./compute/reproductionFlags";
import { median, ratio } from "../math/stats";
import { memoryStageStore, stage, storedCurveFitter, type StageStore } from "./stages";
import { availableParallelism } from "node:os";
import type { TransferMeasurement } from "../types";
import type {
  ClaimCheck,
  CurveFit,
  CurveFitter,
  DecompositionRow,
  FrontierClaimRow,
  HalvingTimeRow,
  HindcastRow,
  MultiplierRow,
  RecordCompute,
  RunToTarget,
} from "./types";

/** The analysis options (analysisOptions.ts; defaults = `npm start`'s) plus the progress and curve-fitter hooks. */
export interface RunAnalysisOptions extends RecordComputeOptions {
  readonly onStep?: (name: string) => void;
  /**
   * Where stage results are kept between runs (stages.ts): a stage whose inputs and options are unchanged is reused,
   * not recomputed. Default: a store for this call only (the curve fits still run at once on `threads` threads).
   */
  readonly stages?: StageStore;
  /** Threads for the per-run curve fits (the calling one included; default: the cores, at most 2). */
  readonly threads?: number;
}

/** A fit result that is never used: what the first, fit-free pass over the runs gets back while it lists the curves. */
const LISTING_ONLY: CurveFit = { E: 0, A: 0, alpha: 0, status: "failed", reason: "listing the curves to fit", n: 0 };

/**
 * The curve fitter of the per-run stage: `fitCurve` if the caller gave one; otherwise every curve the runs will ask
 * for is listed in a pass without fits, fitted at once over `threads` threads (fitBatch, both cores) and kept in the
 * stage store under its points and the fit settings, so a changed target refits none.
 */
function curveStage(
  input: AnalysisInput,
  o: AnalysisOptions,
  fitCurve: CurveFitter | undefined,
  stages: StageStore,
  threads: number,
): CurveFitter | undefined {
  if (fitCurve !== undefined || o.curveFit.scope === "none") return fitCurve;
  const curves: (readonly [readonly number[], readonly number[]])[] = [];
  computeRunsToTarget(input, { ...o, fitCurve: (tokens, loss) => (curves.push([tokens, loss]), LISTING_ONLY) });
  const stored = storedCurveFitter(o.curveFit, stages, threads);
  stored.prefetch(curves);
  return stored.fitter;
}

export interface TrackHeadline {
  readonly track: string;
  readonly baselineRecord: number | null;
  readonly latestRecord: number | null;
  readonly latestDate: string | null;
  /** Equal-loss time ratio: the baseline's time at its first (interpolated) crossing of the target over the latest
   * record's time to target (the same as equalLossTimeRatio; the headline since issue 10). */
  readonly timeRatio: number | null;
  /** README-table times: the baseline's full run (past the target) over the latest record's. Not at equal loss. */
  readonly readmeTimeRatio: number | null;
  /** Equal-loss tokens: baseline's tokens at its crossing of the target / the latest record's. */
  readonly tokenRatio: number | null;
  /** The record rows the token and FLOPs ratios use (the latest row with a log / with FLOPs per token). */
  readonly tokenRecord: number | null;
  readonly flopsRecord: number | null;
  readonly equalLossTimeRatio: number | null;
  readonly flopsRatio: number | null;
  readonly baselineTokensToTarget: number | null;
  readonly latestTokensToTarget: number | null;
  /** Where on its own schedule each side reaches the target: tokens to target / the run's total tokens. */
  readonly baselineCrossingFraction: number | null;
  readonly latestCrossingFraction: number | null;
  /** What the equal-loss ratios (tokens, time, FLOPs) can claim, by the transfer catalogue's rule (see ratioBound). */
  readonly ratioBound: RatioBound;
  /** Why the ratios are bounds, a short phrase per side that makes them one (empty for an estimate). */
  readonly boundReasons: readonly string[];
  /** ratioBound === "lower" (kept for the summary's lower_bound). */
  readonly lowerBound: boolean;
  readonly note: string;
}

/**
 * "estimate", or a one-sided bound, or "unbounded" (the sides bound it in opposite directions: not identified). The
 * rule is the transfer catalogue's (measureTransferPairs.ts, options.transfer.endFraction): a side that never reaches
 * the target has spent at least its whole run; a side that reaches it before `endFraction` of its run, mid-schedule,
 * has spent at most that, as a schedule ending there would have cooled down and reached the target no later.
 */
export type RatioBound = "estimate" | "lower" | "upper" | "unbounded";

/** The ratio baseline / treatment from what each side's crossing can claim. */
export function ratioBoundOf(
  baseline: "point" | "at_least" | "at_most",
  treatment: "point" | "at_least" | "at_most",
): RatioBound {
  const up = baseline === "at_most" || treatment === "at_least";
  const down = baseline === "at_least" || treatment === "at_most";
  return up && down ? "unbounded" : up ? "upper" : down ? "lower" : "estimate";
}

/**
 * A row's tokens to target as a share of its own runs' (roles the row aggregates) median total tokens; null without
 * both.
 */
function crossingFraction(
  row: RecordCompute | null,
  runs: readonly RunToTarget[],
  roles: readonly string[],
): number | null {
  if (!row || row.tokensToTarget === null) return null;
  const total = median(
    runs
      .filter(
        (r) => r.track === row.track && r.rowIndex === row.rowIndex && roles.includes(r.role) && r.totalTokens !== null,
      )
      .map((r) => r.totalTokens as number),
  );
  return total === null ? null : row.tokensToTarget / total;
}

export interface AnalysisResults {
  readonly runsToTarget: readonly RunToTarget[];
  readonly recordCompute: readonly RecordCompute[];
  readonly multipliers: readonly MultiplierRow[];
  readonly decomposition: readonly DecompositionRow[];
  readonly claims: readonly ClaimCheck[];
  readonly halving: readonly HalvingTimeRow[];
  readonly hindcasts: readonly HindcastRow[];
  readonly frontier: readonly FrontierClaimRow[];
  readonly frontierFigures: FrontierFigures;
  readonly headlines: readonly TrackHeadline[];
  /**
   * Halving times with Newey-West and OLS intervals and the segmented trend, per track and metric (progressRates.ts).
   */
  readonly rates: readonly ProgressRate[];
  /** Rolling-origin scores of the exponential trend, persistence and a random walk with drift (rollingForecast.ts). */
  readonly forecastScores: readonly ForecastScore[];
  /** Chained equal-loss factors by kind of change, per track, over all records and (track 1) up to 2025-01-13. */
  readonly attribution: readonly (AttributionRow & { readonly scope: string })[];
  readonly attributionSteps: readonly AttributionStep[];
  readonly dataIssues: readonly DataIssue[];
  /** Measurements the scale model fits from the logs (the transfer catalogue's). */
  readonly transferLogs: readonly TransferMeasurement[];
  /** The cross-scale answer (src/scale/scaleStage.ts): the scale model, its extrapolation and the verdict. */
  readonly scaleDependence: ScaleStage;
  /** Cross-scale transfer measurements, one per catalogue row (input.transferPairs); empty without a catalogue. */
  readonly transferPairs: readonly TransferMeasurement[];
  /** Each measurement's M(L) curve. */
  readonly transferCurves: readonly TransferCurvePoint[];
  /** Record rows with reruns: how many of their own runs miss the target; flagged when most do. */
  readonly reproduction: readonly ReproductionRow[];
}

function trackHeadline(
  track: string,
  rows: readonly RecordCompute[],
  runs: readonly RunToTarget[],
  options: AnalysisOptions,
): TrackHeadline {
  const mine = rows.filter((r) => r.track === track).sort((a, b) => a.rowIndex - b.rowIndex);
  const base = baselineOf(mine, track, options);
  const timed = mine.filter((r) => r.recordTimeS !== null);
  const latest = timed.length > 1 ? timed[timed.length - 1] : null;
  const withTokens = mine.filter((r) => r.tokensToTarget !== null && r !== base);
  const latestTok = withTokens[withTokens.length - 1] ?? null;
  // FLOPs: each run's own flops_per_token x tokens; the latest rows' scripts (2026 MUDD layouts) have no counted shape.
  const withFlops = withTokens.filter((r) => r.flopsToTarget !== null);
  const latestFlops = withFlops[withFlops.length - 1] ?? null;
  const notes: string[] = [];
  if (latestTok && latest && latestTok.rowIndex !== latest.rowIndex)
    notes.push(`token ratio uses row ${latestTok.record} (latest row with a log)`);
  if (latestFlops && latestTok && latestFlops.rowIndex !== latestTok.rowIndex)
    notes.push(`FLOPs ratio uses row ${latestFlops.record} (latest row whose runs have flops_per_token)`);
  const baseFraction = crossingFraction(base, runs, options.recordRoles);
  const latestFraction = crossingFraction(latestTok, runs, options.recordRoles);
  const end = options.transfer.endFraction;
  // Mid-schedule: the target reached before `end` of the run (the rule ratioBound's doc gives).
  const midSchedule = (fraction: number | null): fraction is number => fraction !== null && fraction < end;
  const side = (row: RecordCompute | null, fraction: number | null) =>
    row?.lowerBound ? "at_least" : midSchedule(fraction) ? "at_most" : "point";
  const bound = latestTok ? ratioBoundOf(side(base, baseFraction), side(latestTok, latestFraction)) : "estimate";
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const reasons: string[] = [];
  if (latestTok) {
    const reason = (who: string, row: RecordCompute | null, fraction: number | null) =>
      row?.lowerBound
        ? `${who} never reaches the target`
        : midSchedule(fraction)
          ? `${who} reaches the target at ${pct(fraction)} of its run, before its schedule ends`
          : null;
    for (const r of [
      reason("the baseline", base, baseFraction),
      reason(`record ${latestTok.record}`, latestTok, latestFraction),
    ])
      if (r) reasons.push(r);
  }
  if (base?.lowerBound) notes.push("baseline never reaches the target: ratios are lower bounds");
  else if (midSchedule(baseFraction))
    notes.push(
      `the baseline reaches the target at ${pct(baseFraction)} of its run, before the end of its ` +
        `schedule (${end} of the run, the transfer catalogue's rule): a schedule ending there would have cooled ` +
        `down and reached the target no later, so the ratios are upper bounds`,
    );
  if (midSchedule(latestFraction))
    notes.push(
      `record ${latestTok?.record} reaches the target at ${pct(latestFraction)} of its run: a lower bound on its side`,
    );
  if (base?.method === "extrapolated_fit") notes.push("baseline tokens-to-target extrapolated from its fitted curve");
  if (track === "nanochat")
    notes.push(
      "row 0 is GPT-2 (2019) on 32 TPU v3: time ratio mixes hardware and algorithms; no val-loss target, so " +
        "time_ratio is the leaderboard's time ratio",
    );
  if (base?.timeToTargetS !== base?.recordTimeS && track !== "nanochat")
    notes.push(
      "time_ratio at equal loss: the baseline's time charged up to its interpolated crossing of the target (its " +
        "log has no timing: table time x tokens to target / total tokens); readme_time_ratio divides the full " +
        "runs' table times",
    );
  return {
    track,
    baselineRecord: base?.record ?? null,
    latestRecord: latest?.record ?? null,
    latestDate: latest?.date ?? null,
    timeRatio:
      ratio(base?.timeToTargetS, latestTok?.timeToTargetS) ??
      (track === "nanochat" ? ratio(base?.recordTimeS, latest?.recordTimeS) : null),
    readmeTimeRatio: ratio(base?.recordTimeS, latest?.recordTimeS),
    tokenRatio: ratio(base?.tokensToTarget, latestTok?.tokensToTarget),
    tokenRecord: latestTok?.record ?? null,
    flopsRecord: latestFlops?.record ?? null,
    equalLossTimeRatio: ratio(base?.timeToTargetS, latestTok?.timeToTargetS),
    flopsRatio: ratio(base?.flopsToTarget, latestFlops?.flopsToTarget),
    baselineTokensToTarget: base?.tokensToTarget ?? null,
    latestTokensToTarget: latestTok?.tokensToTarget ?? null,
    baselineCrossingFraction: baseFraction,
    latestCrossingFraction: latestFraction,
    ratioBound: bound,
    boundReasons: reasons,
    lowerBound: bound === "lower",
    note: notes.join("; "),
  };
}

/**
 * Today's whole recipe at 124M for the scale model: the latest track-1 record with FLOPs, its FLOPs (else token) ratio;
 * a bound carried as one, none when the ratio is not identified.
 */
function recipeAnchor(rows: readonly RecordCompute[], t1: TrackHeadline): RecipeAnchor | null {
  const latest = rows
    .filter((r) => r.track === "track1" && r.rowIndex > 0 && r.flopsToTarget !== null)
    .sort((a, b) => a.rowIndex - b.rowIndex)
    .pop();
  const m = t1.flopsRatio ?? t1.tokenRatio;
  // A ratio bounded in opposite directions is not identified: nothing is carried from it.
  if (!latest || m === null || t1.ratioBound === "unbounded") return null;
  const bound = t1.ratioBound === "lower" || t1.ratioBound === "upper" ? t1.ratioBound : undefined;
  return {
    label:
      `track-1 record ${latest.record} (${latest.date}) vs llm.c 124M, ` +
      `${boundPrefix(t1.ratioBound)}${m.toPrecision(3)}x` +
      `${bound ? ` (${RATIO_BOUND_WORDS[bound]}: ${t1.boundReasons.join("; ")})` : ""}`,
    flops: latest.flopsToTarget as number,
    multiplier: m,
    logSd: null,
    ratio: t1.flopsRatio !== null ? "flops_ratio" : "token_ratio",
    ...(bound ? { bound } : {}),
  };
}

export function runAnalysis(input: AnalysisInput, options: RunAnalysisOptions = {}): AnalysisResults {
  const {
    onStep,
    onProgress,
    fitCurve,
    stages = memoryStageStore(),
    threads = Math.min(2, availableParallelism()),
    ...rest
  } = options;
  const o = resolveAnalysisOptions(rest);
  // A baseline row the data does not have fails here, naming the option and the rows there are, not after the work.
  for (const track of Object.keys(o.baselines)) baselineOf(input.records, track, o);
  const step = onStep ?? (() => undefined);
  step("tokens, FLOPs and time to target per run");
  const runsToTarget = computeRunsToTarget(input, {
    ...o,
    fitCurve: curveStage(input, o, fitCurve, stages, threads),
    onProgress,
  });
  const recordCompute = computeRecordCompute(input.records, runsToTarget, o);
  step("multipliers and decomposition");
  const multipliers = computeMultipliers(recordCompute, o);
  const decomposition = decomposeSpeedup(recordCompute, o);
  const checked = checkClaims(recordCompute, decomposition, o);
  step("halving times");
  const halving = computeHalvingTimes(recordCompute);
  const headlines = ["track1", "track2", "nanochat"].map((t) => trackHeadline(t, recordCompute, runsToTarget, o));
  const hindcasts = [hindcastHalving(recordCompute, "track1", o.hindcastCutoff)];
  step("rates, forecasts, attribution");
  const rates = computeProgressRates(recordCompute);
  const forecastScores = ["track1", "track2"].flatMap((t) =>
    rollingForecastScores(
      t,
      frontierRows(recordCompute, t).map((r) => ({ date: r.date as string, value: r.recordTimeS as number })),
      o.forecast,
    ),
  );
  const categories = input.categories ?? [];
  const boot = { bootstrap: o.attribution.resamples, seed: o.attribution.seed, roles: o.recordRoles };
  // Per track, keyed by that track's rows only: a changed track-1 target reuses track 2's bootstrap.
  const attributed = (track: string, opts: typeof boot & { untilDate?: string }) => {
    const rows = recordCompute.filter((r) => r.track === track);
    const runs = runsToTarget.filter((r) => r.track === track);
    return stage(stages, "attribution", { rows, runs, categories, track, opts }, () =>
      attributeByCategory(rows, runs, categories, track, opts),
    );
  };
  const attribution = categories.length
    ? [
        ...attributed("track1", boot).map((r) => ({ ...r, scope: "all records" })),
        ...attributed("track1", { ...boot, untilDate: FOURTEEN_X_DATE }).map((r) => ({
          ...r,
          scope: `up to ${FOURTEEN_X_DATE}`,
        })),
        ...attributed("track2", boot).map((r) => ({ ...r, scope: "all records" })),
      ]
    : [];
  const steps = categories.length
    ? ["track1", "track2"].flatMap((t) => attributionSteps(recordCompute, categories, t))
    : [];
  const oldSplit = checked.find((c) => c.claim === COMMENTER_CLAIM);
  const gain = oldSplit?.measured.compute_optimal_gain_epoch;
  const claims = checked.map((c) =>
    c.claim === COMMENTER_CLAIM && categories.length
      ? rejudgeCommenterSplit(
          attribution.filter((a) => a.track === "track1" && a.scope === `up to ${FOURTEEN_X_DATE}`),
          typeof gain === "number" ? gain : null,
        )
      : c,
  );
  const dataIssues = collectDataIssues(input, recordCompute);
  step("cross-scale transfer pairs");
  const transfer = measureTransferPairs(input, input.transferPairs ?? [], o.transfer);
  step("scale model");
  const transferLogs = transfer.measurements;
  const anchorToday = recipeAnchor(recordCompute, headlines[0]);
  const scaleInputs = { logs: transferLogs, literature: input.literatureTransfer ?? [], recipeAnchor: anchorToday };
  const dependence = stage(stages, "scale model", { scaleInputs, options: o.scaleModel }, () =>
    scaleStage(scaleInputs, o.scaleModel),
  );
  step("frontier claims");
  const { rows: frontier, figures: frontierFigures } = frontierClaims((flops) => {
    const row = recipeAt(dependence, flops);
    return row && (row.lo !== null || row.hi !== null)
      ? {
          estimate: row.multiplier,
          lo: row.lo,
          hi: row.hi,
          note:
            "scale model (src/scale), 95% " +
            (row.bound === "upper"
              ? "upper limit: the 124M anchor is an upper bound"
              : row.bound === "lower"
                ? "lower limit: the 124M anchor is a lower bound"
                : "interval") +
            "; assumes ln M stays linear in log10 FLOPs",
        }
      : { estimate: null, lo: null, hi: null, note: row ? row.note : "no recipe anchor" };
  });
  return {
    transferPairs: transfer.measurements,
    transferCurves: transfer.curves,
    reproduction: reproductionFlags(input),
    rates,
    forecastScores,
    attribution,
    attributionSteps: steps,
    dataIssues,
    runsToTarget,
    recordCompute,
    multipliers,
    decomposition,
    claims,
    halving,
    hindcasts,
    frontier,
    frontierFigures,
    headlines,
    transferLogs,
    scaleDependence: dependence,
  };
}

/** "<=" / ">=" before a ratio that is a bound ("?" when not identified). */
export function boundPrefix(bound: RatioBound): string {
  return bound === "upper" ? "<=" : bound === "lower" ? ">=" : bound === "unbounded" ? "?" : "";
}

/** How the summary and the pages name a ratio's bound. */
const RATIO_BOUND_WORDS: Readonly<Record<RatioBound, string>> = {
  estimate: "estimate",
  lower: "lower bound",
  upper: "upper bound",
  unbounded: "not identified (bounded in opposite directions)",
};
