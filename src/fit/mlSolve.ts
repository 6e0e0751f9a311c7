// The ml-levenberg-marquardt 4.1.3 path (options.solver = "ml"): the mljs solver does the descent, our code closes its
// gaps. ml-LM has no robust loss, so the Huber objective is minimised by iteratively reweighted least squares: each
// round folds sqrt(w * omega) into residuals and predictions (ml-LM's own `weights` scale the error and the step
// inconsistently in 4.1.3: the error divides by 1/w^2, the normal equations multiply by it). Its fixed forward-difference
// step of 0.1 is replaced by central differences scaled to each parameter; its absolute errorTolerance stop is disabled
// (set to 0) in favour of our relative test on the true objective; its clamp-only bounds are followed by our
// bound-aware polish (Solver), which also reports status and reason.
import { LOSS_HUBER, LOSS_LS, objectiveAt, type Problem } from "./problem";
import { Solver, STATUS_FAILED, type SolveOutcome, type SolveSettings } from "./solver";

// Node10-resolution friendly CommonJS import, typed from the package's own declarations.
const { levenbergMarquardt } = require("ml-levenberg-marquardt") as typeof import("ml-levenberg-marquardt");

/** ml-LM iterations per IRLS round; rounds continue until settings.maxIterations ml-LM iterations are spent. */
const ML_ITERATIONS = 20;

export function solveWithMl(problem: Problem, theta0: ArrayLike<number>, settings: SolveSettings, w: Float64Array = problem.w): SolveOutcome {
  const { n, p, model, lossKind, delta, y, ly } = problem;
  const polisher = new Solver(problem);
  let theta = Array.from(theta0, (v, j) => Math.min(model.upper[j], Math.max(model.lower[j], v)));
  const pred = new Float64Array(n);
  const sw = new Float64Array(n);
  const target = new Float64Array(n);
  const xIndex = Array.from({ length: n }, (_, i) => i);
  let f = polisher.objective(theta, w);
  if (!Number.isFinite(f)) return { theta: Float64Array.from(theta), objective: f, iterations: 0, status: STATUS_FAILED, reason: "objective is not finite at the start" };
  let iterations = 0;
  while (iterations < settings.maxIterations) {
    model.logPredict(theta, problem.x, pred, null);
    for (let i = 0; i < n; i++) {
      let omega = 1;
      if (lossKind === LOSS_HUBER) {
        const r = Math.abs(ly[i] - pred[i]);
        omega = r <= delta ? 1 : delta / r;
      }
      sw[i] = Math.sqrt(w[i] * omega);
      target[i] = sw[i] * (lossKind === LOSS_LS ? y[i] : ly[i]);
    }
    // One batch prediction per parameter vector; ml-LM then reads it point by point.
    const batch = new Float64Array(n);
    const fn = (params: number[]) => {
      model.logPredict(params, problem.x, batch, null);
      const out = Float64Array.from(batch, (v, i) => sw[i] * (lossKind === LOSS_LS ? Math.exp(v) : v));
      return (i: number) => out[i];
    };
    const result = levenbergMarquardt({ x: xIndex, y: target }, fn, {
      initialValues: theta.slice(),
      minValues: model.lower,
      maxValues: model.upper,
      gradientDifference: theta.map((v) => 1e-6 * Math.max(1, Math.abs(v))),
      centralDifference: true,
      maxIterations: Math.min(ML_ITERATIONS, settings.maxIterations - iterations),
      errorTolerance: 0,
    });
    iterations += result.iterations;
    const next = result.parameterValues;
    model.logPredict(next, problem.x, pred, null);
    const fNext = objectiveAt(problem, pred, w);
    if (!(fNext < f)) break;
    const df = f - fNext;
    theta = next;
    f = fNext;
    if (df <= settings.ftol * f) break;
  }
  const polished = polisher.solve(theta, settings, w);
  return { ...polished, iterations: iterations + polished.iterations };
}
