// Builds results/summary.json (the `Summary` of summary.ts) from the analysis results: the headline numbers, each
// once, every interval with its kind. The tables behind them are the CSV files (resultFiles.ts); the sentences that
// explain them are the pages' (src/publish) and the reference's (summaryReference.ts).
import type { AnalysisResults, TrackHeadline } from "../analysis/runAnalysis";
import {
  CHINCHILLA_EPOCH,
  DEEPSEEK_V3,
  GPT4_ASSUMED,
  HARDWARE_PRICE_PERFORMANCE_GAIN,
  YI_LIGHTNING,
} from "../analysis/constants";
import { RATE_ANCHORS, track1TableUntil } from "../analysis/progress/rateAnchors";
import { forecastWinners } from "../analysis/progress/rollingForecast";
import type { Interval } from "../analysis/types";
import { scaleStageJson } from "../scale/scaleStage";
import {
  bounded,
  measuredRatio,
  type Bounded,
  type HalvingSummary,
  type HalvingTrack,
  type IntervalKind,
  type SegmentedSummary,
  type Summary,
  type TrackSummary,
} from "./summary";

/** An analysis interval {estimate, lo, hi} as a bounded value of `kind`. */
function fromInterval(
  i: Interval | { estimate: number | null; lo: number | null; hi: number | null },
  kind: IntervalKind,
): Bounded {
  return bounded(i.estimate, i.lo, i.hi, kind);
}

function trackSummary(h: TrackHeadline): TrackSummary {
  return {
    latest_record: h.latestRecord,
    latest_date: h.latestDate,
    // Equal loss only: nanochat's leaderboard times (no val-loss target) are readme_time_ratio.
    time_ratio: measuredRatio(h.equalLossTimeRatio, h.ratioBound),
    readme_time_ratio: h.readmeTimeRatio,
    token_ratio: measuredRatio(h.tokenRatio, h.ratioBound),
    flops_ratio: measuredRatio(h.flopsRatio, h.ratioBound),
    token_record: h.tokenRecord,
    flops_record: h.flopsRecord,
    baseline_tokens_to_target: h.baselineTokensToTarget,
    latest_tokens_to_target: h.latestTokensToTarget,
    baseline_crossing_fraction: h.baselineCrossingFraction,
    latest_crossing_fraction: h.latestCrossingFraction,
  };
}

const HALVING_TRACKS: readonly HalvingTrack[] = ["track1", "track2", "track3", "nanochat"];

/** Halving time of the record time per track: Newey-West where the robust rates exist, the OLS fit otherwise. */
function halvingTimes(r: AnalysisResults): Record<HalvingTrack, HalvingSummary | null> {
  const out = {} as Record<HalvingTrack, HalvingSummary | null>;
  for (const track of HALVING_TRACKS) {
    const h = r.halving.find((x) => x.track === track && x.metric === "record_time" && x.variant === "all");
    const robust = r.rates.find((x) => x.track === track && x.metric === "record_time");
    if (robust && robust.estimate !== null)
      out[track] = {
        months: bounded(robust.estimate, robust.lo, robust.hi, "newey_west"),
        ols_interval: bounded(null, robust.olsLo, robust.olsHi, "ols"),
        n: robust.n,
        first_date: robust.firstDate,
        last_date: robust.lastDate,
      };
    else if (h)
      out[track] = {
        months: fromInterval(h.halvingMonths, "ols"),
        ols_interval: null,
        n: h.n,
        first_date: h.firstDate,
        last_date: h.lastDate,
      };
    else out[track] = null;
  }
  return out;
}

function segmented(r: AnalysisResults, track: string): SegmentedSummary | null {
  const x = r.rates.find((q) => q.track === track && q.metric === "record_time");
  if (!x) return null;
  return {
    break_date: bounded(x.breakDate, x.breakLo, x.breakHi, "profile_likelihood"),
    before_months: x.beforeMonths,
    after_months: x.afterMonths,
    preferred: x.preferred,
    bic_single: x.bicSingle,
    bic_segmented: x.bicSegmented,
    edge: x.reason.includes("edge of the search range"),
  };
}

/** Rows of data_issues.csv by kind, kinds in alphabetical order. */
function issueCounts(r: AnalysisResults): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of [...new Set(r.dataIssues.map((i) => i.kind))].sort())
    counts[kind] = r.dataIssues.filter((i) => i.kind === kind).length;
  return counts;
}

/** The summary.json object (before rounding). */
export function buildSummary(r: AnalysisResults): Summary {
  const track = (id: string) => {
    const h = r.headlines.find((x) => x.track === id);
    if (!h) throw new Error(`buildSummary: the analysis has no headline for ${id}`);
    return trackSummary(h);
  };
  return {
    track1: track("track1"),
    track2: track("track2"),
    nanochat: track("nanochat"),
    halving_time_months: halvingTimes(r),
    segmented: { track1: segmented(r, "track1"), track2: segmented(r, "track2") },
    rate_anchors: RATE_ANCHORS.map((a) => {
      const mine = a.track1Until ? track1TableUntil(r.recordCompute, a.track1Until) : null;
      return {
        id: a.id,
        label: a.label,
        halving_months: bounded(a.halvingMonths, a.lo, a.hi, a.lo === null && a.hi === null ? "point" : "published"),
        quantity: a.quantity,
        source: a.source,
        this_project:
          mine && a.track1Until
            ? {
                until: a.track1Until,
                record_rows_after_baseline: mine.rows,
                best_time_s: mine.bestTimeS,
                readme_time_ratio: mine.readmeTimeRatio,
              }
            : null,
      };
    }),
    forecast_scores: r.forecastScores.map((f) => ({
      track: f.series,
      method: f.method,
      horizon_months: f.horizonMonths,
      mean_abs_log10_error: f.meanAbsLog10Error,
      coverage_95: f.coverage95,
      n: f.n,
    })),
    forecast_winners: forecastWinners(r.forecastScores).map((w) => ({
      track: w.series,
      horizon_months: w.horizonMonths,
      winner: w.winner,
      exponential_beats_persistence: w.exponentialBeatsPersistence,
    })),
    attribution: r.attribution.map((a) => ({
      track: a.track,
      scope: a.scope,
      category: a.category,
      time_factor: bounded(a.timeFactor, a.timeLo, a.timeHi, "bootstrap"),
      token_factor: bounded(a.tokenFactor, a.tokenLo, a.tokenHi, "bootstrap"),
      flops_factor: bounded(a.flopsFactor, a.flopsLo, a.flopsHi, "bootstrap"),
      records: a.records,
      steps: a.steps,
      lower_bound: a.lowerBound,
    })),
    data_issue_counts: issueCounts(r),
    hindcast: r.hindcasts.map((h) => ({
      kind: h.kind,
      cutoff: h.cutoff,
      n_fit: h.nFit,
      n_scored: h.nScored,
      mean_abs_log10_error: h.meanAbsLog10Error,
      median_ratio_predicted_over_actual: h.medianRatio,
      coverage_95: h.coverage,
    })),
    decomposition_latest: r.headlines.map((h) => {
      const d = r.decomposition
        .filter((x) => x.track === h.track && x.against === "baseline")
        .sort((a, b) => a.rowIndex - b.rowIndex)
        .pop();
      return {
        track: h.track,
        record: d?.record ?? null,
        date: d?.date ?? null,
        tokens_per_second_factor: d?.tokensPerSecondFactor ?? null,
        token_share: d?.tokenShare ?? null,
        tokens_per_second_share: d?.tokensPerSecondShare ?? null,
      };
    }),
    claims: r.claims,
    frontier: r.frontier.map((f) => ({
      claim: f.claim,
      implied_multiplier:
        f.impliedMultiplier.lo === f.impliedMultiplier.hi
          ? bounded(f.impliedMultiplier.estimate, null, null, "point")
          : fromInterval(f.impliedMultiplier, "propagated"),
      months_since_reference: f.monthsSinceReference,
      ho_et_al_expected: fromInterval(f.hoEtAlExpected, "propagated"),
      speedrun_extrapolated: fromInterval(f.speedrunExtrapolated, "prediction"),
      within_ho: f.withinHo,
      within_speedrun: f.withinSpeedrun,
    })),
    frontier_figures: {
      deepseek_flops: r.frontierFigures.deepseekFlops,
      deepseek_cost_usd: r.frontierFigures.deepseekCostUsd,
      deepseek_utilisation: r.frontierFigures.deepseekUtilisation,
      yi_flops_estimate: r.frontierFigures.yiFlopsEstimate,
    },
    assumptions: {
      gpt4: { date: GPT4_ASSUMED.date, flops: GPT4_ASSUMED.flops },
      hardware_price_performance_gain: fromInterval(HARDWARE_PRICE_PERFORMANCE_GAIN, "published"),
      deepseek_v3: {
        date: DEEPSEEK_V3.date,
        active_params: DEEPSEEK_V3.activeParams,
        tokens: DEEPSEEK_V3.tokens,
        gpu_hours: DEEPSEEK_V3.gpuHours,
        usd_per_gpu_hour: DEEPSEEK_V3.usdPerGpuHour,
        claimed_cost_usd: DEEPSEEK_V3.claimedCostUsd,
      },
      yi_lightning: {
        date: YI_LIGHTNING.date,
        claimed_cost_usd: YI_LIGHTNING.claimedCostUsd,
        gpt4_cost_usd: bounded(null, YI_LIGHTNING.gpt4CostUsdLo, YI_LIGHTNING.gpt4CostUsdHi, "published"),
      },
      chinchilla_law_for_claims: { ...CHINCHILLA_EPOCH },
    },
    ...scaleStageJson(r.scaleDependence),
    warnings: [],
  };
}
