// The hot kernel: a bounded Levenberg-Marquardt with analytic Jacobians and iteratively reweighted least squares for
// the Huber loss. It closes the gaps of ml-levenberg-marquardt 4.1.3 that matter for 4,500-start scaling-law fits:
// ml-LM differentiates with a fixed forward step of 0.1 (wrong by far on exponents ~0.3), only clamps at bounds, stops
// on an absolute error threshold, has no robust loss and allocates matrices every iteration. Here every buffer is
// preallocated per problem, so one start costs microseconds per iteration.
import { LOSS_HUBER, LOSS_LS, objectiveAt, type Problem } from "./problem";

export const STATUS_CONVERGED = 0;
export const STATUS_HIT_BOUND = 1;
export const STATUS_MAX_ITERATIONS = 2;
export const STATUS_FAILED = 3;

export interface SolveSettings {
  readonly maxIterations: number;
  /** Stop when an accepted step lowers the objective by less than ftol relative. */
  readonly ftol: number;
  /** Stop when an accepted step moves every parameter by less than xtol relative (absolute below 1). */
  readonly xtol: number;
}

export interface SolveOutcome {
  readonly theta: Float64Array;
  readonly objective: number;
  readonly iterations: number;
  readonly status: number;
  readonly reason: string;
}

/** Upper limit of the damping factor: beyond it no step lowers the objective at double precision. */
const MAX_DAMPING = 1e16;
/**
 * Scale on the IRLS curvature delta/|r| of points outside the Huber delta, after the first CAUTIOUS_ITERATIONS of a
 * solve. The IRLS weight majorises the Huber loss, so it over-states curvature: with delta = 1e-3 nearly every point is
 * in the linear region and steps come out far too short, giving slow linear convergence. Scaling it by 0.1 (the
 * gain-ratio test still rejects any step that does not lower the true objective) cut iterations 3-4x on Epoch's data
 * (bootstrap refits from the optimum 60 -> 16, a full solve from the best grid start 89 -> 24) with equal or lower
 * objectives. Far from the optimum the full IRLS curvature screens better (fewer rejected steps), hence the first
 * iterations keep it. Both constants are empirical (scans of 0.03-1 and 0-4 on that data set).
 */
const CAUTIOUS_ITERATIONS = 4;
const HUBER_CURVATURE_SCALE = 0.1;

export class Solver {
  readonly problem: Problem;
  private pred: Float64Array;
  private predTrial: Float64Array;
  private jac: Float64Array;
  private jacTrial: Float64Array;
  private readonly H: Float64Array;
  private readonly A: Float64Array;
  private readonly g: Float64Array;
  private readonly step: Float64Array;
  private readonly trial: Float64Array;
  private readonly free: Uint8Array;

  constructor(problem: Problem) {
    this.problem = problem;
    const { n, p } = problem;
    this.pred = new Float64Array(n);
    this.predTrial = new Float64Array(n);
    this.jac = new Float64Array(n * p);
    this.jacTrial = new Float64Array(n * p);
    this.H = new Float64Array(p * p);
    this.A = new Float64Array(p * p);
    this.g = new Float64Array(p);
    this.step = new Float64Array(p);
    this.trial = new Float64Array(p);
    this.free = new Uint8Array(p);
  }

  /** Objective at theta under weights w (defaults to the problem's). NaN/Infinity when the model overflows. */
  objective(theta: ArrayLike<number>, w: Float64Array = this.problem.w): number {
    this.problem.model.logPredict(theta, this.problem.x, this.pred, null);
    return objectiveAt(this.problem, this.pred, w);
  }

  /**
   * Fills H = sum w omega J J^T and g = sum w psi J at the predictions/Jacobian in this.pred/this.jac, where J is the
   * derivative of the fitted-scale prediction, psi = rho' and omega = psi / r (the IRLS weight: 1 inside the Huber
   * delta, delta/|r| outside, scaled by HUBER_CURVATURE_SCALE; constant 2 for least squares since rho = r^2).
   */
  private normalEquations(w: Float64Array, curvatureScale: number): void {
    const { n, p, lossKind, delta, y, ly } = this.problem;
    const { pred, jac, H, g } = this;
    H.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let r: number;
      let scale = 1;
      if (lossKind === LOSS_LS) {
        const L = Math.exp(pred[i]);
        r = y[i] - L;
        scale = L;
      } else {
        r = ly[i] - pred[i];
      }
      let psi: number;
      let omega: number;
      if (lossKind === LOSS_HUBER) {
        const ar = r < 0 ? -r : r;
        if (ar <= delta) {
          psi = r;
          omega = 1;
        } else {
          psi = r > 0 ? delta : -delta;
          omega = (delta / ar) * curvatureScale;
        }
      } else {
        psi = 2 * r;
        omega = 2;
      }
      const wi = w[i];
      const k = i * p;
      const a = wi * omega * scale * scale;
      const b = wi * psi * scale;
      for (let j = 0; j < p; j++) {
        const jj = jac[k + j];
        g[j] += b * jj;
        const aj = a * jj;
        for (let l = 0; l <= j; l++) H[j * p + l] += aj * jac[k + l];
      }
    }
    for (let j = 0; j < p; j++) for (let l = 0; l < j; l++) H[l * p + j] = H[j * p + l];
  }

  /** Solves (H + lambda diag(H)) step = g on the free set by Cholesky; false when not positive definite. */
  private dampedStep(lambda: number): boolean {
    const { p } = this.problem;
    const { H, A, g, step, free } = this;
    let maxDiag = 0;
    for (let j = 0; j < p; j++) if (H[j * p + j] > maxDiag) maxDiag = H[j * p + j];
    const floor = maxDiag > 0 ? maxDiag * 1e-12 : 1e-12;
    for (let j = 0; j < p; j++) {
      for (let l = 0; l < p; l++) {
        if (free[j] && free[l]) A[j * p + l] = H[j * p + l];
        else A[j * p + l] = j === l ? 1 : 0;
      }
      if (free[j]) {
        const d = H[j * p + j] > floor ? H[j * p + j] : floor;
        A[j * p + j] += lambda * d;
      }
      step[j] = free[j] ? g[j] : 0;
    }
    // In-place Cholesky A = L L^T (lower triangle), then two triangular solves.
    for (let j = 0; j < p; j++) {
      let s = A[j * p + j];
      for (let k = 0; k < j; k++) s -= A[j * p + k] * A[j * p + k];
      if (!(s > 0)) return false;
      const d = Math.sqrt(s);
      A[j * p + j] = d;
      for (let i = j + 1; i < p; i++) {
        let t = A[i * p + j];
        for (let k = 0; k < j; k++) t -= A[i * p + k] * A[j * p + k];
        A[i * p + j] = t / d;
      }
    }
    for (let i = 0; i < p; i++) {
      let t = step[i];
      for (let k = 0; k < i; k++) t -= A[i * p + k] * step[k];
      step[i] = t / A[i * p + i];
    }
    for (let i = p - 1; i >= 0; i--) {
      let t = step[i];
      for (let k = i + 1; k < p; k++) t -= A[k * p + i] * step[k];
      step[i] = t / A[i * p + i];
    }
    for (let j = 0; j < p; j++) if (!Number.isFinite(step[j])) return false;
    return true;
  }

  /** Minimises the objective from theta0. Deterministic: the same inputs give the same bits. */
  solve(theta0: ArrayLike<number>, settings: SolveSettings, w: Float64Array = this.problem.w): SolveOutcome {
    const { model, x, p } = this.problem;
    const { lower, upper } = model;
    const theta = new Float64Array(p);
    for (let j = 0; j < p; j++) theta[j] = Math.min(upper[j], Math.max(lower[j], theta0[j]));
    const { H, g, step, trial, free } = this;

    model.logPredict(theta, x, this.pred, this.jac);
    let f = objectiveAt(this.problem, this.pred, w);
    if (!Number.isFinite(f)) {
      return {
        theta,
        objective: f,
        iterations: 0,
        status: STATUS_FAILED,
        reason: "objective is not finite at the start",
      };
    }
    let lambda = 1e-3;
    let nu = 2;
    let iterations = 0;
    let status = STATUS_MAX_ITERATIONS;
    let reason = `stopped after ${settings.maxIterations} iterations`;
    outer: while (iterations < settings.maxIterations) {
      iterations++;
      this.normalEquations(w, iterations <= CAUTIOUS_ITERATIONS ? 1 : HUBER_CURVATURE_SCALE);
      // Active set: a parameter at a bound whose descent direction points outward stays fixed this iteration.
      let anyFree = false;
      for (let j = 0; j < p; j++) {
        const atLower = theta[j] <= lower[j] && g[j] < 0;
        const atUpper = theta[j] >= upper[j] && g[j] > 0;
        free[j] = atLower || atUpper ? 0 : 1;
        if (free[j] && g[j] !== 0) anyFree = true;
      }
      if (!anyFree) {
        status = STATUS_CONVERGED;
        reason = "gradient is zero on the free parameters";
        break;
      }
      for (;;) {
        if (!this.dampedStep(lambda)) {
          lambda *= 10;
          if (lambda > MAX_DAMPING) {
            status = STATUS_CONVERGED;
            reason = "no step lowers the objective further (damping limit)";
            break outer;
          }
          continue;
        }
        for (let j = 0; j < p; j++) {
          const v = theta[j] + step[j];
          trial[j] = v < lower[j] ? lower[j] : v > upper[j] ? upper[j] : v;
        }
        // The Jacobian is computed with the trial prediction (most trials are accepted), saving a second pass.
        model.logPredict(trial, x, this.predTrial, this.jacTrial);
        const ft = objectiveAt(this.problem, this.predTrial, w);
        if (ft < f) {
          // Gain ratio against the IRLS quadratic model (Nielsen's damping update, Madsen et al. 2004, eq. 2.21).
          let gs = 0;
          let sHs = 0;
          for (let j = 0; j < p; j++) {
            const dj = trial[j] - theta[j];
            gs += g[j] * dj;
            let hs = 0;
            for (let l = 0; l < p; l++) hs += H[j * p + l] * (trial[l] - theta[l]);
            sHs += dj * hs;
          }
          const predicted = gs - 0.5 * sHs;
          const rho = predicted > 0 ? (f - ft) / predicted : 0;
          const t = 2 * rho - 1;
          lambda *= Math.max(1 / 3, 1 - t * t * t);
          if (lambda < 1e-15) lambda = 1e-15;
          nu = 2;
          let maxRel = 0;
          for (let j = 0; j < p; j++) {
            const rel = Math.abs(trial[j] - theta[j]) / Math.max(1, Math.abs(theta[j]));
            if (rel > maxRel) maxRel = rel;
            theta[j] = trial[j];
          }
          const df = f - ft;
          f = ft;
          const predOld = this.pred;
          this.pred = this.predTrial;
          this.predTrial = predOld;
          const jacOld = this.jac;
          this.jac = this.jacTrial;
          this.jacTrial = jacOld;
          if (df <= settings.ftol * f) {
            status = STATUS_CONVERGED;
            reason = "relative objective change below ftol";
            break outer;
          }
          if (maxRel <= settings.xtol) {
            status = STATUS_CONVERGED;
            reason = "relative step below xtol";
            break outer;
          }
          continue outer;
        }
        lambda *= nu;
        nu *= 2;
        if (lambda > MAX_DAMPING || !Number.isFinite(lambda)) {
          status = STATUS_CONVERGED;
          reason = "no step lowers the objective further (damping limit)";
          break outer;
        }
      }
    }
    if (status === STATUS_CONVERGED) {
      for (let j = 0; j < p; j++) {
        if (theta[j] <= lower[j] || theta[j] >= upper[j]) {
          status = STATUS_HIT_BOUND;
          reason = `${model.internalNames[j]} at its ${theta[j] <= lower[j] ? "lower" : "upper"} bound ${theta[j]}`;
          break;
        }
      }
    }
    return { theta, objective: f, iterations, status, reason };
  }
}
