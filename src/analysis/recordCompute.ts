// Analysis 1: loss vs compute per run. For every run with evals: the tokens, log time, FLOPs (the run's flops_per_token x tokens) and 8xH100
// GPU-hours at which it first reaches its track's target loss; per record-table row, the median and range over the
// record's own runs. A run that never reaches the target (the 350M llm.c baseline ends at 2.9282 > 2.92) gets its
// power-law-with-floor curve extrapolated when the fit's floor lies below the target, and is otherwise reported as a
// lower bound (its total tokens), flagged, never silently as a value.
import { GPUS_PER_RUN, SCALEUP_1B_PARAMS, TARGET_LOSS, TRACK_PARAMS } from "./constants";
import type { AnalysisInput, EvalInput, RecordInput, RunInput } from "./inputs";
import { median } from "./stats";
import type { CurveFit, CurveFitter, ParamsBasis, RecordCompute, RunToTarget, ToTargetMethod } from "./types";

export type CurveFitScope = "none" | "non_reaching" | "record_primary" | "all";

export interface RecordComputeOptions {
  /** Which N the tokens-per-parameter ratio uses (nominal by default: a label). FLOPs are the run's own
   * flops_per_token x tokens, whatever this says. */
  readonly paramsBasis?: ParamsBasis;
  /** Fits the power law with floor; when absent, no curves are fitted and non-reaching runs are lower bounds. */
  readonly fitCurve?: CurveFitter;
  /**
   * Which runs get a curve fit: "record_primary" (default) = one run per record-table row (the first by run id) plus
   * every run that never reaches the target; "non_reaching" = only those; "all" = every run (slow: ~50 ms a fit).
   */
  readonly curveFits?: CurveFitScope;
  /** Eval points with fewer tokens than this fraction of the run are left out of curve fits (early transient). */
  readonly fitFromFraction?: number;
  /** Roles whose runs count towards a record's figures: the linked runs and the further runs of the same script
   * (ingest's "record" and "rerun"); "baseline"/"prior" sub-folders hold the previous recipe, "ablation" variants. */
  readonly recordRoles?: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
}

export const recordComputeDefaults = {
  paramsBasis: "nominal" as ParamsBasis,
  curveFits: "record_primary" as CurveFitScope,
  fitFromFraction: 0.1,
  recordRoles: ["record", "rerun"] as readonly string[],
};

function validate(options: RecordComputeOptions) {
  const o = { ...recordComputeDefaults, ...options };
  if (!["nominal", "non_embedding", "total"].includes(o.paramsBasis))
    throw new Error(`invalid paramsBasis: ${String(o.paramsBasis)} (expected nominal, non_embedding or total)`);
  if (!["none", "non_reaching", "record_primary", "all"].includes(o.curveFits))
    throw new Error(`invalid curveFits: ${String(o.curveFits)} (expected none, non_reaching, record_primary or all)`);
  if (!(o.fitFromFraction >= 0 && o.fitFromFraction < 1))
    throw new Error(`invalid fitFromFraction: ${o.fitFromFraction} (expected 0 <= f < 1)`);
  return o;
}

export interface Crossing {
  readonly tokens: number;
  readonly trainTimeMs: number | null;
}

/**
 * First point where the eval curve reaches `target`, linearly interpolated between the eval before and the eval at
 * the crossing (in tokens and in train time). Null when the curve never reaches it or tokens are unknown.
 */
export function crossingPoint(evals: readonly EvalInput[], target: number): Crossing | null {
  const pts = evals.filter((e) => e.tokens !== null).sort((a, b) => a.step - b.step);
  const i = pts.findIndex((e) => e.valLoss <= target);
  if (i < 0) return null;
  const b = pts[i];
  if (i === 0) return { tokens: b.tokens as number, trainTimeMs: b.trainTimeMs };
  const a = pts[i - 1];
  const f = (a.valLoss - target) / (a.valLoss - b.valLoss);
  const tokens = (a.tokens as number) + f * ((b.tokens as number) - (a.tokens as number));
  const trainTimeMs = a.trainTimeMs !== null && b.trainTimeMs !== null ? a.trainTimeMs + f * (b.trainTimeMs - a.trainTimeMs) : null;
  return { tokens, trainTimeMs };
}

/** Tokens at which a fitted L = E + A D^-alpha reaches `target`; null when the floor E is at or above the target. */
export function tokensFromCurve(curve: CurveFit, target: number): number | null {
  if (!(target > curve.E) || !(curve.A > 0) || !(curve.alpha > 0)) return null;
  const d = Math.pow(curve.A / (target - curve.E), 1 / curve.alpha);
  return Number.isFinite(d) && d > 0 ? d : null;
}

function paramsFor(run: RunInput, basis: ParamsBasis): number | null {
  if (basis === "nominal") return run.role === "scaleup" ? run.nParams ?? SCALEUP_1B_PARAMS : TRACK_PARAMS[run.track] ?? null;
  return basis === "non_embedding" ? run.nParamsNonEmbedding : run.nParams;
}

function fitRunCurve(evals: readonly EvalInput[], fitCurve: CurveFitter, fromFraction: number): CurveFit | null {
  const pts = evals.filter((e) => e.tokens !== null && (e.tokens as number) > 0).sort((a, b) => a.step - b.step);
  if (pts.length === 0) return null;
  const maxTokens = pts[pts.length - 1].tokens as number;
  const use = pts.filter((e) => (e.tokens as number) >= fromFraction * maxTokens);
  if (use.length < 4) return null;
  return fitCurve(use.map((e) => e.tokens as number), use.map((e) => e.valLoss));
}

export function computeRunsToTarget(input: AnalysisInput, options: RecordComputeOptions = {}): RunToTarget[] {
  const o = validate(options);
  const evalsByRun = new Map<string, EvalInput[]>();
  for (const e of input.evals) {
    const list = evalsByRun.get(e.runId);
    if (list) list.push(e);
    else evalsByRun.set(e.runId, [e]);
  }
  const runs = input.runs.filter((r) => TARGET_LOSS[r.track] !== undefined).slice().sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  const primary = new Set<string>();
  const seenGroup = new Set<string>();
  for (const run of runs) {
    if (!o.recordRoles.includes(run.role)) continue;
    const group = `${run.track}#${run.rowIndex ?? `r${run.record}`}`;
    if (!seenGroup.has(group)) { seenGroup.add(group); primary.add(run.runId); }
  }
  const out: RunToTarget[] = [];
  runs.forEach((run, k) => {
    const target = TARGET_LOSS[run.track];
    const evals = evalsByRun.get(run.runId) ?? [];
    const n = paramsFor(run, o.paramsBasis);
    let tokens: number | null = null;
    let timeS: number | null = null;
    let method: ToTargetMethod | null = null;
    let curve: CurveFit | null = null;
    const reasons: string[] = [];
    const crossing = evals.length ? crossingPoint(evals, target) : null;
    const wantCurve = o.fitCurve && o.curveFits !== "none"
      && (o.curveFits === "all" || !crossing || (o.curveFits === "record_primary" && primary.has(run.runId)));
    if (wantCurve && o.fitCurve) curve = fitRunCurve(evals, o.fitCurve, o.fitFromFraction);
    if (evals.length === 0) reasons.push("no evals");
    else if (crossing) {
      tokens = crossing.tokens;
      timeS = crossing.trainTimeMs === null ? null : crossing.trainTimeMs / 1000;
      method = "interpolated";
      if (timeS === null) reasons.push("log has no timing");
    } else {
      const fromFit = curve && curve.status !== "failed" ? tokensFromCurve(curve, target) : null;
      if (fromFit !== null && run.totalTokens !== null && fromFit > run.totalTokens) {
        tokens = fromFit;
        method = "extrapolated_fit";
        reasons.push(`never reaches ${target}; tokens extrapolated from the fitted power law (floor E=${curve!.E.toFixed(4)})`);
      } else if (run.totalTokens !== null) {
        tokens = run.totalTokens;
        method = "lower_bound";
        reasons.push(!curve || curve.status === "failed"
          ? `never reaches ${target}; total tokens are a lower bound`
          : fromFit === null
            ? `never reaches ${target}; fitted floor E=${curve.E.toFixed(4)} leaves the target unreachable, total tokens are a lower bound`
            : `never reaches ${target}; the fitted curve puts ${target} inside the run (${(fromFit / 1e9).toFixed(2)}B tokens), i.e. it misfits the end of the schedule; total tokens are a lower bound`);
      } else reasons.push(`never reaches ${target} and total tokens are unknown`);
    }
    if (n === null) reasons.push(`no ${o.paramsBasis} parameter count for ${run.track}`);
    if (run.flopsPerToken === null) reasons.push("no flops_per_token for this run (runs.csv note says why)");
    const flops = tokens !== null && run.flopsPerToken !== null ? run.flopsPerToken * tokens : null;
    const gpus = run.gpus ?? GPUS_PER_RUN;
    out.push({
      runId: run.runId, track: run.track, record: run.record, rowIndex: run.rowIndex, role: run.role,
      targetLoss: target, finalValLoss: run.finalValLoss, totalTokens: run.totalTokens,
      tokensToTarget: tokens, timeToTargetS: timeS, paramsForFlops: n, countedParams: run.nParamsNonEmbedding,
      flopsPerToken: run.flopsPerToken, flopsToTarget: flops,
      gpuHoursToTarget: timeS === null ? null : (gpus * timeS) / 3600, method, curve,
      reason: reasons.join("; "), source: run.source,
    });
    o.onProgress?.(k + 1, runs.length);
  });
  return out;
}

function runBelongsTo(run: RunToTarget, rec: RecordInput, firstRowOfNumber: boolean): boolean {
  if (run.track !== rec.track) return false;
  if (run.rowIndex !== null) return run.rowIndex === rec.rowIndex;
  return run.record === rec.record && firstRowOfNumber;
}

/** Per record-table row: median and range of its runs' figures, with the table's record time. */
export function computeRecordCompute(
  records: readonly RecordInput[],
  runs: readonly RunToTarget[],
  options: Pick<RecordComputeOptions, "recordRoles"> = {},
): RecordCompute[] {
  const roles = options.recordRoles ?? recordComputeDefaults.recordRoles;
  const sorted = records.slice().sort((a, b) => (a.track < b.track ? -1 : a.track > b.track ? 1 : a.rowIndex - b.rowIndex));
  const seenNumber = new Set<string>();
  return sorted.map((rec) => {
    const key = `${rec.track}#${rec.record}`;
    const first = !seenNumber.has(key);
    seenNumber.add(key);
    const mine = runs.filter((r) => roles.includes(r.role) && runBelongsTo(r, rec, first) && r.tokensToTarget !== null);
    const reached = mine.filter((r) => r.method === "interpolated");
    const fitted = runs.filter((r) => roles.includes(r.role) && runBelongsTo(r, rec, first) && r.curve !== null)
      .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0))[0] ?? null;
    const use = reached.length ? reached : mine;
    const tokensList = use.map((r) => r.tokensToTarget as number);
    const logTimes = use.map((r) => r.timeToTargetS).filter((t): t is number => t !== null);
    const tokens = median(tokensList);
    const params = median(use.map((r) => r.paramsForFlops).filter((p): p is number => p !== null));
    const flopsPerToken = median(use.map((r) => r.flopsPerToken).filter((p): p is number => p !== null));
    const lowerBound = use.length > 0 && reached.length === 0 && use.every((r) => r.method === "lower_bound");
    const method: ToTargetMethod | null = use.length === 0 ? null : reached.length ? "interpolated" : use[0].method;
    const reasons: string[] = [];
    if (TARGET_LOSS[rec.track] === undefined) reasons.push(`${rec.track} has no val-loss target`);
    else if (use.length === 0) reasons.push("no run with tokens-to-target for this row");
    if (!reached.length && use.length) reasons.push(use[0].reason);
    // The baseline row (row 0: the llm.c runs, trained to a fixed 10.26B/31.46B tokens past the target) is charged
    // only the share of its table time spent before the crossing, at constant throughput. Records stop at the target
    // by the rules, so their table time is already the time to target.
    let timeToTargetS: number | null = rec.timeS;
    if (rec.timeS !== null && tokens !== null && use.length && rec.rowIndex === 0) {
      const total = median(use.map((r) => r.totalTokens).filter((t): t is number => t !== null));
      if (total !== null && total > 0 && Math.abs(tokens - total) / total > 0.02) {
        timeToTargetS = (rec.timeS * tokens) / total;
        reasons.push("equal-loss time scaled from the table's time by tokensToTarget/totalTokens");
      }
    }
    return {
      track: rec.track, record: rec.record, rowIndex: rec.rowIndex, date: rec.date, description: rec.description,
      recordTimeS: rec.timeS, recordGpuHours: rec.timeS === null ? null : (GPUS_PER_RUN * rec.timeS) / 3600,
      nRuns: use.length,
      tokensToTarget: tokens,
      tokensToTargetMin: tokensList.length ? Math.min(...tokensList) : null,
      tokensToTargetMax: tokensList.length ? Math.max(...tokensList) : null,
      timeToTargetS,
      logTimeToTargetSMin: logTimes.length ? Math.min(...logTimes) : null,
      logTimeToTargetSMax: logTimes.length ? Math.max(...logTimes) : null,
      paramsForFlops: params,
      countedParams: median(use.map((r) => r.countedParams).filter((p): p is number => p !== null)),
      flopsPerToken,
      flopsToTarget: tokens !== null && flopsPerToken !== null ? flopsPerToken * tokens : null,
      tokensPerParam: tokens !== null && params !== null ? tokens / params : null,
      method, lowerBound,
      curve: fitted ? fitted.curve : null,
      curveRunId: fitted ? fitted.runId : null,
      reason: reasons.join("; "),
      source: rec.source,
    };
  });
}
