// Typed result records of src/analysis. Every derived row carries `source` (the CSV line or run it came from) and,
// where a value could not be computed, null plus a `reason` instead of 0, NaN or Infinity.

/** Which N the tokens-per-parameter ratio uses: the track's nominal size (124M, 350M; default, a label available for
 * every run), or the run's counted non-embedding / total parameters. FLOPs never use it: they are the run's own
 * flops_per_token (runs.csv) times tokens. */
export type ParamsBasis = "nominal" | "non_embedding" | "total";

/** A power law with floor fitted to one run's eval curve: valLoss = E + A * tokens^-alpha. */
export interface CurveFit {
  readonly E: number;
  readonly A: number;
  readonly alpha: number;
  readonly status: string;
  readonly reason: string;
  readonly n: number;
}

/** Signature of the curve fitter the analysis uses (src/fit fitModel "power" behind an adapter). */
export type CurveFitter = (tokens: readonly number[], valLoss: readonly number[]) => CurveFit;

export type ToTargetMethod = "interpolated" | "extrapolated_fit" | "lower_bound";

/** Analysis 1, per run: tokens, time, FLOPs and GPU-hours to reach the track's target loss. */
export interface RunToTarget {
  readonly runId: string;
  readonly track: string;
  readonly record: number | null;
  readonly rowIndex: number | null;
  readonly role: string;
  readonly targetLoss: number;
  readonly finalValLoss: number | null;
  readonly totalTokens: number | null;
  readonly tokensToTarget: number | null;
  /** From the log's train_time, null where the format has no timing (llm.c). */
  readonly timeToTargetS: number | null;
  readonly paramsForFlops: number | null;
  /** Counted non-embedding parameters from runs.csv, null where ingest could not count them. */
  readonly countedParams: number | null;
  /** The run's training FLOPs per token (runs.csv flops_per_token); flopsToTarget = flopsPerToken x tokensToTarget. */
  readonly flopsPerToken: number | null;
  readonly flopsToTarget: number | null;
  readonly gpuHoursToTarget: number | null;
  readonly method: ToTargetMethod | null;
  readonly curve: CurveFit | null;
  readonly reason: string;
  readonly source: string;
}

/** Analysis 1, per record-table row: the runs aggregated (median and range over the record's runs). */
export interface RecordCompute {
  readonly track: string;
  readonly record: number;
  readonly rowIndex: number;
  readonly date: string | null;
  readonly description: string;
  /** Record time as the table states it. */
  readonly recordTimeS: number | null;
  readonly recordGpuHours: number | null;
  readonly nRuns: number;
  /** Runs of the row with tokens, reached or not; shareReached = reached / nRunsAll (null without runs). */
  readonly nRunsAll: number;
  readonly shareReached: number | null;
  /** Kaplan-Meier median over the row's runs (misses censored at their total tokens) when some reached. */
  readonly tokensToTarget: number | null;
  readonly tokensToTargetMin: number | null;
  readonly tokensToTargetMax: number | null;
  /** Equal-loss time: the record time for records; for a baseline that trains past the target, its time scaled by
   * tokensToTarget / totalTokens (constant-throughput assumption; llm.c logs carry no timing). */
  readonly timeToTargetS: number | null;
  readonly logTimeToTargetSMin: number | null;
  readonly logTimeToTargetSMax: number | null;
  readonly paramsForFlops: number | null;
  /** Median counted non-embedding parameters of the row's runs (6N per-token cost), null where not counted. */
  readonly countedParams: number | null;
  /** Median FLOPs per token of the row's runs; flopsToTarget = flopsPerToken x tokensToTarget. */
  readonly flopsPerToken: number | null;
  readonly flopsToTarget: number | null;
  readonly tokensPerParam: number | null;
  readonly method: ToTargetMethod | null;
  readonly lowerBound: boolean;
  /** Power law with floor fitted to the row's primary run (first run id), null when not fitted. */
  readonly curve: CurveFit | null;
  readonly curveRunId: string | null;
  readonly reason: string;
  readonly source: string;
}

/** Analysis 2: equal-loss multipliers of one record against the baseline and against the previous record. */
export interface MultiplierRow {
  readonly track: string;
  readonly record: number;
  readonly rowIndex: number;
  readonly date: string | null;
  readonly tokenMultiplierVsBaseline: number | null;
  readonly timeMultiplierVsBaseline: number | null;
  /** Ratio of the record times as tables state them (the baseline's full-run time). */
  readonly recordTimeRatioVsBaseline: number | null;
  readonly flopsMultiplierVsBaseline: number | null;
  readonly previousRowIndex: number | null;
  readonly tokenMultiplierVsPrevious: number | null;
  readonly timeMultiplierVsPrevious: number | null;
  readonly flopsMultiplierVsPrevious: number | null;
  /** The baseline's tokens-to-target is a lower bound (baseline never reached the target): multipliers are too. */
  readonly lowerBound: boolean;
  readonly reason: string;
}

/** Analysis 3: log speedup split into tokens and tokens/s ("the rest"); the rest split further into per-token model
 * cost (flops_per_token of the runs) and achieved FLOP/s where both rows have it. */
export interface DecompositionRow {
  readonly track: string;
  readonly record: number;
  readonly rowIndex: number;
  readonly date: string | null;
  readonly against: "baseline" | "previous";
  readonly againstRowIndex: number;
  readonly speedup: number;
  readonly tokenFactor: number;
  /** speedup / tokenFactor: training tokens per second, new over old. */
  readonly tokensPerSecondFactor: number;
  readonly perTokenCostFactor: number | null;
  readonly flopThroughputFactor: number | null;
  /** Shares of ln(speedup): token + tokensPerSecond = 1, perTokenCost + flopThroughput = tokensPerSecond share
   * (null when the speedup is within 1e-9 of 1 or parameters are not counted). */
  readonly tokenShare: number | null;
  readonly tokensPerSecondShare: number | null;
  readonly perTokenCostShare: number | null;
  readonly flopThroughputShare: number | null;
  readonly reason: string;
}

export interface ClaimCheck {
  readonly claim: string;
  readonly source: string;
  readonly claimed: string;
  readonly measured: Readonly<Record<string, number | string | null>>;
  readonly verdict: "consistent" | "inconsistent" | "partly" | "not_testable";
  readonly note: string;
}

export interface Interval {
  readonly estimate: number | null;
  readonly lo: number | null;
  /** null with `note` when the interval is unbounded (slope interval reaches zero). */
  readonly hi: number | null;
  readonly note: string;
}

export interface HalvingTimeRow {
  readonly track: string;
  readonly metric: "record_time" | "tokens_to_target";
  readonly variant: string;
  readonly n: number;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly slopeLnPerMonth: number | null;
  readonly halvingMonths: Interval;
  readonly reason: string;
}

export interface HindcastRow {
  readonly kind: "halving_time" | "scale_trend";
  readonly description: string;
  readonly cutoff: string;
  readonly nFit: number;
  readonly nScored: number;
  /** Mean absolute log10 error of the predictions (0.301 = off by 2x on average). */
  readonly meanAbsLog10Error: number | null;
  /** Median of predicted / actual. */
  readonly medianRatio: number | null;
  readonly coverage: number | null;
  readonly reason: string;
}

export interface FrontierClaimRow {
  readonly claim: string;
  readonly impliedMultiplier: Interval;
  readonly monthsSinceReference: number;
  readonly hoEtAlExpected: Interval;
  readonly speedrunExtrapolated: Interval;
  readonly withinHo: boolean | null;
  readonly withinSpeedrun: boolean | null;
  readonly assumptions: string;
  readonly note: string;
}
