// Analysis 1: loss vs compute per run. For every run with evals: the tokens, log time, FLOPs (the run's flops_per_token
// x tokens) and 8xH100 GPU-hours at which it first reaches its track's target loss; per record-table row, the median
// and range over the record's own runs. A run that never reaches the target (the 350M llm.c baseline ends at 2.9282 >
// 2.92) gets its power-law-with-floor curve extrapolated when the fit's floor lies below the target, and is otherwise
// reported as a lower bound (its total tokens), flagged, never silently as a value.
import { resolveAnalysisOptions, type AnalysisOptions, type AnalysisOptionsInput } from "../analysisOptions";
import { GPUS_PER_RUN, SCALEUP_1B_PARAMS, TRACK_PARAMS } from "../constants";
import { curveFitOptions, powerCurveFitter } from "./powerCurveFitter";
import type { AnalysisInput } from "../analysisInput";
import type { EvalInput, RecordInput, RunInput } from "../inputs";
import { kaplanMeierMedian } from "../../math/censoredMedian";
import { median } from "../../math/stats";
import type { CurveFit, CurveFitter, ParamsBasis, RecordCompute, RunToTarget, ToTargetMethod } from "../types";

/** Options of the per-run and per-record figures: the analysis options (analysisOptions.ts) plus two hooks. */
export interface RecordComputeOptions extends AnalysisOptionsInput {
  /** Replaces the power-law fitter built from `curveFit` (tests pass fakes; see powerCurveFitter.ts). */
  readonly fitCurve?: CurveFitter;
  readonly onProgress?: (done: number, total: number) => void;
}

function split(options: RecordComputeOptions): {
  o: AnalysisOptions;
  fitCurve: CurveFitter | null;
  onProgress?: (done: number, total: number) => void;
} {
  const { fitCurve, onProgress, ...rest } = options;
  const o = resolveAnalysisOptions(rest);
  const fitter = o.curveFit.scope === "none" ? null : (fitCurve ?? powerCurveFitter(curveFitOptions(o.curveFit)));
  return { o, fitCurve: fitter, onProgress };
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
  const trainTimeMs =
    a.trainTimeMs !== null && b.trainTimeMs !== null ? a.trainTimeMs + f * (b.trainTimeMs - a.trainTimeMs) : null;
  return { tokens, trainTimeMs };
}

/** Tokens at which a fitted L = E + A D^-alpha reaches `target`; null when the floor E is at or above the target. */
export function tokensFromCurve(curve: CurveFit, target: number): number | null {
  if (!(target > curve.E) || !(curve.A > 0) || !(curve.alpha > 0)) return null;
  const d = Math.pow(curve.A / (target - curve.E), 1 / curve.alpha);
  return Number.isFinite(d) && d > 0 ? d : null;
}

function paramsFor(run: RunInput, basis: ParamsBasis): number | null {
  if (basis === "nominal")
    return run.role === "scaleup" ? (run.nParams ?? SCALEUP_1B_PARAMS) : (TRACK_PARAMS[run.track] ?? null);
  return basis === "non_embedding" ? run.nParamsNonEmbedding : run.nParams;
}

function fitRunCurve(evals: readonly EvalInput[], fitCurve: CurveFitter, fromFraction: number): CurveFit | null {
  const pts = evals.filter((e) => e.tokens !== null && (e.tokens as number) > 0).sort((a, b) => a.step - b.step);
  if (pts.length === 0) return null;
  const maxTokens = pts[pts.length - 1].tokens as number;
  const use = pts.filter((e) => (e.tokens as number) >= fromFraction * maxTokens);
  if (use.length < 4) return null;
  return fitCurve(
    use.map((e) => e.tokens as number),
    use.map((e) => e.valLoss),
  );
}

export function computeRunsToTarget(input: AnalysisInput, options: RecordComputeOptions = {}): RunToTarget[] {
  const { o, fitCurve, onProgress } = split(options);
  const targets = o.targets;
  const evalsByRun = new Map<string, EvalInput[]>();
  for (const e of input.evals) {
    const list = evalsByRun.get(e.runId);
    if (list) list.push(e);
    else evalsByRun.set(e.runId, [e]);
  }
  const runs = input.runs
    .filter((r) => targets[r.track] !== undefined)
    .slice()
    .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  const primary = new Set<string>();
  const seenGroup = new Set<string>();
  for (const run of runs) {
    if (!o.recordRoles.includes(run.role)) continue;
    const group = `${run.track}#${run.rowIndex ?? `r${run.record}`}`;
    if (!seenGroup.has(group)) {
      seenGroup.add(group);
      primary.add(run.runId);
    }
  }
  const out: RunToTarget[] = [];
  runs.forEach((run, k) => {
    const target = targets[run.track];
    const evals = evalsByRun.get(run.runId) ?? [];
    const n = paramsFor(run, o.paramsBasis);
    let tokens: number | null = null;
    let timeS: number | null = null;
    let method: ToTargetMethod | null = null;
    let curve: CurveFit | null = null;
    const reasons: string[] = [];
    const crossing = evals.length ? crossingPoint(evals, target) : null;
    const scope = o.curveFit.scope;
    const wantCurve =
      fitCurve !== null && (scope === "all" || !crossing || (scope === "record_primary" && primary.has(run.runId)));
    if (wantCurve && fitCurve) curve = fitRunCurve(evals, fitCurve, o.curveFit.fromFraction);
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
        reasons.push(
          `never reaches ${target}; tokens extrapolated from the fitted power law (floor E=${curve!.E.toFixed(4)})`,
        );
      } else if (run.totalTokens !== null) {
        tokens = run.totalTokens;
        method = "lower_bound";
        reasons.push(
          !curve || curve.status === "failed"
            ? `never reaches ${target}; total tokens are a lower bound`
            : fromFit === null
              ? `never reaches ${target}; fitted floor E=${curve.E.toFixed(4)} leaves the target unreachable, ` +
                `total tokens are a lower bound`
              : `never reaches ${target}; the fitted curve puts ${target} inside the ` +
                `run (${(fromFit / 1e9).toFixed(2)}B tokens), i.e. it misfits the end of the schedule; total ` +
                `tokens are a lower bound`,
        );
      } else reasons.push(`never reaches ${target} and total tokens are unknown`);
    }
    if (n === null) reasons.push(`no ${o.paramsBasis} parameter count for ${run.track}`);
    if (run.flopsPerToken === null) reasons.push("no flops_per_token for this run (runs.csv note says why)");
    const flops = tokens !== null && run.flopsPerToken !== null ? run.flopsPerToken * tokens : null;
    const gpus = run.gpus ?? GPUS_PER_RUN;
    out.push({
      runId: run.runId,
      track: run.track,
      record: run.record,
      rowIndex: run.rowIndex,
      role: run.role,
      targetLoss: target,
      finalValLoss: run.finalValLoss,
      totalTokens: run.totalTokens,
      tokensToTarget: tokens,
      timeToTargetS: timeS,
      paramsForFlops: n,
      countedParams: run.nParamsNonEmbedding,
      flopsPerToken: run.flopsPerToken,
      flopsToTarget: flops,
      gpuHoursToTarget: timeS === null ? null : (gpus * timeS) / 3600,
      method,
      curve,
      reason: reasons.join("; "),
      source: run.source,
    });
    onProgress?.(k + 1, runs.length);
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
  options: AnalysisOptionsInput = {},
): RecordCompute[] {
  const o = resolveAnalysisOptions(options);
  const roles = o.recordRoles;
  const sorted = records
    .slice()
    .sort((a, b) => (a.track < b.track ? -1 : a.track > b.track ? 1 : a.rowIndex - b.rowIndex));
  const seenNumber = new Set<string>();
  return sorted.map((rec) => {
    const key = `${rec.track}#${rec.record}`;
    const first = !seenNumber.has(key);
    seenNumber.add(key);
    const mine = runs.filter((r) => roles.includes(r.role) && runBelongsTo(r, rec, first) && r.tokensToTarget !== null);
    const reached = mine.filter((r) => r.method === "interpolated");
    const fitted =
      runs
        .filter((r) => roles.includes(r.role) && runBelongsTo(r, rec, first) && r.curve !== null)
        .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0))[0] ?? null;
    const use = reached.length ? reached : mine;
    const tokensList = use.map((r) => r.tokensToTarget as number);
    const logTimes = use.map((r) => r.timeToTargetS).filter((t): t is number => t !== null);
    // Runs that missed the target are right-censored at their total tokens (censoredMedian.ts), not dropped.
    const censored = kaplanMeierMedian(
      mine
        .filter((r) => r.method === "interpolated" || r.totalTokens !== null)
        .map((r) => ({
          value: r.method === "interpolated" ? (r.tokensToTarget as number) : (r.totalTokens as number),
          reached: r.method === "interpolated",
        })),
    );
    // Most runs missed (the median lies past every run's end, e.g. track 1 record 9: 1 of 6 reached): the row's figure
    // is a lower bound at the last run's tokens, never the lucky run's crossing.
    const censoredAbove = reached.length > 0 && censored.median === null && censored.medianAbove !== null;
    const tokens =
      reached.length && censored.median !== null
        ? censored.median
        : censoredAbove
          ? censored.medianAbove
          : median(tokensList);
    const params = median(use.map((r) => r.paramsForFlops).filter((p): p is number => p !== null));
    const flopsPerToken = median(use.map((r) => r.flopsPerToken).filter((p): p is number => p !== null));
    const lowerBound =
      censoredAbove || (use.length > 0 && reached.length === 0 && use.every((r) => r.method === "lower_bound"));
    const method: ToTargetMethod | null = use.length === 0 ? null : reached.length ? "interpolated" : use[0].method;
    const reasons: string[] = [];
    if (o.targets[rec.track] === undefined) reasons.push(`${rec.track} has no val-loss target`);
    else if (use.length === 0) reasons.push("no run with tokens-to-target for this row");
    if (!reached.length && use.length) reasons.push(use[0].reason);
    if (reached.length && reached.length < mine.length)
      reasons.push(
        censored.median !== null
          ? `${mine.length - reached.length} of ${mine.length} runs missed the target: Kaplan-Meier median with ` +
              `them censored at their total tokens`
          : `${mine.length - reached.length} of ${mine.length} runs missed the target: the censored median lies ` +
              `above ${censored.medianAbove} tokens, shown as a lower bound (the runs that reached it alone ` +
              `would be biased low)`,
      );
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
      track: rec.track,
      record: rec.record,
      rowIndex: rec.rowIndex,
      date: rec.date,
      description: rec.description,
      recordTimeS: rec.timeS,
      recordGpuHours: rec.timeS === null ? null : (GPUS_PER_RUN * rec.timeS) / 3600,
      nRuns: use.length,
      nRunsAll: mine.length,
      shareReached: censored.shareReached,
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
      method,
      lowerBound,
      curve: fitted ? fitted.curve : null,
      curveRunId: fitted ? fitted.runId : null,
      reason: reasons.join("; "),
      source: rec.source,
    };
  });
}
