// The one description of results/summary.json: the analysis builds a `Summary` (buildSummary.ts), the index page, the
// README's answer, the headline chart, the notebooks and `summaryValues` read it through this type, and
// summaryReference.ts describes every field (unit, meaning, interval kind) beside it, checks a summary read from a
// file against that description and writes results/summary_reference.md. A renamed field is a compile error in every
// reader; a field added here without a description fails test/results/summary.test.ts.
//
// The summary holds the headline numbers, each once. Tables (every run, record, pair, rate, issue) are the CSV files
// beside it; sentences are written by the pages that show the numbers.

import type { ClaimCheck } from "../analysis/types";

/**
 * What an interval (or a bound) is. Every interval in the summary is a 95% one.
 * - point: a measured value with no interval (`estimate` only);
 * - lower_bound / upper_bound: a censored measurement: the value is at least `lower` / at most `upper` (a run that
 *   never reaches the target, or reaches it mid-schedule); `estimate` is null, a bound is never a point;
 * - not_identified: bounded in opposite directions by its two sides: nothing is claimed;
 * - newey_west: a confidence interval with Newey-West (autocorrelation-robust) standard errors;
 * - ols: a confidence interval with plain OLS standard errors (t distribution);
 * - bootstrap: a run-to-run bootstrap percentile interval;
 * - credible: a posterior interval of a model parameter (the scale model);
 * - prediction: a posterior predictive interval (the scale model's extrapolation); with only `upper` (or `lower`) it
 *   is a one-sided 95% limit and `estimate` is null;
 * - profile_likelihood: a profile-likelihood set (chi-square, 1 degree of freedom);
 * - published: the interval a cited source gives;
 * - propagated: a published interval carried through a formula (the reference says which).
 */
export type IntervalKind =
  | "point"
  | "lower_bound"
  | "upper_bound"
  | "not_identified"
  | "newey_west"
  | "ols"
  | "bootstrap"
  | "credible"
  | "prediction"
  | "profile_likelihood"
  | "published"
  | "propagated";

export const INTERVAL_KINDS: readonly IntervalKind[] = [
  "point",
  "lower_bound",
  "upper_bound",
  "not_identified",
  "newey_west",
  "ols",
  "bootstrap",
  "credible",
  "prediction",
  "profile_likelihood",
  "published",
  "propagated",
];

/** A value with its limits and what kind of interval (or bound) they are. Limits absent on a side are null. */
export interface Bounded<T = number> {
  readonly estimate: T | null;
  readonly lower: T | null;
  readonly upper: T | null;
  readonly kind: IntervalKind;
}

/** A bounded value from its parts. */
export function bounded<T = number>(
  estimate: T | null,
  lower: T | null,
  upper: T | null,
  kind: IntervalKind,
): Bounded<T> {
  return { estimate, lower, upper, kind };
}

/** A measured ratio that may only be a bound: a point keeps its value, a bound keeps only its side. */
export function measuredRatio(value: number | null, bound: "estimate" | "lower" | "upper" | "unbounded"): Bounded {
  if (bound === "lower") return bounded<number>(null, value, null, "lower_bound");
  if (bound === "upper") return bounded<number>(null, null, value, "upper_bound");
  if (bound === "unbounded") return bounded<number>(null, null, null, "not_identified");
  return bounded<number>(value, null, null, "point");
}

/** The number a reader shows for a bounded value: the estimate, else the one limit a bound has; null when none. */
export function shownValue(b: Bounded): number | null {
  return b.estimate ?? (b.kind === "lower_bound" ? b.lower : b.kind === "upper_bound" ? b.upper : null);
}

/** Today's record of a track against its 2024 baseline, at equal loss (the track's target). */
export interface TrackSummary {
  readonly latest_record: number | null;
  readonly latest_date: string | null;
  /** Equal-loss time ratio (nanochat: the leaderboard's time ratio). */
  readonly time_ratio: Bounded;
  /** README-table times, the baseline's full run past the target: not at equal loss. */
  readonly readme_time_ratio: number | null;
  readonly token_ratio: Bounded;
  readonly flops_ratio: Bounded;
  /** The record rows the token and FLOPs ratios use (the latest row with a log / with FLOPs per token). */
  readonly token_record: number | null;
  readonly flops_record: number | null;
  readonly baseline_tokens_to_target: number | null;
  readonly latest_tokens_to_target: number | null;
  readonly baseline_crossing_fraction: number | null;
  readonly latest_crossing_fraction: number | null;
}

export type HalvingTrack = "track1" | "track2" | "track3" | "nanochat";

export interface HalvingSummary {
  /** Months for the record time to halve: Newey-West interval (record tracks) or OLS (the others). */
  readonly months: Bounded;
  /** The same estimate's plain OLS interval, beside a Newey-West one (null when `months` is OLS already). */
  readonly ols_interval: Bounded | null;
  readonly n: number;
  readonly first_date: string | null;
  readonly last_date: string | null;
}

export interface SegmentedSummary {
  readonly break_date: Bounded<string>;
  readonly before_months: number | null;
  readonly after_months: number | null;
  readonly preferred: string | null;
  readonly bic_single: number | null;
  readonly bic_segmented: number | null;
  /** The break sits at the edge of the search range. */
  readonly edge: boolean;
}

export interface RateAnchorSummary {
  readonly id: string;
  readonly label: string;
  readonly halving_months: Bounded;
  readonly quantity: string;
  readonly source: string;
  readonly this_project: {
    readonly until: string;
    readonly record_rows_after_baseline: number;
    readonly best_time_s: number | null;
    readonly readme_time_ratio: number | null;
  } | null;
}

export interface ForecastScoreSummary {
  readonly track: string;
  readonly method: string;
  readonly horizon_months: number;
  readonly mean_abs_log10_error: number | null;
  readonly coverage_95: number | null;
  readonly n: number;
}

export interface ForecastWinnerSummary {
  readonly track: string;
  readonly horizon_months: number;
  readonly winner: string | null;
  readonly exponential_beats_persistence: boolean | null;
}

export interface AttributionSummary {
  readonly track: string;
  readonly scope: string;
  readonly category: string;
  readonly time_factor: Bounded;
  readonly token_factor: Bounded;
  readonly flops_factor: Bounded;
  readonly records: string;
  readonly steps: number;
  /** The factor is a lower bound (a side that never reaches the target). */
  readonly lower_bound: boolean;
}

export interface HindcastSummary {
  readonly kind: string;
  readonly cutoff: string;
  readonly n_fit: number;
  readonly n_scored: number;
  readonly mean_abs_log10_error: number | null;
  readonly median_ratio_predicted_over_actual: number | null;
  readonly coverage_95: number | null;
}

export interface DecompositionSummary {
  readonly track: string;
  readonly record: number | null;
  readonly date: string | null;
  readonly tokens_per_second_factor: number | null;
  readonly token_share: number | null;
  readonly tokens_per_second_share: number | null;
}

/** A claim checked against the data: the analysis's own row (src/analysis/checkClaims.ts). */
export type ClaimSummary = ClaimCheck;

export interface FrontierSummary {
  readonly claim: string;
  readonly implied_multiplier: Bounded;
  readonly months_since_reference: number;
  readonly ho_et_al_expected: Bounded;
  readonly speedrun_extrapolated: Bounded;
  readonly within_ho: boolean | null;
  readonly within_speedrun: boolean | null;
}

export interface FrontierFiguresSummary {
  readonly deepseek_flops: number;
  readonly deepseek_cost_usd: number;
  readonly deepseek_utilisation: number;
  readonly yi_flops_estimate: number;
}

export interface AssumptionsSummary {
  readonly gpt4: { readonly date: string; readonly flops: number };
  readonly hardware_price_performance_gain: Bounded;
  readonly deepseek_v3: {
    readonly date: string;
    readonly active_params: number;
    readonly tokens: number;
    readonly gpu_hours: number;
    readonly usd_per_gpu_hour: number;
    readonly claimed_cost_usd: number;
  };
  readonly yi_lightning: {
    readonly date: string;
    readonly claimed_cost_usd: number;
    readonly gpt4_cost_usd: Bounded;
  };
  readonly chinchilla_law_for_claims: {
    readonly E: number;
    readonly A: number;
    readonly B: number;
    readonly alpha: number;
    readonly beta: number;
  };
}

export type ScaleTrend = "grows" | "shrinks" | "flat" | "not identified";

export interface ScaleParametersSummary {
  readonly beta0: Bounded;
  readonly beta1: Bounded;
  readonly tau: Bounded;
  readonly sigma: Bounded;
  readonly typical_slope: Bounded;
}

export interface ScaleDependenceSummary {
  readonly status: string;
  readonly trend: ScaleTrend;
  readonly parameters: ScaleParametersSummary | null;
  readonly n_pairs: number;
  readonly n_bounds: number;
  readonly pairs: readonly string[];
  readonly one_sided_pairs: readonly string[];
  readonly excluded: readonly { readonly pair_id: string; readonly scale: string | null; readonly reason: string }[];
  readonly measured_from: string | null;
  readonly measured_to: string | null;
  readonly measured_flops: { readonly min: number; readonly max: number } | null;
  readonly priors: {
    readonly beta0Sd: number;
    readonly beta1Sd: number;
    readonly tauScale: number;
    readonly sigmaScale: number;
  };
  readonly flat_margins: { readonly typical_slope: number; readonly beta1: number };
  readonly draws: number;
  readonly seed: number;
  readonly acceptance: number | null;
  /**
   * Where the scale model anchors today's recipe at 124M: the FLOPs of track1.flops_record, and which of track 1's
   * ratios it carries (the FLOPs ratio, or the token ratio where the record has no FLOPs per token).
   */
  readonly recipe_anchor: { readonly flops: number; readonly ratio: "flops_ratio" | "token_ratio" } | null;
}

export interface ExtrapolationSummary {
  readonly pair_id: string;
  readonly category: string;
  readonly flops: number;
  /** kind prediction: the 95% posterior predictive interval, one-sided (estimate null) where the anchor is a bound. */
  readonly multiplier: Bounded;
  readonly role: "fitted" | "one-sided" | "anchor";
  readonly extrapolated: boolean;
}

/** The scale model's part of the summary (src/scale/scaleStage.ts, scaleStageJson). */
export interface ScaleSummaryPart {
  readonly scale_dependence: ScaleDependenceSummary;
  readonly extrapolation: readonly ExtrapolationSummary[];
  /** The verdict, one sentence computed from the numbers by the scale stage. */
  readonly verdict: string;
}

/** results/summary.json. */
export interface Summary extends ScaleSummaryPart {
  readonly track1: TrackSummary;
  readonly track2: TrackSummary;
  readonly nanochat: TrackSummary;
  readonly halving_time_months: Readonly<Record<HalvingTrack, HalvingSummary | null>>;
  readonly segmented: { readonly track1: SegmentedSummary | null; readonly track2: SegmentedSummary | null };
  readonly rate_anchors: readonly RateAnchorSummary[];
  readonly forecast_scores: readonly ForecastScoreSummary[];
  readonly forecast_winners: readonly ForecastWinnerSummary[];
  readonly attribution: readonly AttributionSummary[];
  /** Rows of data_issues.csv by kind. */
  readonly data_issue_counts: Readonly<Record<string, number>>;
  readonly hindcast: readonly HindcastSummary[];
  readonly decomposition_latest: readonly DecompositionSummary[];
  readonly claims: readonly ClaimSummary[];
  readonly frontier: readonly FrontierSummary[];
  readonly frontier_figures: FrontierFiguresSummary;
  readonly assumptions: AssumptionsSummary;
  /** Paths of numbers that were not finite, written as null. */
  readonly warnings: readonly string[];
}

export type Depth = [never, 0, 1, 2, 3, 4, 5, 6];

/** A path into `T` as summaryValue reads it: `track1.flops_ratio.upper`, `claims[0].verdict`. */
export type PathOf<T, D extends number = 6> = [D] extends [never]
  ? never
  : T extends readonly (infer E)[]
    ? `[${number}]` | `[${number}]${SubPath<E, Depth[D]>}`
    : T extends object
      ? { [K in keyof T & string]: K | `${K}${SubPath<T[K], Depth[D]>}` }[keyof T & string]
      : never;

export type SubPath<T, D extends number> = [D] extends [never]
  ? never
  : T extends readonly (infer E)[]
    ? `[${number}]` | `[${number}]${SubPath<E, Depth[D]>}`
    : T extends object
      ? `.${PathOf<T, D>}`
      : never;
