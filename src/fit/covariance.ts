// Standard errors from the Jacobian at the optimum. Our own, since ml-levenberg-marquardt returns no covariance.
// cov(theta) = s^2 (J^T W J)^-1 with s^2 = sum w r^2 / (n - p) on the fitted scale (log loss unless the loss is "ls"),
// then the delta method into natural parameters. For the Huber objective this is the least-squares approximation at the
// robust optimum and assumes equal-variance residuals; the sandwich form (`seRobust`) drops that assumption, and the
// bootstrap intervals are the honest ones for Huber fits (on Epoch's data the plain SE is about half the bootstrap SD).
import { LOSS_LS, type Problem } from "./problem";

/** Inverts a symmetric positive definite matrix (row-major, size m) by Cholesky; null when not positive definite. */
function invertSpd(a: Float64Array, m: number): Float64Array | null {
  const L = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    let s = a[j * m + j];
    for (let k = 0; k < j; k++) s -= L[j * m + k] * L[j * m + k];
    if (!(s > 0) || !Number.isFinite(s)) return null;
    const d = Math.sqrt(s);
    L[j * m + j] = d;
    for (let i = j + 1; i < m; i++) {
      let t = a[i * m + j];
      for (let k = 0; k < j; k++) t -= L[i * m + k] * L[j * m + k];
      L[i * m + j] = t / d;
    }
  }
  const inv = new Float64Array(m * m);
  const col = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < m; i++) {
      let t = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) t -= L[i * m + k] * col[k];
      col[i] = t / L[i * m + i];
    }
    for (let i = m - 1; i >= 0; i--) {
      let t = col[i];
      for (let k = i + 1; k < m; k++) t -= L[k * m + i] * col[k];
      col[i] = t / L[i * m + i];
    }
    for (let i = 0; i < m; i++) inv[i * m + c] = col[i];
  }
  return inv;
}

export interface Residuals {
  /** Residuals on the fitted scale. */
  readonly r: Float64Array;
  /** Jacobian of the fitted-scale prediction, row-major n x p. */
  readonly jac: Float64Array;
  /** Weighted residual sum of squares. */
  readonly rss: number;
}

export function residualsAt(problem: Problem, theta: ArrayLike<number>): Residuals {
  const { n, p, lossKind, y, ly, w } = problem;
  const pred = new Float64Array(n);
  const jac = new Float64Array(n * p);
  problem.model.logPredict(theta, problem.x, pred, jac);
  const r = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    if (lossKind === LOSS_LS) {
      const L = Math.exp(pred[i]);
      r[i] = y[i] - L;
      for (let j = 0; j < p; j++) jac[i * p + j] *= L;
    } else {
      r[i] = ly[i] - pred[i];
    }
    rss += w[i] * r[i] * r[i];
  }
  return { r, jac, rss };
}

/**
 * Covariance of the internal parameters (p x p, NaN rows/columns for parameters at a bound, which are held fixed),
 * or null when J^T W J is singular or there are no residual degrees of freedom.
 */
export function internalCovariance(problem: Problem, theta: ArrayLike<number>, robust = false): Float64Array | null {
  const { n, p, w, model } = problem;
  const { jac, rss } = residualsAt(problem, theta);
  let nEff = 0;
  for (let i = 0; i < n; i++) if (w[i] > 0) nEff++;
  const freeIdx: number[] = [];
  for (let j = 0; j < p; j++) if (theta[j] > model.lower[j] && theta[j] < model.upper[j]) freeIdx.push(j);
  const m = freeIdx.length;
  if (nEff <= m || m === 0) return null;
  const s2 = rss / (nEff - m);
  const M = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < m; a++) {
      const ja = w[i] * jac[i * p + freeIdx[a]];
      for (let b = 0; b < m; b++) M[a * m + b] += ja * jac[i * p + freeIdx[b]];
    }
  }
  const inv = invertSpd(M, m);
  if (inv === null) return null;
  const cov = new Float64Array(p * p).fill(NaN);
  if (!robust) {
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) cov[freeIdx[a] * p + freeIdx[b]] = s2 * inv[a * m + b];
    return cov;
  }
  // Heteroscedasticity-consistent sandwich (White 1980, HC1): M^-1 (sum w^2 r^2 J J^T) M^-1 n / (n - p).
  const { r } = residualsAt(problem, theta);
  const Bm = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    const wr2 = w[i] * w[i] * r[i] * r[i];
    for (let a = 0; a < m; a++) {
      const ja = wr2 * jac[i * p + freeIdx[a]];
      for (let b = 0; b < m; b++) Bm[a * m + b] += ja * jac[i * p + freeIdx[b]];
    }
  }
  const scale = nEff / (nEff - m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      let v = 0;
      for (let k = 0; k < m; k++) for (let l = 0; l < m; l++) v += inv[a * m + k] * Bm[k * m + l] * inv[l * m + b];
      cov[freeIdx[a] * p + freeIdx[b]] = scale * v;
    }
  }
  return cov;
}

/** Delta method: standard errors of toNatural(theta) from the internal covariance (central differences of the map). */
export function naturalStandardErrors(
  toNatural: (t: ArrayLike<number>) => number[],
  theta: ArrayLike<number>,
  cov: Float64Array | null,
): (number | null)[] {
  const p = theta.length;
  if (cov === null) return new Array<number | null>(p).fill(null);
  const G: number[][] = [];
  for (let j = 0; j < p; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(theta[j]));
    const up = Array.from(theta);
    const dn = Array.from(theta);
    up[j] += h;
    dn[j] -= h;
    const fu = toNatural(up);
    const fd = toNatural(dn);
    G.push(fu.map((v, k) => (v - fd[k]) / (2 * h)));
  }
  const out: (number | null)[] = [];
  for (let k = 0; k < p; k++) {
    let v = 0;
    let bad = false;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        const gab = G[a][k] * G[b][k];
        if (gab === 0) continue;
        const c = cov[a * p + b];
        if (!Number.isFinite(c)) bad = true;
        v += gab * c;
      }
    }
    out.push(bad || !(v >= 0) || !Number.isFinite(v) ? null : Math.sqrt(v));
  }
  return out;
}
