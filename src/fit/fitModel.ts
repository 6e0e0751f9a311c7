// fitModel: multi-start fit of one scaling-law form, Hoffmann et al. 2022 Approach 3 as corrected by Besiroglu et al.
// 2024 (summed Huber on log residuals, 4,500-start grid, bootstrap intervals). Pipeline: screen every start with a few
// iterations, solve the best `refineTop` fully, polish the best with our kernel (solver.ts; confirms convergence and
// status), then covariance and bootstrap refits. Screening, full solves and refits use options.solver (default
// ml-levenberg-marquardt, mlSolve.ts). `result.solvers` records which solver did what.
import { checkFitData, type FitData } from "./fitData";
import { getModel, models } from "./models/index";
import { resolveFitOptions, type ResolvedFitOptions } from "./options";
import { gather, runParallel } from "./pool";
import { lossCode, lossLabel, makeProblem, type Problem, type ProblemMessage } from "./problem";
import { internalCovariance, naturalStandardErrors, residualsAt } from "./covariance";
import { STATUS_CONVERGED, STATUS_FAILED, STATUS_HIT_BOUND, STATUS_MAX_ITERATIONS, Solver } from "./solver";
import { withReport } from "./report";
import type {
  BootstrapSummary,
  FitOptions,
  FitResult,
  FitStatus,
  GridContext,
  ModelSpec,
  SolverLabel,
  StartsSummary,
} from "./types";

const STATUS_NAMES: readonly FitStatus[] = ["converged", "hit_bound", "max_iterations", "failed"];

function solverLabel(solver: "lm" | "ml"): SolverLabel {
  return solver === "ml" ? "ml-levenberg-marquardt" : "lm-kernel";
}

/** Rank items by objective (non-finite last), ties by index, so the order never depends on the thread split. */
function rankByObjective(objective: Float64Array): number[] {
  const idx = Array.from(objective, (_, i) => i);
  const key = (i: number) => (Number.isFinite(objective[i]) ? objective[i] : Infinity);
  return idx.sort((a, b) => key(a) - key(b) || a - b);
}

/** Percentile (linear interpolation between order statistics, numpy's default) of sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function gridContext(problem: Problem): GridContext {
  const logXMin = problem.x.cols.map((c) => c.reduce((m, v) => Math.min(m, v), Infinity));
  const logXMax = problem.x.cols.map((c) => c.reduce((m, v) => Math.max(m, v), -Infinity));
  let logYMin = Infinity;
  let logYMax = -Infinity;
  for (const v of problem.ly) {
    if (v < logYMin) logYMin = v;
    if (v > logYMax) logYMax = v;
  }
  return { logXMin, logXMax, logYMin, logYMax };
}

function flatten(rows: readonly (readonly number[])[], p: number): Float64Array {
  const out = new Float64Array(rows.length * p);
  rows.forEach((r, i) => out.set(r, i * p));
  return out;
}

function byName(names: readonly string[], values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((n, i) => (out[n] = values[i]));
  return out;
}

function failedResult(
  spec: ModelSpec,
  opts: ResolvedFitOptions,
  n: number,
  reason: string,
  count: number,
  seconds: number,
  threads: number,
  note: string | null,
): FitResult {
  const nullRecord: Record<string, number | null> = {};
  for (const name of spec.paramNames) nullRecord[name] = null;
  return {
    model: spec.name,
    inputs: spec.inputs,
    paramNames: spec.paramNames,
    params: {},
    paramsInternal: {},
    se: nullRecord,
    seRobust: nullRecord,
    ci: null,
    level: opts.level,
    loss: lossLabel(opts.loss),
    objective: Infinity,
    status: "failed",
    reason,
    iterations: 0,
    solvers: {
      screen:
        opts.refineTop > 0 && count > opts.refineTop ? { solver: solverLabel(opts.screenSolver), iterations: 0 } : null,
      refine: { solver: solverLabel(opts.solver), iterations: 0 },
      polish: { solver: "lm-kernel", iterations: 0, objectiveDecrease: 0 },
      bootstrap: null,
    },
    starts: {
      count,
      refined: 0,
      converged: 0,
      bestIndex: -1,
      topK: 0,
      topObjective: [Infinity, Infinity],
      topParams: {},
      atBest: 0,
    },
    bootstrap: null,
    aic: Infinity,
    bic: Infinity,
    rmse: Infinity,
    n,
    seconds,
    bootstrapSeconds: null,
    parallel: { requested: opts.workers, threads, note },
  };
}

/**
 * Why the data cannot determine the model's parameters, or null when they can in principle: an input with one value
 * over the weighted points (its exponent and scale trade off exactly), or fewer distinct x than parameters.
 */
function identifiability(
  spec: ModelSpec,
  checked: {
    readonly cols: readonly Float64Array[];
    readonly y?: ArrayLike<number>;
    readonly w: ArrayLike<number>;
    readonly n: number;
  },
): string | null {
  const used: number[] = [];
  for (let i = 0; i < checked.n; i++) if (checked.w[i] > 0) used.push(i);
  for (let j = 0; j < checked.cols.length; j++) {
    const col = checked.cols[j];
    if (used.length > 0 && used.every((i) => col[i] === col[used[0]])) {
      return (
        `all ${used.length} weighted points have the ` +
        `same ${spec.inputs[j]} (${Number(Math.exp(col[used[0]]).toPrecision(6))}): the parameters on it cannot ` +
        `be determined`
      );
    }
  }
  if (used.length > 1 && checked.y !== undefined && used.every((i) => checked.y![i] === checked.y![used[0]])) {
    return (
      `all ${used.length} weighted losses are equal (${Number(checked.y[used[0]].toPrecision(6))}): a flat ` +
      `curve has no exponent or scale to determine`
    );
  }
  const distinct = new Set(used.map((i) => checked.cols.map((c) => c[i]).join(","))).size;
  const p = spec.paramNames.length;
  if (distinct < p) return `${distinct} distinct x value(s) for ${p} parameters: the parameters cannot be determined`;
  return null;
}

/**
 * Fits `model` to data (x rows of positive inputs, y positive losses). Caller mistakes (unknown model, bad option,
 * bad data) throw naming the value; a fit that fails returns status "failed" with the reason and never NaN parameters.
 */
export function fitModel(model: string | ModelSpec, data: FitData, options: FitOptions = {}): FitResult {
  // Printed (console.log, a notebook cell's last expression) as a report: parameters, SEs, intervals, status
  // (report.ts).
  return withReport(fitModelResult(model, data, options));
}

function fitModelResult(model: string | ModelSpec, data: FitData, options: FitOptions): FitResult {
  const t0 = performance.now();
  const spec = getModel(model);
  const opts = resolveFitOptions(spec, options);
  const checked = checkFitData(spec, data);
  const { kind, delta } = lossCode(opts.loss);
  const problem = makeProblem(spec, checked.cols, checked.y, checked.w, kind, delta);
  const p = problem.p;
  const message: ProblemMessage = {
    model: spec.name,
    cols: checked.cols,
    y: checked.y,
    w: checked.w,
    lossKind: kind,
    delta,
  };
  const canUseWorkers = models[spec.name] === spec;
  const customNote = "custom model specs run in the calling thread (workers look models up by name)";

  const gridRows = typeof opts.grid === "string" ? spec.grids[opts.grid](gridContext(problem)) : opts.grid;
  const starts = flatten(gridRows, p);
  const count = gridRows.length;
  const settings = { maxIterations: opts.maxIterations, ftol: opts.ftol, xtol: opts.xtol };
  let threads = 1;
  let note: string | null = null;
  const track = (run: { threads: number; note: string | null }) => {
    threads = Math.max(threads, run.threads + 1);
    if (run.note !== null) note = run.note;
  };

  // Stage 1: screening. Every start gets a few iterations; the best refineTop continue from where they stopped.
  let refineStarts = starts;
  let refineOrigin = Array.from({ length: count }, (_, i) => i);
  let screenIterations: Int32Array = new Int32Array(count);
  if (opts.refineTop > 0 && count > opts.refineTop) {
    const screenSettings = { ...settings, maxIterations: opts.screenIterations };
    const run = runParallel(
      count,
      opts.workers,
      (indices) => ({
        kind: "starts",
        problem: message,
        starts,
        indices,
        settings: screenSettings,
        solver: opts.screenSolver,
      }),
      problem,
      canUseWorkers,
      customNote,
    );
    track(run);
    const screened = gather(run, count, p);
    const order = rankByObjective(screened.objective).slice(0, opts.refineTop);
    refineOrigin = order;
    refineStarts = new Float64Array(order.length * p);
    order.forEach((i, q) =>
      refineStarts.set(
        Number.isFinite(screened.objective[i])
          ? screened.theta.subarray(i * p, (i + 1) * p)
          : starts.subarray(i * p, (i + 1) * p),
        q * p,
      ),
    );
    screenIterations = screened.iterations;
  }

  // Stage 2: full solves.
  const refineCount = refineOrigin.length;
  const run = runParallel(
    refineCount,
    opts.workers,
    (indices) => ({ kind: "starts", problem: message, starts: refineStarts, indices, settings, solver: opts.solver }),
    problem,
    canUseWorkers,
    customNote,
  );
  track(run);
  const refined = gather(run, refineCount, p);
  const order = rankByObjective(refined.objective);
  const bestQ = order[0];
  if (!Number.isFinite(refined.objective[bestQ])) {
    return failedResult(
      spec,
      opts,
      checked.n,
      `no start reached a finite objective (${count} starts)`,
      count,
      (performance.now() - t0) / 1000,
      threads,
      note,
    );
  }

  // Stage 3: polish the best solution with tighter tolerances, in the calling thread (reports status and reason).
  const solver = new Solver(problem);
  const polished = solver.solve(refined.theta.subarray(bestQ * p, (bestQ + 1) * p), {
    maxIterations: 4 * opts.maxIterations,
    ftol: opts.ftol * 1e-2,
    xtol: opts.xtol * 1e-2,
  });
  let theta = polished.theta;
  let objective = polished.objective;
  let statusCode = polished.status;
  let reason = polished.reason;
  if (!(polished.objective <= refined.objective[bestQ])) {
    theta = refined.theta.slice(bestQ * p, (bestQ + 1) * p);
    objective = refined.objective[bestQ];
    statusCode = refined.status[bestQ];
    reason =
      STATUS_NAMES[statusCode] === "max_iterations"
        ? `stopped after ${opts.maxIterations} iterations`
        : "converged in the multi-start stage";
  }
  if (statusCode === STATUS_MAX_ITERATIONS) reason = `${reason}; objective still decreasing`;
  const natural = spec.toNatural(theta);
  if (!natural.every(Number.isFinite)) {
    return failedResult(
      spec,
      opts,
      checked.n,
      `the best solution overflows in natural ` +
        `form (${spec.internalNames.map((nm, j) => `${nm}=${theta[j]}`).join(", ")})`,
      count,
      (performance.now() - t0) / 1000,
      threads,
      note,
    );
  }
  const polishAccepted = polished.objective <= refined.objective[bestQ];
  const iterations =
    screenIterations[refineOrigin[bestQ]] + refined.iterations[bestQ] + (polishAccepted ? polished.iterations : 0);
  const screened = opts.refineTop > 0 && count > opts.refineTop;
  const solverStages = {
    screen: screened
      ? { solver: solverLabel(opts.screenSolver), iterations: screenIterations[refineOrigin[bestQ]] }
      : null,
    refine: { solver: solverLabel(opts.solver), iterations: refined.iterations[bestQ] },
    polish: {
      solver: "lm-kernel" as const,
      iterations: polishAccepted ? polished.iterations : 0,
      objectiveDecrease: polishAccepted ? refined.objective[bestQ] - polished.objective : 0,
    },
    bootstrap: opts.bootstrap === null ? null : solverLabel(opts.solver),
  };

  // Spread of the top solutions: do different starts agree on the optimum?
  const finiteCount = order.filter((q) => Number.isFinite(refined.objective[q])).length;
  const topK = Math.min(opts.topK, finiteCount);
  const topParams: Record<string, [number, number]> = {};
  spec.paramNames.forEach((name) => (topParams[name] = [Infinity, -Infinity]));
  let converged = 0;
  let atBest = 0;
  for (let q = 0; q < refineCount; q++) {
    const s = refined.status[q];
    if (s === STATUS_CONVERGED || s === STATUS_HIT_BOUND) converged++;
    if (refined.objective[q] <= refined.objective[bestQ] * (1 + 1e-9)) atBest++;
  }
  for (let r = 0; r < topK; r++) {
    const q = order[r];
    if (!Number.isFinite(refined.objective[q])) continue;
    const v = spec.toNatural(refined.theta.subarray(q * p, (q + 1) * p));
    spec.paramNames.forEach((name, j) => {
      topParams[name][0] = Math.min(topParams[name][0], v[j]);
      topParams[name][1] = Math.max(topParams[name][1], v[j]);
    });
  }
  const startsSummary: StartsSummary = {
    count,
    refined: refineCount,
    converged,
    bestIndex: refineOrigin[bestQ],
    topK,
    topObjective: [refined.objective[order[0]], refined.objective[order[topK - 1]]],
    topParams,
    atBest,
  };

  // Standard errors from the Jacobian, delta method into natural form.
  const cov = internalCovariance(problem, theta);
  const seList = naturalStandardErrors(spec.toNatural, theta, cov);
  const se: Record<string, number | null> = {};
  spec.paramNames.forEach((name, j) => (se[name] = seList[j]));
  const seRobustList = naturalStandardErrors(spec.toNatural, theta, internalCovariance(problem, theta, true));
  const seRobust: Record<string, number | null> = {};
  spec.paramNames.forEach((name, j) => (seRobust[name] = seRobustList[j]));

  // Bootstrap: each resample refits from the best solution and the next distinct top solutions (warm starts).
  let ci: Record<string, [number, number]> | null = null;
  let bootstrap: BootstrapSummary | null = null;
  const tBoot = performance.now();
  let bootstrapSeconds: number | null = null;
  if (opts.bootstrap !== null) {
    const { resamples, seed } = opts.bootstrap;
    const warm: number[][] = [Array.from(theta)];
    for (const q of order.slice(1)) {
      if (warm.length >= 3) break;
      const cand = Array.from(refined.theta.subarray(q * p, (q + 1) * p));
      if (!cand.every(Number.isFinite)) continue;
      if (warm.every((w) => w.some((v, j) => Math.abs(v - cand[j]) > 1e-3 * Math.max(1, Math.abs(v))))) warm.push(cand);
    }
    const warmFlat = flatten(warm, p);
    const bRun = runParallel(
      resamples,
      opts.workers,
      (indices) => ({
        kind: "bootstrap",
        problem: message,
        starts: warmFlat,
        indices,
        seed,
        settings,
        solver: opts.solver,
      }),
      problem,
      canUseWorkers,
      customNote,
    );
    track(bRun);
    const boot = gather(bRun, resamples, p);
    const samples: Record<string, number[]> = {};
    spec.paramNames.forEach((name) => (samples[name] = []));
    let failed = 0;
    for (let b = 0; b < resamples; b++) {
      const v = boot.status[b] === STATUS_FAILED ? null : spec.toNatural(boot.theta.subarray(b * p, (b + 1) * p));
      if (v === null || !v.every(Number.isFinite)) {
        failed++;
        continue;
      }
      spec.paramNames.forEach((name, j) => samples[name].push(v[j]));
    }
    const sd: Record<string, number> = {};
    if (resamples - failed >= 2) {
      ci = {};
      for (const name of spec.paramNames) {
        const s = samples[name];
        const sorted = [...s].sort((a, b) => a - b);
        ci[name] = [quantileSorted(sorted, (1 - opts.level) / 2), quantileSorted(sorted, 1 - (1 - opts.level) / 2)];
        const mean = s.reduce((a, b) => a + b, 0) / s.length;
        sd[name] = Math.sqrt(s.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (s.length - 1));
      }
    }
    bootstrap = { resamples, seed, failed, samples: opts.keepSamples ? samples : null, sd };
    bootstrapSeconds = (performance.now() - tBoot) / 1000;
  }

  const { rss } = residualsAt(problem, theta);
  const unidentifiable = identifiability(spec, checked);
  let nEff = 0;
  for (const w of checked.w) if (w > 0) nEff++;
  const meanSq = Math.max(rss / nEff, Number.MIN_VALUE);
  const aic = nEff * Math.log(meanSq) + 2 * p;
  const bic = nEff * Math.log(meanSq) + p * Math.log(nEff);

  return {
    model: spec.name,
    inputs: spec.inputs,
    paramNames: spec.paramNames,
    params: byName(spec.paramNames, natural),
    paramsInternal: byName(spec.internalNames, Array.from(theta)),
    se,
    seRobust,
    ci,
    level: opts.level,
    loss: lossLabel(opts.loss),
    objective,
    status: unidentifiable === null ? STATUS_NAMES[statusCode] : "unidentifiable",
    reason: unidentifiable ?? reason,
    iterations,
    solvers: solverStages,
    starts: startsSummary,
    bootstrap,
    aic,
    bic,
    rmse: Math.sqrt(rss / nEff),
    n: checked.n,
    seconds: (performance.now() - t0) / 1000,
    bootstrapSeconds,
    parallel: { requested: opts.workers, threads, note },
  };
}

/** Model prediction L(x) at one input row (natural scale), from a fit result. */
export function predictModel(result: FitResult, x: readonly number[] | number): number {
  if (result.status === "failed") throw new Error(`cannot predict from a failed fit (${result.reason})`);
  const spec = getModel(result.model);
  const row = typeof x === "number" ? [x] : x;
  if (row.length !== spec.inputs.length)
    throw new Error(`invalid x: ${JSON.stringify(x)} (model ${spec.name} expects ${spec.inputs.join(", ")})`);
  row.forEach((v, j) => {
    if (!(v > 0) || !Number.isFinite(v))
      throw new Error(`invalid x: ${spec.inputs[j]} = ${v} (inputs must be finite and positive)`);
  });
  const theta = spec.internalNames.map((name) => result.paramsInternal[name]);
  const out = new Float64Array(1);
  spec.logPredict(theta, { cols: row.map((v) => Float64Array.of(Math.log(v))), n: 1 }, out, null);
  return Math.exp(out[0]);
}
