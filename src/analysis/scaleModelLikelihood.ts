// The scale model's likelihood. For pair i, ln M_ij = a_i + b_i x_ij + e_ij with x = log10 C - 18,
// b_i ~ N(b, tau^2) (pair slopes from a common distribution), e_ij ~ N(0, sigma^2 + knownSd_ij^2) (residual noise
// plus the measurement's own rerun noise). The intercept a_i is a free nuisance per pair, integrated out under a flat
// prior (as REML does for fixed effects), which keeps the likelihood bounded when a pair has just two points.
//
// A point contributes its density; a lower bound V contributes P(ln M > ln V) = Phi((a + b_i x - ln V) / s), an
// upper bound the mirror, never a density: a bound that the fitted line clears by a wide margin contributes ~1 and
// so cannot pull the fit. Points are Gaussian in (a_i, b_i) and are integrated in closed form; one bound per pair is
// then closed form too (a probit of a Gaussian), several bounds use 2-D Gauss-Hermite quadrature (20 x 20 nodes).
import { logNormalCdf } from "./normalDistribution";
import type { ScalePair } from "./scalePairs";

export interface ScaleModelParams {
  /** Common slope: change of ln M per decade of compute. */
  readonly b: number;
  /** Between-pair sd of the slopes. */
  readonly tau: number;
  /** Residual sd of ln M beyond the known measurement noise. */
  readonly sigma: number;
}

/** Gauss-Hermite nodes and weights for weight exp(-t^2) (Numerical Recipes 3rd ed. §4.6, `gauher`). */
function gaussHermite(n: number): { nodes: number[]; weights: number[] } {
  const nodes = new Array<number>(n).fill(0);
  const weights = new Array<number>(n).fill(0);
  const pim4 = 0.7511255444649425;
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= 1.14 * Math.pow(n, 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * nodes[0];
    else if (i === 3) z = 1.91 * z - 0.91 * nodes[1];
    else z = 2 * z - nodes[i - 2];
    let pp = 0;
    for (let its = 0; its < 20; its++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14) break;
    }
    nodes[i] = z;
    nodes[n - 1 - i] = -z;
    weights[i] = 2 / (pp * pp);
    weights[n - 1 - i] = weights[i];
  }
  return { nodes, weights };
}

const GH = gaussHermite(20);

/** ln of one pair's marginal likelihood (a_i integrated under a flat prior, b_i under N(b, tau^2)). */
export function pairLogLikelihood(pair: ScalePair, p: ScaleModelParams): number {
  const tau2 = p.tau * p.tau;
  const sigma2 = p.sigma * p.sigma;
  // Precision P, linear term h and constant k of the Gaussian in theta = (a, c) from the points and the slope prior.
  let P00 = 0, P01 = 0, P11 = 1 / tau2, h0 = 0, h1 = p.b / tau2, k = (p.b * p.b) / tau2;
  let logNorm = -0.5 * Math.log(2 * Math.PI * tau2);
  const bounds: { x: number; y: number; s2: number; sign: number }[] = [];
  for (const o of pair.observations) {
    const s2 = o.knownSd * o.knownSd + sigma2;
    if (o.kind === "point") {
      const w = 1 / s2;
      P00 += w; P01 += w * o.x; P11 += w * o.x * o.x;
      h0 += w * o.y; h1 += w * o.x * o.y; k += w * o.y * o.y;
      logNorm -= 0.5 * Math.log(2 * Math.PI * s2);
    } else bounds.push({ x: o.x, y: o.y, s2, sign: o.kind === "lower" ? 1 : -1 });
  }
  const det = P00 * P11 - P01 * P01;
  if (!(P00 > 0) || !(det > 0)) throw new Error(`pair ${pair.pairId}: no point measurement, its likelihood is improper`);
  // Covariance S = P^-1 and mean mu = S h.
  const S00 = P11 / det, S01 = -P01 / det, S11 = P00 / det;
  const mu0 = S00 * h0 + S01 * h1, mu1 = S01 * h0 + S11 * h1;
  let ll = logNorm + 0.5 * (h0 * mu0 + h1 * mu1) - 0.5 * k + Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  if (bounds.length === 1) {
    const q = bounds[0];
    const mean = mu0 + mu1 * q.x;
    const v = S00 + 2 * q.x * S01 + q.x * q.x * S11;
    ll += logNormalCdf((q.sign * (mean - q.y)) / Math.sqrt(q.s2 + v));
  } else if (bounds.length > 1) {
    // E over theta ~ N(mu, S) of prod Phi(...): Cholesky S = L L^T, theta = mu + sqrt(2) L t, t on the GH grid.
    const L00 = Math.sqrt(S00), L10 = S01 / L00, L11 = Math.sqrt(Math.max(S11 - L10 * L10, 0));
    const terms: number[] = [];
    for (let i = 0; i < GH.nodes.length; i++) for (let j = 0; j < GH.nodes.length; j++) {
      const t0 = Math.SQRT2 * GH.nodes[i], t1 = Math.SQRT2 * GH.nodes[j];
      const a = mu0 + L00 * t0, c = mu1 + L10 * t0 + L11 * t1;
      let lp = Math.log(GH.weights[i] * GH.weights[j] / Math.PI);
      for (const q of bounds) lp += logNormalCdf((q.sign * (a + c * q.x - q.y)) / Math.sqrt(q.s2));
      terms.push(lp);
    }
    const mx = Math.max(...terms);
    ll += mx + Math.log(terms.reduce((s, t) => s + Math.exp(t - mx), 0));
  }
  return ll;
}

export function scaleModelLogLikelihood(pairs: readonly ScalePair[], p: ScaleModelParams): number {
  let ll = 0;
  for (const pair of pairs) ll += pairLogLikelihood(pair, p);
  return ll;
}

/**
 * The pair's (a, b_i) given its own measurements and the fitted slope distribution, ignoring its bounds: the
 * Gaussian the hindcast and per-pair predictions use. Returns mean and covariance.
 */
export function pairPosterior(pair: ScalePair, p: ScaleModelParams): { a: number; c: number; Saa: number; Sac: number; Scc: number } | null {
  const tau2 = p.tau * p.tau;
  let P00 = 0, P01 = 0, P11 = 1 / tau2, h0 = 0, h1 = p.b / tau2;
  for (const o of pair.observations) {
    if (o.kind !== "point") continue;
    const w = 1 / (o.knownSd * o.knownSd + p.sigma * p.sigma);
    P00 += w; P01 += w * o.x; P11 += w * o.x * o.x; h0 += w * o.y; h1 += w * o.x * o.y;
  }
  const det = P00 * P11 - P01 * P01;
  if (!(P00 > 0) || !(det > 0)) return null;
  const Saa = P11 / det, Sac = -P01 / det, Scc = P00 / det;
  return { a: Saa * h0 + Sac * h1, c: Sac * h0 + Scc * h1, Saa, Sac, Scc };
}
