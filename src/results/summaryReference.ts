// The reference of results/summary.json, beside its type (summary.ts): every field with its JSON type, unit, meaning
// and interval kind. The same descriptions
// - write results/summary_reference.md (summaryReferenceMarkdown, by resultFiles), linked from the site and README;
// - check a summary read from a file (parseSummary / readSummary: the one loader of an untrusted summary.json),
//   naming the file, the path and the value that do not fit.
// test/results/summary.test.ts checks that the summary the analysis builds has exactly these fields.
import { readFileSync } from "node:fs";
import { INTERVAL_KINDS, type Summary } from "./summary";

/** The JSON type of a field; `bounded` is a Bounded<number> ({estimate, lower, upper, kind}), `bounded_date` one of
 * dates. */
export type FieldType =
  "number" | "integer" | "string" | "boolean" | "bounded" | "bounded_date" | "object" | "array" | "string[]";

export interface FieldDoc {
  /** Dotted path; `[]` for every element of an array, `*` for every key of a keyed object. */
  readonly path: string;
  readonly type: FieldType;
  /** The field may be null. */
  readonly nullable?: boolean;
  readonly unit: string;
  readonly meaning: string;
  /** For bounded fields: the interval kinds the field can carry (summary.ts, IntervalKind). */
  readonly interval?: string;
}

const RATIO = "baseline / latest record, at equal loss";
const MEASURED =
  "point, or lower_bound / upper_bound (censored: a side that never reaches the target or reaches it " +
  "mid-schedule), or not_identified";

function track(id: string, target: string, note = ""): FieldDoc[] {
  const t = (
    path: string,
    type: FieldType,
    unit: string,
    meaning: string,
    extra: Partial<FieldDoc> = {},
  ): FieldDoc => ({
    path: `${id}.${path}`,
    type,
    unit,
    meaning,
    ...extra,
  });
  return [
    t("", "object", "", `Today's ${id} record against its 2024 baseline, to loss ${target}${note}`),
    t("latest_record", "integer", "record number", "latest record with a time", { nullable: true }),
    t("latest_date", "string", "date", "its date", { nullable: true }),
    t(
      "time_ratio",
      "bounded",
      "×",
      `time to the target, ${RATIO} (nanochat has no val-loss target: its time ratio is readme_time_ratio)`,
      {
        interval: MEASURED,
      },
    ),
    t(
      "readme_time_ratio",
      "number",
      "×",
      "README-table (nanochat: leaderboard) times: the baseline's full run " +
        "(past the target) over the latest record's; not at equal loss",
      { nullable: true },
    ),
    t("token_ratio", "bounded", "×", `training tokens to the target, ${RATIO}`, { interval: MEASURED }),
    t("flops_ratio", "bounded", "×", `training FLOPs to the target (each run's own FLOPs per token), ${RATIO}`, {
      interval: MEASURED,
    }),
    t("token_record", "integer", "record number", "the record the token ratio uses (latest with a log)", {
      nullable: true,
    }),
    t("flops_record", "integer", "record number", "the record the FLOPs ratio uses (latest with FLOPs per token)", {
      nullable: true,
    }),
    t("baseline_tokens_to_target", "number", "tokens", "the baseline's tokens to the target", { nullable: true }),
    t("latest_tokens_to_target", "number", "tokens", "the token record's tokens to the target", { nullable: true }),
    t(
      "baseline_crossing_fraction",
      "number",
      "fraction",
      "where the baseline reaches the target: tokens to target " +
        "/ its run's tokens (below 0.9: mid-schedule, an upper bound on the ratios)",
      { nullable: true },
    ),
    t(
      "latest_crossing_fraction",
      "number",
      "fraction",
      "the same for the token record (below 0.9: a lower bound on " + "its side)",
      { nullable: true },
    ),
  ];
}

const halving = (id: string): FieldDoc[] => [
  {
    path: `halving_time_months.${id}`,
    type: "object",
    nullable: true,
    unit: "",
    meaning: `${id}: halving time of the record time (frontier rows of its table)`,
  },
  {
    path: `halving_time_months.${id}.months`,
    type: "bounded",
    unit: "months",
    meaning: "months for the record time " + "to halve, from ln(record time) against date",
    interval: "newey_west (the record tracks), else ols",
  },
  {
    path: `halving_time_months.${id}.ols_interval`,
    type: "bounded",
    nullable: true,
    unit: "months",
    meaning: "the same estimate's plain OLS interval, beside a Newey-West one (estimate null: it is `months.estimate`)",
    interval: "ols",
  },
  { path: `halving_time_months.${id}.n`, type: "integer", unit: "records", meaning: "records in the fit" },
  {
    path: `halving_time_months.${id}.first_date`,
    type: "string",
    nullable: true,
    unit: "date",
    meaning: "first record's date",
  },
  {
    path: `halving_time_months.${id}.last_date`,
    type: "string",
    nullable: true,
    unit: "date",
    meaning: "last record's date",
  },
];

const segmented = (id: string): FieldDoc[] => [
  {
    path: `segmented.${id}`,
    type: "object",
    nullable: true,
    unit: "",
    meaning: `${id}: ln(record time) on date, one line against a continuous hinge at an estimated break (grid search)`,
  },
  {
    path: `segmented.${id}.break_date`,
    type: "bounded_date",
    unit: "date",
    meaning: "the break",
    interval: "profile_likelihood (approximate)",
  },
  {
    path: `segmented.${id}.before_months`,
    type: "number",
    nullable: true,
    unit: "months",
    meaning: "halving time " + "before the break",
  },
  {
    path: `segmented.${id}.after_months`,
    type: "number",
    nullable: true,
    unit: "months",
    meaning: "halving time " + "after the break",
  },
  {
    path: `segmented.${id}.preferred`,
    type: "string",
    nullable: true,
    unit: "single | segmented",
    meaning: "the trend BIC prefers (lower)",
  },
  { path: `segmented.${id}.bic_single`, type: "number", nullable: true, unit: "BIC", meaning: "BIC of one line" },
  { path: `segmented.${id}.bic_segmented`, type: "number", nullable: true, unit: "BIC", meaning: "BIC with the break" },
  {
    path: `segmented.${id}.edge`,
    type: "boolean",
    unit: "",
    meaning: "the break sits at the edge of the search range",
  },
];

const bnd = (path: string, unit: string, meaning: string, interval: string, nullable = false): FieldDoc => ({
  path,
  type: "bounded",
  unit,
  meaning,
  interval,
  ...(nullable ? { nullable } : {}),
});

/** Every field of results/summary.json. */
export const SUMMARY_REFERENCE: readonly FieldDoc[] = [
  ...track("track1", "3.28 (GPT-2 small, 124M)", "; the baseline is llm.c GPT-2 124M"),
  ...track("track2", "2.92 (GPT-2 medium, 350M)", "; the baseline is llm.c GPT-2 350M"),
  ...track(
    "nanochat",
    "GPT-2 capability (leaderboard)",
    "; row 0 is GPT-2 (2019) on TPUs, so the time ratio mixes " + "hardware and algorithms",
  ),
  { path: "halving_time_months", type: "object", unit: "", meaning: "halving time of each track's record time" },
  ...halving("track1"),
  ...halving("track2"),
  ...halving("track3"),
  ...halving("nanochat"),
  {
    path: "segmented",
    type: "object",
    unit: "",
    meaning: "one exponential against a trend with one break, per " + "record track",
  },
  ...segmented("track1"),
  ...segmented("track2"),
  {
    path: "rate_anchors",
    type: "array",
    unit: "",
    meaning: "published rates of progress to put beside the " + "speedrun's (src/analysis/rateAnchors.ts)",
  },
  { path: "rate_anchors[].id", type: "string", unit: "", meaning: "identifier" },
  { path: "rate_anchors[].label", type: "string", unit: "", meaning: "readable name" },
  bnd(
    "rate_anchors[].halving_months",
    "months",
    "the published rate as a halving time",
    "published (a source's 95% " + "CI), or point",
  ),
  { path: "rate_anchors[].quantity", type: "string", unit: "", meaning: "what halves, in the source's terms" },
  { path: "rate_anchors[].source", type: "string", unit: "", meaning: "citation" },
  {
    path: "rate_anchors[].this_project",
    type: "object",
    nullable: true,
    unit: "",
    meaning: "for a count of track-1 " + "records: the project's own table up to the same date",
  },
  { path: "rate_anchors[].this_project.until", type: "string", unit: "date", meaning: "last date covered" },
  {
    path: "rate_anchors[].this_project.record_rows_after_baseline",
    type: "integer",
    unit: "rows",
    meaning: "track-1 rows after the baseline up to then",
  },
  {
    path: "rate_anchors[].this_project.best_time_s",
    type: "number",
    nullable: true,
    unit: "s",
    meaning: "best record time up to then",
  },
  {
    path: "rate_anchors[].this_project.readme_time_ratio",
    type: "number",
    nullable: true,
    unit: "×",
    meaning: "baseline / best record time (README times)",
  },
  {
    path: "forecast_scores",
    type: "array",
    unit: "",
    meaning:
      "rolling-origin forecasts of the record time: " +
      "monthly cut-offs, fit on the records known then, predict the record standing 3, 6, 12 months later " +
      "(forecast_scores.csv); consecutive cut-offs overlap, so n is not a count of independent tests",
  },
  { path: "forecast_scores[].track", type: "string", unit: "", meaning: "track" },
  {
    path: "forecast_scores[].method",
    type: "string",
    unit: "",
    meaning: "exponential trend, persistence (no " + "further change) or random walk with drift",
  },
  { path: "forecast_scores[].horizon_months", type: "integer", unit: "months", meaning: "how far ahead" },
  {
    path: "forecast_scores[].mean_abs_log10_error",
    type: "number",
    nullable: true,
    unit: "log10",
    meaning: "mean |log10(predicted / actual)| (0.301 = off by 2× on average)",
  },
  {
    path: "forecast_scores[].coverage_95",
    type: "number",
    nullable: true,
    unit: "fraction",
    meaning: "share of actual records inside the method's 95% interval",
  },
  { path: "forecast_scores[].n", type: "integer", unit: "cut-offs", meaning: "cut-offs scored" },
  {
    path: "forecast_winners",
    type: "array",
    unit: "",
    meaning: "per track and horizon, the method with the lowest " + "mean |log10 error|",
  },
  { path: "forecast_winners[].track", type: "string", unit: "", meaning: "track" },
  { path: "forecast_winners[].horizon_months", type: "integer", unit: "months", meaning: "how far ahead" },
  {
    path: "forecast_winners[].winner",
    type: "string",
    nullable: true,
    unit: "",
    meaning: "the winning method " + "(null: no cut-off to score)",
  },
  {
    path: "forecast_winners[].exponential_beats_persistence",
    type: "boolean",
    nullable: true,
    unit: "",
    meaning: "the exponential trend beats persistence",
  },
  {
    path: "attribution",
    type: "array",
    unit: "",
    meaning:
      "record-to-record equal-loss factors chained by the kind " +
      "of change of the record that made each step (data/record_categories.csv); the categories multiply to the " +
      "total " +
      "(attribution.csv has each row's note)",
  },
  { path: "attribution[].track", type: "string", unit: "", meaning: "track" },
  { path: "attribution[].scope", type: "string", unit: "", meaning: "which records: all, or up to a date" },
  { path: "attribution[].category", type: "string", unit: "", meaning: "kind of change (or total, unattributed)" },
  bnd("attribution[].time_factor", "×", "equal-loss time factor of the category", "bootstrap (run to run)"),
  bnd("attribution[].token_factor", "×", "equal-loss token factor", "bootstrap (run to run)"),
  bnd("attribution[].flops_factor", "×", "equal-loss FLOPs factor", "bootstrap (run to run)"),
  {
    path: "attribution[].records",
    type: "string",
    unit: "record numbers",
    meaning: "the steps' records, " + "space-separated",
  },
  { path: "attribution[].steps", type: "integer", unit: "steps", meaning: "chained steps credited to the category" },
  {
    path: "attribution[].lower_bound",
    type: "boolean",
    unit: "",
    meaning: "the factors are lower bounds (a side " + "never reaches the target)",
  },
  {
    path: "data_issue_counts",
    type: "object",
    unit: "",
    meaning: "data problems by kind (every row in " + "data_issues.csv)",
  },
  { path: "data_issue_counts.*", type: "integer", unit: "rows", meaning: "rows of data_issues.csv of this kind" },
  {
    path: "hindcast",
    type: "array",
    unit: "",
    meaning:
      "would the halving-time method have predicted the later " +
      "records? (track 1, fitted on records up to the cut-off)",
  },
  { path: "hindcast[].kind", type: "string", unit: "", meaning: "what was fitted" },
  { path: "hindcast[].cutoff", type: "string", unit: "date", meaning: "last record date in the fit" },
  { path: "hindcast[].n_fit", type: "integer", unit: "records", meaning: "records fitted" },
  { path: "hindcast[].n_scored", type: "integer", unit: "records", meaning: "later records predicted" },
  {
    path: "hindcast[].mean_abs_log10_error",
    type: "number",
    nullable: true,
    unit: "log10",
    meaning: "mean |log10(predicted / actual)|",
  },
  {
    path: "hindcast[].median_ratio_predicted_over_actual",
    type: "number",
    nullable: true,
    unit: "×",
    meaning: "median of predicted / actual",
  },
  {
    path: "hindcast[].coverage_95",
    type: "number",
    nullable: true,
    unit: "fraction",
    meaning: "share of later " + "records inside the 95% prediction interval",
  },
  {
    path: "decomposition_latest",
    type: "array",
    unit: "",
    meaning:
      "the latest record's speed-up over the baseline " +
      "split into fewer tokens and more tokens per second, per track",
  },
  { path: "decomposition_latest[].track", type: "string", unit: "", meaning: "track" },
  {
    path: "decomposition_latest[].record",
    type: "integer",
    nullable: true,
    unit: "record number",
    meaning: "the record (null: no row with tokens and times)",
  },
  { path: "decomposition_latest[].date", type: "string", nullable: true, unit: "date", meaning: "its date" },
  {
    path: "decomposition_latest[].tokens_per_second_factor",
    type: "number",
    nullable: true,
    unit: "×",
    meaning: "more tokens per second (speedup / token_factor)",
  },
  {
    path: "decomposition_latest[].token_share",
    type: "number",
    nullable: true,
    unit: "fraction",
    meaning: "share of ln(speedup) from fewer tokens",
  },
  {
    path: "decomposition_latest[].tokens_per_second_share",
    type: "number",
    nullable: true,
    unit: "fraction",
    meaning: "share of ln(speedup) from tokens per second",
  },
  { path: "claims", type: "array", unit: "", meaning: "published claims about the speedrun checked against the data" },
  { path: "claims[].claim", type: "string", unit: "", meaning: "the claim" },
  { path: "claims[].source", type: "string", unit: "", meaning: "where it was made" },
  { path: "claims[].claimed", type: "string", unit: "", meaning: "what it says, in short" },
  { path: "claims[].measured", type: "object", unit: "", meaning: "the measured quantities the verdict rests on" },
  {
    path: "claims[].measured.*",
    type: "number",
    nullable: true,
    unit: "per key (×, months, tokens, tokens per " + "parameter; *_records: record numbers)",
    meaning: "a measured quantity (record numbers and dates are strings)",
  },
  { path: "claims[].verdict", type: "string", unit: "", meaning: "consistent, inconsistent, partly or not_testable" },
  { path: "claims[].note", type: "string", unit: "", meaning: "how it was measured" },
  {
    path: "frontier",
    type: "array",
    unit: "",
    meaning:
      "frontier claims (DeepSeek-V3, Yi-Lightning) against Ho et " +
      "al.'s rate of algorithmic progress (frontier.csv has their assumptions)",
  },
  { path: "frontier[].claim", type: "string", unit: "", meaning: "the claim" },
  bnd(
    "frontier[].implied_multiplier",
    "×",
    "the compute multiplier over GPT-4 the claim implies",
    "point, or propagated (GPT-4's cost range)",
  ),
  {
    path: "frontier[].months_since_reference",
    type: "number",
    unit: "months",
    meaning: "months since GPT-4 " + "finished training (assumed date)",
  },
  bnd(
    "frontier[].ho_et_al_expected",
    "×",
    "what Ho et al.'s rate gives over those months: 2^(months / halving)",
    "propagated (halving 8 months, 95% CI 5 to 14)",
  ),
  bnd(
    "frontier[].speedrun_extrapolated",
    "×",
    "today's speedrun recipe at the claim's compute (scale model; " + "context only: over GPT-2, not GPT-4)",
    "prediction (one-sided where the 124M anchor is a bound)",
  ),
  {
    path: "frontier[].within_ho",
    type: "boolean",
    nullable: true,
    unit: "",
    meaning: "the implied multiplier lies " + "within Ho et al.'s interval",
  },
  {
    path: "frontier[].within_speedrun",
    type: "boolean",
    nullable: true,
    unit: "",
    meaning: "no verdict against the " + "speedrun (context only): null",
  },
  {
    path: "frontier_figures",
    type: "object",
    unit: "",
    meaning: "figures derived from the frontier claims' " + "published numbers",
  },
  {
    path: "frontier_figures.deepseek_flops",
    type: "number",
    unit: "FLOPs",
    meaning: "DeepSeek-V3: 6 × 37B active " + "parameters × 14.8T tokens",
  },
  {
    path: "frontier_figures.deepseek_cost_usd",
    type: "number",
    unit: "USD",
    meaning: "DeepSeek-V3: GPU-hours × $ " + "per GPU-hour",
  },
  {
    path: "frontier_figures.deepseek_utilisation",
    type: "number",
    unit: "fraction",
    meaning: "DeepSeek-V3's FLOPs " + "over its GPU-hours at dense BF16 peak",
  },
  {
    path: "frontier_figures.yi_flops_estimate",
    type: "number",
    unit: "FLOPs",
    meaning: "Yi-Lightning: GPU-hours " + "bought by its claimed cost at DeepSeek's price and utilisation",
  },
  {
    path: "assumptions",
    type: "object",
    unit: "",
    meaning:
      "assumed and published inputs of the frontier claims " + "(src/analysis/constants.ts, each with its source)",
  },
  { path: "assumptions.gpt4", type: "object", unit: "", meaning: "GPT-4 (ASSUMPTION: Epoch AI estimate)" },
  { path: "assumptions.gpt4.date", type: "string", unit: "date", meaning: "end of training" },
  { path: "assumptions.gpt4.flops", type: "number", unit: "FLOPs", meaning: "training compute" },
  bnd(
    "assumptions.hardware_price_performance_gain",
    "×",
    "hardware price-performance gain, A100 (2022) to " + "H100/H800 (2024) (ASSUMPTION)",
    "published",
  ),
  { path: "assumptions.deepseek_v3", type: "object", unit: "", meaning: "DeepSeek-V3 technical report" },
  { path: "assumptions.deepseek_v3.date", type: "string", unit: "date", meaning: "report date" },
  {
    path: "assumptions.deepseek_v3.active_params",
    type: "number",
    unit: "parameters",
    meaning: "activated parameters per token",
  },
  { path: "assumptions.deepseek_v3.tokens", type: "number", unit: "tokens", meaning: "training tokens" },
  { path: "assumptions.deepseek_v3.gpu_hours", type: "number", unit: "H800 GPU-hours", meaning: "training GPU-hours" },
  { path: "assumptions.deepseek_v3.usd_per_gpu_hour", type: "number", unit: "USD", meaning: "assumed rental price" },
  { path: "assumptions.deepseek_v3.claimed_cost_usd", type: "number", unit: "USD", meaning: "claimed cost" },
  { path: "assumptions.yi_lightning", type: "object", unit: "", meaning: "Yi-Lightning (founder's claim, unverified)" },
  { path: "assumptions.yi_lightning.date", type: "string", unit: "date", meaning: "claim date" },
  { path: "assumptions.yi_lightning.claimed_cost_usd", type: "number", unit: "USD", meaning: "claimed training cost" },
  bnd(
    "assumptions.yi_lightning.gpt4_cost_usd",
    "USD",
    "GPT-4's cost as quoted beside it",
    "published (a quoted " + "range, no estimate)",
  ),
  {
    path: "assumptions.chinchilla_law_for_claims",
    type: "object",
    unit: "",
    meaning:
      "L(N, D) = E + A/N^alpha + " +
      "B/D^beta, Epoch's replication of Chinchilla (Besiroglu et al. 2024, arXiv:2404.10102)",
  },
  {
    path: "assumptions.chinchilla_law_for_claims.*",
    type: "number",
    unit: "loss / exponent",
    meaning: "E, A, B, alpha, beta",
  },
  {
    path: "scale_dependence",
    type: "object",
    unit: "",
    meaning:
      "the scale model (src/scale): per pair ln M_i(C) = " +
      "a_i + b_i log10 C, b_i ~ N(beta0 + beta1 a_i, tau^2); bounds enter as censored terms; posterior by seeded " +
      "Metropolis",
  },
  { path: "scale_dependence.status", type: "string", unit: "", meaning: "fit status" },
  {
    path: "scale_dependence.trend",
    type: "string",
    unit: "",
    meaning:
      "grows, shrinks, flat or not identified, by " +
      "rules on the 95% intervals of typical_slope and beta1 over the measured sizes",
  },
  {
    path: "scale_dependence.parameters",
    type: "object",
    nullable: true,
    unit: "",
    meaning: "posterior medians with " + "95% credible intervals",
  },
  bnd(
    "scale_dependence.parameters.beta0",
    "ln M per decade",
    "absolute drift: ln M gained per tenfold compute " + "whatever the gain's size",
    "credible",
  ),
  bnd(
    "scale_dependence.parameters.beta1",
    "share of ln M per decade",
    "relative drift: the fraction of its own ln " + "M a gain gains per tenfold compute",
    "credible",
  ),
  bnd(
    "scale_dependence.parameters.tau",
    "ln M per decade",
    "spread of the pairs' slopes around beta0 + beta1 a_i",
    "credible",
  ),
  bnd("scale_dependence.parameters.sigma", "ln M", "measurement noise beyond the reruns", "credible"),
  bnd(
    "scale_dependence.parameters.typical_slope",
    "ln M per decade",
    "slope of the typical gain (exp: its " + "multiplier's change per tenfold compute)",
    "credible",
  ),
  {
    path: "scale_dependence.n_pairs",
    type: "integer",
    unit: "pairs",
    meaning: "pairs fitted (points at two or more " + "sizes)",
  },
  {
    path: "scale_dependence.n_bounds",
    type: "integer",
    unit: "measurements",
    meaning: "bounds among the fitted " + "measurements",
  },
  { path: "scale_dependence.pairs", type: "string[]", unit: "", meaning: "the fitted pairs" },
  {
    path: "scale_dependence.one_sided_pairs",
    type: "string[]",
    unit: "",
    meaning: "pairs with a point at one size " + "and a bound at another: predicted, not fitted",
  },
  { path: "scale_dependence.excluded", type: "array", unit: "", meaning: "catalogue rows not fitted, and why" },
  { path: "scale_dependence.excluded[].pair_id", type: "string", unit: "", meaning: "pair" },
  { path: "scale_dependence.excluded[].scale", type: "string", nullable: true, unit: "", meaning: "its size label" },
  { path: "scale_dependence.excluded[].reason", type: "string", unit: "", meaning: "why it is not fitted" },
  {
    path: "scale_dependence.measured_from",
    type: "string",
    nullable: true,
    unit: "model size",
    meaning: "smallest measured size",
  },
  {
    path: "scale_dependence.measured_to",
    type: "string",
    nullable: true,
    unit: "model size",
    meaning: "largest measured size",
  },
  {
    path: "scale_dependence.measured_flops",
    type: "object",
    nullable: true,
    unit: "",
    meaning: "compute range of " + "the fitted measurements",
  },
  { path: "scale_dependence.measured_flops.min", type: "number", unit: "FLOPs", meaning: "smallest" },
  { path: "scale_dependence.measured_flops.max", type: "number", unit: "FLOPs", meaning: "largest" },
  {
    path: "scale_dependence.priors",
    type: "object",
    unit: "",
    meaning:
      "weakly informative priors: beta0 ~ N(0, " +
      "beta0Sd), beta1 ~ N(0, beta1Sd), tau ~ half-N(tauScale), sigma ~ half-N(sigmaScale)",
  },
  { path: "scale_dependence.priors.*", type: "number", unit: "as the parameter", meaning: "prior scale" },
  {
    path: "scale_dependence.flat_margins",
    type: "object",
    unit: "",
    meaning:
      "the verdict is flat only when " +
      "typical_slope's interval lies within ± typical_slope and beta1's within ± beta1",
  },
  {
    path: "scale_dependence.flat_margins.typical_slope",
    type: "number",
    unit: "ln M per decade",
    meaning: "margin (ln 1.05)",
  },
  { path: "scale_dependence.flat_margins.beta1", type: "number", unit: "share of ln M per decade", meaning: "margin" },
  { path: "scale_dependence.draws", type: "integer", unit: "draws", meaning: "posterior draws kept" },
  {
    path: "scale_dependence.seed",
    type: "integer",
    unit: "",
    meaning: "sampler seed (same data and seed: same bytes)",
  },
  {
    path: "scale_dependence.acceptance",
    type: "number",
    nullable: true,
    unit: "fraction",
    meaning: "Metropolis acceptance rate",
  },
  {
    path: "scale_dependence.recipe_anchor",
    type: "object",
    nullable: true,
    unit: "",
    meaning:
      "today's track-1 " +
      "recipe at 124M as the scale model carries it (track1.flops_ratio at track1.flops_record's FLOPs)",
  },
  {
    path: "scale_dependence.recipe_anchor.flops",
    type: "number",
    unit: "FLOPs",
    meaning: "the record's FLOPs to 3.28",
  },
  {
    path: "scale_dependence.recipe_anchor.ratio",
    type: "string",
    unit: "",
    meaning: "which of track 1's ratios the model carries: flops_ratio, or token_ratio where the record has no FLOPs",
  },
  {
    path: "extrapolation",
    type: "array",
    unit: "",
    meaning:
      "every fitted or one-sided pair and today's recipe " +
      "carried to 1e21..1e26 FLOPs, assuming each gain's ln M stays linear in log10 FLOPs (scale_extrapolation.csv " +
      "has each row's note)",
  },
  { path: "extrapolation[].pair_id", type: "string", unit: "", meaning: "pair, or recipe_today" },
  {
    path: "extrapolation[].category",
    type: "string",
    unit: "",
    meaning: "kind of change (recipe_today for today's " + "recipe)",
  },
  { path: "extrapolation[].flops", type: "number", unit: "FLOPs", meaning: "training compute" },
  bnd(
    "extrapolation[].multiplier",
    "×",
    "the pair's multiplier there (posterior median)",
    "prediction; one-sided " + "(estimate null) where the anchor is a bound",
  ),
  {
    path: "extrapolation[].role",
    type: "string",
    unit: "",
    meaning: "fitted, one-sided (predicted from the fit) or " + "anchor (today's recipe)",
  },
  {
    path: "extrapolation[].extrapolated",
    type: "boolean",
    unit: "",
    meaning: "beyond the pair's measured compute: " + "the number carries the model's assumption",
  },
  {
    path: "verdict",
    type: "string",
    unit: "",
    meaning: "the scale answer in one sentence, computed from the " + "numbers above (src/scale/scaleStage.ts)",
  },
  { path: "warnings", type: "string[]", unit: "", meaning: "paths of numbers that were not finite, written as null" },
];

/** The reference with the whole-object row of each track ("track1.") named by the object's own path. */
const BY_PATH: ReadonlyMap<string, FieldDoc> = new Map(
  SUMMARY_REFERENCE.map((f) => [f.path.replace(/\.$/, ""), { ...f, path: f.path.replace(/\.$/, "") }]),
);

const esc = (s: string) => s.replace(/\|/g, "\\|");

/** results/summary_reference.md. */
export function summaryReferenceMarkdown(): string {
  const lines = [
    "# results/summary.json: field reference",
    "",
    "Generated by the analysis (`npm start`) from `src/results/summaryReference.ts`, beside the type `Summary`",
    "(`src/results/summary.ts`). Numbers are rounded to 6 significant digits. A `bounded` value is",
    "`{estimate, lower, upper, kind}`: every interval is a 95% one and `kind` says which: " +
      INTERVAL_KINDS.map((k) => `\`${k}\``).join(", ") +
      " (a bound is censored: `estimate` is null, only its side is set; see `IntervalKind` in summary.ts).",
    "`[]` stands for every element of an array, `*` for every key of an object. The tables behind the headline numbers",
    "are the CSV files beside summary.json.",
    "",
    "| field | type | unit | meaning | interval kind |",
    "|---|---|---|---|---|",
  ];
  for (const f of BY_PATH.values()) {
    const type = `${f.type}${f.nullable ? " or null" : ""}`;
    lines.push(`| \`${f.path}\` | ${type} | ${esc(f.unit)} | ${esc(f.meaning)} | ${esc(f.interval ?? "")} |`);
  }
  return lines.join("\n") + "\n";
}

/** The reference entry that describes a concrete path ("attribution[3].time_factor"), or undefined. */
export function fieldDoc(path: string): FieldDoc | undefined {
  return (
    BY_PATH.get(path.replace(/\[\d+\]/g, "[]")) ??
    BY_PATH.get(path.replace(/\[\d+\]/g, "[]").replace(/\.[^.[\]]+$/, ".*"))
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function typeProblem(f: FieldDoc, v: unknown): string | null {
  if (v === null) return f.nullable ? null : "null where a value is required";
  const isBounded = (date: boolean) => {
    if (!isObject(v)) return false;
    const keys = Object.keys(v).sort().join(",");
    const part = (x: unknown) => x === null || (date ? typeof x === "string" : typeof x === "number");
    return (
      keys === "estimate,kind,lower,upper" &&
      part(v.estimate) &&
      part(v.lower) &&
      part(v.upper) &&
      INTERVAL_KINDS.includes(v.kind as never)
    );
  };
  const ok =
    f.type === "number"
      ? typeof v === "number"
      : f.type === "integer"
        ? Number.isInteger(v)
        : f.type === "string"
          ? typeof v === "string"
          : f.type === "boolean"
            ? typeof v === "boolean"
            : f.type === "bounded"
              ? isBounded(false)
              : f.type === "bounded_date"
                ? isBounded(true)
                : f.type === "object"
                  ? isObject(v)
                  : f.type === "array"
                    ? Array.isArray(v)
                    : Array.isArray(v) && v.every((x) => typeof x === "string");
  // claims[].measured.* holds numbers, record numbers and dates.
  if (!ok && f.path === "claims[].measured.*" && typeof v === "string") return null;
  return ok ? null : `expected ${f.type}${f.nullable ? " or null" : ""}`;
}

/** Every problem of `value` against the reference: a field it does not describe, a missing field, a wrong type. */
export function summaryProblems(value: unknown): string[] {
  const problems: string[] = [];
  const show = (v: unknown) => {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  };
  const walk = (v: unknown, path: string) => {
    // The summary itself and the rows of its arrays are objects.
    const row: FieldDoc = { path, type: "object", unit: "", meaning: "" };
    const doc = path === "" || path.endsWith("]") ? row : fieldDoc(path);
    if (!doc) {
      problems.push(`${path}: not a field of the summary (value ${show(v)})`);
      return;
    }
    const p = typeProblem(doc, v);
    if (p) {
      problems.push(`${path}: ${p}, found ${show(v)}`);
      return;
    }
    if (doc.type === "bounded" || doc.type === "bounded_date" || doc.type === "string[]" || v === null) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, path === "" ? k : `${path}.${k}`);
      // Named (not `*`) children must be present.
      const prefix = path === "" ? "" : `${path.replace(/\[\d+\]/g, "[]")}.`;
      for (const f of BY_PATH.values()) {
        if (!f.path.startsWith(prefix)) continue;
        const rest = f.path.slice(prefix.length);
        if (rest === "" || rest === "*" || /[.[]/.test(rest)) continue;
        if (!(rest in v)) problems.push(`${path === "" ? "" : `${path}.`}${rest}: missing`);
      }
    }
  };
  walk(value, "");
  return problems;
}

/** A summary parsed from `text` (read from `file`), checked against the reference; throws naming file, path, value. */
export function parseSummary(text: string, file: string): Summary {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const problems = summaryProblems(value);
  if (problems.length > 0)
    throw new Error(
      `${file}: not a summary this version writes (${problems.length} problem${problems.length === 1 ? "" : "s"}; ` +
        `run npm start to rewrite it):\n  ${problems.slice(0, 10).join("\n  ")}`,
    );
  return value as Summary;
}

/** results/summary.json (or another summary file) read and checked. */
export function readSummary(file: string): Summary {
  return parseSummary(readFileSync(file, "utf8"), file);
}
