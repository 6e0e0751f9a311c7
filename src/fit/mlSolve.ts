// The default solver (options.solver = "ml"): ml-levenberg-marquardt 4.1.3, the stack's chosen solver, computes and
// controls every step (normal equations, damping, which point is best); this file closes the gaps that make it unfit,
// as shipped, for a 4,500-start Huber fit. Measured on Epoch's data (bootstrap refits from the optimum, 300 resamples):
// - No robust loss. ml-LM's error is made exactly our objective, and its step model is the IRLS one with the curvature
//   correction of our kernel (MlAdapter below). With the plain pseudo-residual Jacobian (f_i = sign(r_i) sqrt(2 rho))
//   ml-LM converged linearly (error ratio ~0.65 per iteration, 41.6 iterations per refit); with the correction 16.6,
//   as many as our kernel (16.5).
// - A fixed forward-difference step of 0.1 (wrong by far on exponents ~0.3): ml-LM's only Jacobian interface is the
//   difference quotient through the model function, so its probes are answered from the analytic Jacobian.
// - `weights` that scale the error and the normal equations inconsistently (error by w^2, equations by 1/w^2): weights
//   are folded into f as sqrt(w); ml-LM's own stay 1.
// - Only an absolute stop (error <= errorTolerance; 0 here) and no status: our relative tests (ftol, xtol, ML_STALL)
//   watch every point ml-LM evaluates and end the run by throwing from the model function (ml-LM has no other exit:
//   with errorTolerance 0 it runs all maxIterations; calling it in chunks of 10 iterations instead took 57.4
//   iterations per refit vs 41.6, each chunk restarting its damping and burning its tail after convergence).
// - It moves to a worse point rather than rejecting the step; the best point seen is kept, as ml-LM itself does.
// - Bounds only clamp: a solution at a bound is reported as hit_bound; fitModel's polish (solver.ts, active set)
//   then confirms the best solution and its status.
// - Per-iteration ml-matrix allocations proportional to the data (an n x p Jacobian, its transpose and products, built
//   element by element): ml-LM is given the step model compressed to p + 1 rows with the same normal equations
//   (MlAdapter.compress), so it takes the same steps at a fraction of the cost (600 refits: 706 -> 350 ms).
import { LOSS_HUBER, LOSS_LS, type Problem } from "./problem";
import {
  STATUS_CONVERGED,
  STATUS_FAILED,
  STATUS_HIT_BOUND,
  STATUS_MAX_ITERATIONS,
  type SolveOutcome,
  type SolveSettings,
} from "./solver";

import { mlLevenbergMarquardt } from "./mlLevenbergMarquardt";

// Node10-resolution friendly CommonJS import, typed from the package's own declarations.
const { levenbergMarquardt } = require("ml-levenberg-marquardt") as typeof import("ml-levenberg-marquardt");

/**
 * Which code runs ml-LM's iteration: "port" (default), the transcription in mlLevenbergMarquardt.ts, which takes the
 * same steps bit for bit without ml-matrix's per-iteration allocations (the analysis's ~100 curve fits: 2x faster), or
 * "library", ml-levenberg-marquardt itself (test/fit/mlLevenbergMarquardt.test.ts runs both and compares the bits).
 */
export const mlImplementation: { current: "port" | "library" } = { current: "port" };

/**
 * Consecutive ml-LM steps without a new best point that end a run; a run that had made progress then restarts from the
 * best point (solveWithMl). Without restarts, 6 ended 3 of 300 Epoch bootstrap refits and 5 of 50 refits of the
 * synthetic power-law test data early (objective up to 5e-2 relative above our kernel's); with restarts none.
 */
const ML_STALL = 6;
/**
 * ml-LM's initial damping (it adds damping * I). On the 300 bootstrap refits: its default 1e-2 let a few runs stall
 * early (summed objective 3e-5 relative above our kernel's), 1e-6 cost 2x the time, 1e-4 matched our kernel.
 */
const ML_DAMPING = 1e-4;
/** ml-LM clamps its damping to at most 1e7 (index.js); restarts after a singular matrix stop there. */
const ML_MAX_DAMPING = 1e7;
/**
 * Forward-difference step ml-LM is told to use; its probes are answered exactly, so the size only has to be nonzero.
 */
const PROBE_STEP = 1;

/**
 * Scale on the Gauss-Newton curvature of points outside the Huber delta in the step model ml-LM is given (the same
 * device and value as our kernel's HUBER_CURVATURE_SCALE, solver.ts): the IRLS weight delta/|r| over-states the
 * curvature of the linear part of Huber (whose true second derivative is 0), so steps come out short and ml-LM
 * converges linearly. Bootstrap refits of Epoch's data from the optimum, ratio of successive errors: about 0.65 per
 * iteration with the plain pseudo-residual Jacobian (curvature ~0.5 delta/|r|), 41.6 iterations to ftol 1e-13; 16.6
 * with this scale (0.2: 21.5, 0.3: 26.5).
 */
const ML_HUBER_CURVATURE_SCALE = 0.1;
/** Like our kernel, the first few iterations of a run keep the full IRLS curvature (safer far from the optimum). */
const ML_CAUTIOUS_ITERATIONS = 4;

const EMPTY = new Float64Array(0);
const PHASE_REAL = 0; // last call was a real evaluation: next, ml-LM's step evaluates that same point (its base)
const PHASE_PROBING = 1; // answering probes base + h e_k, k = nextProbe
const PHASE_STEPPED = 2; // probes done: next, ml-LM evaluates its new point (a real evaluation)

/**
 * What ml-LM sees of a problem. Real evaluations (ml-LM's error at a point) return f with sum f_i^2 exactly our
 * objective (compressed: one row sqrt(objective); uncompressed: f_i = sqrt(w_i rho(r_i)) with the sign of r_i), so
 * ml-LM keeps the point of least true objective. For its step, ml-LM evaluates the current point and p difference
 * probes (ml-LM 4.1.3, step.js / gradientFunction.js); those calls get the linear model s + K (theta - base) with K_i =
 * sqrt(w_i omega_i) dr_i/dtheta and s_i = sqrt(w_i) psi_i / sqrt(omega_i) (psi = rho', omega = IRLS curvature), so K^T
 * s is the exact gradient of the objective and K^T K its IRLS Gauss-Newton matrix: ml-LM's step is the damped IRLS
 * step, computed and controlled by ml-LM. (A Triggs-style correction, as scipy.optimize.least_squares applies for
 * robust losses; Triggs et al. 2000, Bundle adjustment: a modern synthesis, sec. 4.3.) Calls that do not follow ml-LM's
 * call pattern are evaluated for real (true values, but difference quotients over PROBE_STEP = 1 would be poor), so
 * test/fit/mlSolve.test.ts pins the pattern: one real evaluation and p + 1 model calls per iteration.
 */
export class MlAdapter {
  readonly problem: Problem;
  readonly w: Float64Array;
  /** sqrt(w_i), once per adapter (one ml-LM run) rather than per evaluation; w is not copied, so not cached beyond. */
  private readonly sqrtW: Float64Array;
  /** Real model evaluations, and calls answered from the step model. */
  evaluations = 0;
  modelCalls = 0;
  private readonly pred: Float64Array;
  private readonly jacPred: Float64Array;
  private readonly base: Float64Array;
  private baseF: Float64Array;
  private baseObjective = NaN;
  private baseS: Float64Array;
  /** K at `base`, row-major rows x p. */
  private readonly baseK: Float64Array;
  /** Rows ml-LM sees: p + 1 when compressed (see evaluate), else one per data point. */
  readonly rows: number;
  readonly compressed: boolean;
  private readonly fullS: Float64Array;
  private readonly fullK: Float64Array;
  private phase = PHASE_STEPPED;
  private nextProbe = 0;
  /** Called with every real evaluation's parameters and true objective (may throw to end the ml-LM run). */
  private readonly onEvaluate: ((theta: ArrayLike<number>, objective: number) => void) | null;

  constructor(
    problem: Problem,
    w: Float64Array = problem.w,
    onEvaluate: ((theta: ArrayLike<number>, objective: number) => void) | null = null,
    compressed = true,
  ) {
    const { n, p } = problem;
    this.problem = problem;
    this.w = w;
    this.sqrtW = w.map(Math.sqrt);
    this.onEvaluate = onEvaluate;
    this.compressed = compressed;
    this.rows = compressed ? p + 1 : n;
    this.pred = new Float64Array(n);
    this.jacPred = new Float64Array(n * p);
    this.base = new Float64Array(p).fill(NaN);
    this.baseF = new Float64Array(this.rows);
    this.baseS = new Float64Array(this.rows);
    this.baseK = new Float64Array(this.rows * p);
    // The n-row step model is stored only where evaluate does not reduce it in its loop (see fused there).
    const fused = compressed && (p === 3 || p === 5);
    this.fullS = fused ? EMPTY : new Float64Array(n);
    this.fullK = fused ? EMPTY : new Float64Array(n * p);
  }

  /** Real evaluation at theta, which becomes the base of the next step model. Returns f (a fresh array). */
  evaluate(theta: ArrayLike<number>): Float64Array {
    const { n, p, model, x, lossKind, delta, y, ly } = this.problem;
    const { pred, jacPred, w, sqrtW } = this;
    const compressed = this.compressed;
    const baseK = compressed ? this.fullK : this.baseK;
    // The first real evaluations of a run keep the full IRLS curvature (see ML_CAUTIOUS_ITERATIONS).
    const kappa = this.evaluations <= ML_CAUTIOUS_ITERATIONS ? 1 : ML_HUBER_CURVATURE_SCALE;
    this.evaluations++;
    model.logPredict(theta, x, pred, jacPred);
    // f (ml-LM's rows) is only needed uncompressed; compressed, ml-LM sees one row carrying the objective.
    const f = compressed ? null : new Float64Array(n);
    const sv = compressed ? this.fullS : new Float64Array(n);
    // Imported constants are read once: tsx compiles them to getters, which cost more than the loop body.
    const isLs = lossKind === LOSS_LS;
    const isHuber = lossKind === LOSS_HUBER;
    // Three or five parameters, compressed (every fit of the analysis; the Chinchilla law): K^T K and K^T s accumulate
    // in this loop, in scalars, instead of a second pass over a stored K (compress): each sum still adds its terms in
    // point order from 0, so the same bits.
    const fused3 = compressed && p === 3;
    const fused5 = compressed && p === 5;
    let h00 = 0,
      h10 = 0,
      h11 = 0,
      h20 = 0,
      h21 = 0,
      h22 = 0,
      g0 = 0,
      g1 = 0,
      g2 = 0;
    let h30 = 0,
      h31 = 0,
      h32 = 0,
      h33 = 0,
      h40 = 0,
      h41 = 0,
      h42 = 0,
      h43 = 0,
      h44 = 0,
      g3 = 0,
      g4 = 0;
    // The objective (problem.ts objectiveAt), summed in this loop with objectiveAt's expressions, in point order.
    let objective = 0;
    for (let i = 0; i < n; i++) {
      const sw = sqrtW[i];
      let r: number;
      let dr: number; // d r / d pred
      if (isLs) {
        const L = Math.exp(pred[i]);
        r = y[i] - L;
        dr = -L;
      } else {
        r = ly[i] - pred[i];
        dr = -1;
      }
      let c = sw * dr; // row scale of K: sqrt(w omega) dr/dpred
      let si: number;
      if (isHuber) {
        const ar = r < 0 ? -r : r;
        if (ar <= delta) {
          objective += w[i] * (0.5 * r * r);
          if (f !== null) f[i] = sw * r * Math.SQRT1_2;
          si = sw * r;
        } else {
          objective += w[i] * (delta * (ar - 0.5 * delta));
          if (f !== null) {
            const m = sw * Math.sqrt(delta * (ar - 0.5 * delta));
            f[i] = r < 0 ? -m : m;
          }
          // psi = delta sign(r), omega = kappa delta / |r|: s = sqrt(w) sign(r) sqrt(delta |r| / kappa).
          const q = Math.sqrt((delta * ar) / kappa);
          si = sw * (r < 0 ? -q : q);
          c *= Math.sqrt((kappa * delta) / ar);
        }
      } else {
        objective += w[i] * r * r;
        si = sw * r;
        if (f !== null) f[i] = si;
      }
      const k = i * p;
      if (fused3 || fused5) {
        const k0 = c * jacPred[k];
        const k1 = c * jacPred[k + 1];
        const k2 = c * jacPred[k + 2];
        g0 += k0 * si;
        h00 += k0 * k0;
        g1 += k1 * si;
        h10 += k1 * k0;
        h11 += k1 * k1;
        g2 += k2 * si;
        h20 += k2 * k0;
        h21 += k2 * k1;
        h22 += k2 * k2;
        if (fused5) {
          const k3 = c * jacPred[k + 3];
          const k4 = c * jacPred[k + 4];
          g3 += k3 * si;
          h30 += k3 * k0;
          h31 += k3 * k1;
          h32 += k3 * k2;
          h33 += k3 * k3;
          g4 += k4 * si;
          h40 += k4 * k0;
          h41 += k4 * k1;
          h42 += k4 * k2;
          h43 += k4 * k3;
          h44 += k4 * k4;
        }
        continue;
      }
      sv[i] = si;
      for (let j = 0; j < p; j++) baseK[k + j] = c * jacPred[k + j];
    }
    for (let j = 0; j < p; j++) this.base[j] = theta[j];
    this.phase = PHASE_REAL;
    this.baseObjective = objective;
    if (compressed) {
      if (fused3) {
        const H = new Float64Array(9);
        H[0] = h00;
        H[3] = h10;
        H[4] = h11;
        H[6] = h20;
        H[7] = h21;
        H[8] = h22;
        this.factor(H, Float64Array.of(g0, g1, g2));
      } else if (fused5) {
        const H = new Float64Array(25);
        H[0] = h00;
        H[5] = h10;
        H[6] = h11;
        H[10] = h20;
        H[11] = h21;
        H[12] = h22;
        H[15] = h30;
        H[16] = h31;
        H[17] = h32;
        H[18] = h33;
        H[20] = h40;
        H[21] = h41;
        H[22] = h42;
        H[23] = h43;
        H[24] = h44;
        this.factor(H, Float64Array.of(g0, g1, g2, g3, g4));
      } else this.compress(sv, baseK);
      // ml-LM's error at this point: one row carrying the whole objective.
      const fc = new Float64Array(this.rows);
      fc[0] = Math.sqrt(this.baseObjective);
      this.baseF = fc;
    } else {
      this.baseF = f!;
      this.baseS = sv;
    }
    if (this.onEvaluate !== null) this.onEvaluate(theta, this.baseObjective);
    return this.baseF;
  }

  /**
   * Replaces the n-row step model (s, K) by p + 1 rows (s', K') with the same K'^T K' = K^T K and K'^T s' = K^T s:
   * K' = L^T from the Cholesky factor of K^T K, s' = L^-1 K^T s, and a zero row (ml-LM wants at least 2 points).
   * ml-LM's step, damping update and error depend on (s, K) only through those products, so it takes the same steps,
   * but its ml-matrix work per iteration (the n x p Jacobian matrix, its transpose, products, all freshly allocated)
   * shrinks from n = 240 rows to 6. A pivot below 1e-14 of the largest diagonal (a direction with no curvature) gets
   * a zero row and zero residual; ml-LM's damping still bounds the step there.
   */
  private compress(sv: Float64Array, K: Float64Array): void {
    const { n, p } = this.problem;
    const H = new Float64Array(p * p);
    const g = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const k = i * p;
      const si = sv[i];
      for (let j = 0; j < p; j++) {
        const kj = K[k + j];
        g[j] += kj * si;
        for (let l = 0; l <= j; l++) H[j * p + l] += kj * K[k + l];
      }
    }
    this.factor(H, g);
  }

  /** The rest of compress: from H = K^T K (lower triangle, row-major) and g = K^T s to the p + 1 rows ml-LM sees. */
  private factor(H: Float64Array, g: Float64Array): void {
    const { p } = this.problem;
    let maxDiag = 0;
    for (let j = 0; j < p; j++) maxDiag = Math.max(maxDiag, H[j * p + j]);
    // In-place Cholesky H = L L^T (lower triangle), skipping directions without curvature.
    const L = H;
    for (let j = 0; j < p; j++) {
      let d = L[j * p + j];
      for (let k = 0; k < j; k++) d -= L[j * p + k] * L[j * p + k];
      if (!(d > 1e-14 * maxDiag)) {
        for (let i = j; i < p; i++) L[i * p + j] = 0;
        continue;
      }
      const r = Math.sqrt(d);
      L[j * p + j] = r;
      for (let i = j + 1; i < p; i++) {
        let t = L[i * p + j];
        for (let k = 0; k < j; k++) t -= L[i * p + k] * L[j * p + k];
        L[i * p + j] = t / r;
      }
    }
    // s' = L^-1 g (forward substitution; zero where the pivot was skipped), K' = L^T (row j of K' = column j of L).
    const sc = new Float64Array(this.rows);
    for (let j = 0; j < p; j++) {
      const piv = L[j * p + j];
      if (piv === 0) continue;
      let t = g[j];
      for (let k = 0; k < j; k++) t -= L[j * p + k] * sc[k];
      sc[j] = t / piv;
    }
    const Kc = this.baseK;
    Kc.fill(0);
    for (let j = 0; j < p; j++) for (let l = 0; l <= j; l++) Kc[l * p + j] = L[j * p + l];
    this.baseS = sc;
  }

  /** The function ml-LM calls: params -> (point index -> value). */
  readonly fn = (params: number[]): ((i: number) => number) => {
    const { p } = this.problem;
    const n = this.rows;
    const base = this.base;
    let differ = -1;
    let count = 0;
    for (let j = 0; j < p; j++) {
      if (params[j] !== base[j]) {
        differ = j;
        count++;
      }
    }
    if (this.phase === PHASE_REAL && count === 0) {
      // ml-LM's step starts at the point it just evaluated: the residual of the step model.
      this.modelCalls++;
      this.phase = PHASE_PROBING;
      this.nextProbe = 0;
      const s0 = this.baseS;
      return (i) => s0[i];
    }
    if (
      this.phase === PHASE_PROBING &&
      count === 1 &&
      differ === this.nextProbe &&
      params[differ] === base[differ] + PROBE_STEP
    ) {
      this.modelCalls++;
      const k = this.nextProbe++;
      if (this.nextProbe === p) this.phase = PHASE_STEPPED;
      const s0 = this.baseS;
      const K = this.baseK;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = s0[i] + PROBE_STEP * K[i * p + k];
      return (i) => out[i];
    }
    if (this.phase === PHASE_STEPPED && count === 0) {
      // A step of zero (every moved parameter clamped back): the new point is the base, already evaluated.
      this.phase = PHASE_REAL;
      if (this.onEvaluate !== null) this.onEvaluate(params, this.baseObjective);
      const f0 = this.baseF;
      return (i) => f0[i];
    }
    const f = this.evaluate(params);
    return (i) => f[i];
  };
}

/** Thrown from the model function to end an ml-LM run once our relative test is met (ml-LM cannot stop itself). */
class MlStop {
  constructor(readonly reason: string) {}
}
const STALLED = "stalled";

/**
 * Minimises the objective from theta0 with ml-levenberg-marquardt. Deterministic: the same inputs give the same bits.
 */
export function solveWithMl(
  problem: Problem,
  theta0: ArrayLike<number>,
  settings: SolveSettings,
  w: Float64Array = problem.w,
  compressed = true,
): SolveOutcome {
  const { n, p, model } = problem;
  const { lower, upper } = model;
  // Our stopping test watches every point ml-LM evaluates (the start, then one new point per iteration) and keeps the
  // best; ml-LM moves on even after a worse step, so "no progress" is counted against the best point, not the last.
  const best = Float64Array.from(theta0, (v, j) => Math.min(upper[j], Math.max(lower[j], v)));
  let fBest = NaN;
  let iterations = 0;
  let runIterations = -1;
  let stall = 0;
  let improved = false;
  const onEvaluate = (t: ArrayLike<number>, f: number) => {
    if (++runIterations === 0) {
      // A run's first evaluation is its start: theta0, or the best point when a run is restarted.
      if (Number.isNaN(fBest)) fBest = f;
      if (!Number.isFinite(f)) throw new MlStop("objective is not finite at the start");
      return;
    }
    iterations++;
    if (f < fBest) {
      let maxRel = 0;
      for (let j = 0; j < p; j++) {
        maxRel = Math.max(maxRel, Math.abs(t[j] - best[j]) / Math.max(1, Math.abs(best[j])));
        best[j] = t[j];
      }
      const df = fBest - f;
      fBest = f;
      improved = true;
      // Only a step taken from the best point measures progress: after a worse step ml-LM continues from the worse
      // point, and its way back may beat the best by a hair far from the optimum.
      const fromBest = stall === 0;
      stall = 0;
      if (fromBest && df <= settings.ftol * f) throw new MlStop("relative objective change below ftol");
      if (fromBest && maxRel <= settings.xtol) throw new MlStop("relative step below xtol");
    } else if (++stall >= ML_STALL) {
      throw new MlStop(STALLED);
    }
    if (iterations >= settings.maxIterations) throw new MlStop(`stopped after ${settings.maxIterations} iterations`);
  };
  const rows = compressed ? p + 1 : n;
  const data = { x: Array.from({ length: rows }, (_, i) => i), y: new Float64Array(rows) };
  let stopReason: string | null = null;
  let restarts = 0;
  let damping = ML_DAMPING;
  for (;;) {
    runIterations = -1;
    stall = 0;
    improved = false;
    stopReason = null;
    let singular = false;
    try {
      const lmOptions = {
        initialValues: Array.from(best),
        minValues: lower,
        maxValues: upper,
        gradientDifference: new Array<number>(p).fill(PROBE_STEP),
        centralDifference: false,
        damping,
        // One more than what is left of our cap: our test, not ml-LM's count, ends the run.
        maxIterations: settings.maxIterations - iterations + 1,
        errorTolerance: 0,
      };
      const fn = new MlAdapter(problem, w, onEvaluate, compressed).fn;
      if (mlImplementation.current === "library") levenbergMarquardt(data, fn, lmOptions);
      else mlLevenbergMarquardt(rows, fn, lmOptions);
    } catch (error) {
      // ml-matrix's inverse throws on a singular damped normal matrix (ml-LM adds only damping * I, negligible beside a
      // Gauss-Newton matrix with entries ~1e12, e.g. least squares on noiseless data): restart with 100x the damping.
      if (error instanceof Error && /singular/i.test(error.message)) {
        singular = true;
      } else if (error instanceof MlStop) {
        stopReason = error.reason;
      } else {
        throw error;
      }
    }
    if (singular) {
      stopReason = "its damped normal equations are singular";
      if (damping >= ML_MAX_DAMPING) break;
      damping *= 100;
      restarts++;
      continue;
    }
    // ml-LM, never rejecting a step, can wander off from a point it would have improved on (more often with the
    // corrected curvature of the step model): a run that stalled after progress restarts from the best point, with a
    // fresh damping and the cautious curvature.
    if (stopReason === STALLED && improved) {
      restarts++;
      damping = ML_DAMPING;
      continue;
    }
    break;
  }
  if (stopReason === STALLED)
    stopReason =
      `no lower objective in ${ML_STALL} consecutive ` +
      `steps${restarts > 0 ? ` (after ${restarts} restarts from the best point)` : ""}`;
  const out = Float64Array.from(best);
  if (!Number.isFinite(fBest))
    return {
      theta: out,
      objective: fBest,
      iterations,
      status: STATUS_FAILED,
      reason: stopReason ?? "objective is not finite",
    };
  // ml-LM returned by itself only if its error became NaN (it breaks) or its own iteration cap ran out.
  const reason = `ml-levenberg-marquardt: ${stopReason ?? "its error became NaN"}`;
  let status = stopReason !== null && stopReason.startsWith("stopped after") ? STATUS_MAX_ITERATIONS : STATUS_CONVERGED;
  let finalReason = reason;
  if (status === STATUS_CONVERGED) {
    for (let j = 0; j < p; j++) {
      if (out[j] <= lower[j] || out[j] >= upper[j]) {
        status = STATUS_HIT_BOUND;
        finalReason = `${model.internalNames[j]} at its ${out[j] <= lower[j] ? "lower" : "upper"} bound ${out[j]}`;
        break;
      }
    }
  }
  return { theta: out, objective: fBest, iterations, status, reason: finalReason };
}
