// The scale model's likelihood, pair by pair, with each pair's own line integrated out in closed form.
//
// Pair i has a line ln M_i(x) = a_i + b_i x, x = log10 FLOPs - 18 (a_i is the pair's ln M near the 124M runs).
//   a_i ~ N(c_i, A_SD^2)                     weakly informative, centred on the pair's own first point (c_i)
//   b_i | a_i ~ N(beta0 + beta1 a_i, tau^2)  how a gain's size moves with compute
//   y_ij = a_i + b_i x_ij + e_ij,  e_ij ~ N(0, sigma^2 + knownSd_ij^2)
// beta0 is an absolute drift (ln M per decade whatever the gain's size); beta1 a relative one (beta1 = -0.1: every gain
// loses 10% of its ln M per decade). Both are one model: beta1 = 0 is pure absolute drift, beta0 = 0 pure relative
// decay. The gain enters as the latent a_i, not as its noisy estimate, so a gain near 1x (a_i near 0 with a noise of
// its own) has no leverage on beta1: the model knows a_i only to its measurement error. Why a prior per pair and not
// one shared N(muA, sA^2): the catalogue's gains are far from one normal (1.01x to 23x), and a shared prior shrinks a
// large gain known at one compute only (today's recipe: a bound at 124M, a point at 350M) towards the catalogue mean,
// which a positive beta1 then "explains": in simulation that biased beta1 by +0.3 and its interval covered 10-20% of
// the time. Centred on the pair's own data with sd A_SD = 1 (a factor e either way) the prior pulls no gain towards
// another.
//
// A point contributes its density; a lower bound V contributes P(ln M > ln V) = Phi((a + b x - ln V) / s), an upper
// bound the mirror: never a density. s is the bound's own rerun sd: sigma describes how a point reading scatters around
// the line, while a bound states where the whole run ended. Everything but the bounds is Gaussian in (a_i, b_i) and
// integrates exactly; one bound per pair is then a probit of a Gaussian (exact), several use a 2-D Gauss-Hermite rule
// (12 x 12 nodes).
import { logNormalCdf } from "../math/normalDistribution";
import type { ScalePair } from "./pairs";

export interface ScaleParams {
  /** Absolute drift: ln M per decade of compute at a_i = 0. */
  readonly beta0: number;
  /** Relative drift: change of the slope per unit ln M (fraction of its ln M a gain gains per decade). */
  readonly beta1: number;
  /** Between-pair sd of the slopes around beta0 + beta1 a_i (ln M per decade). */
  readonly tau: number;
  /** Residual sd of ln M beyond each measurement's own rerun sd. */
  readonly sigma: number;
}

/** Sd of each pair's prior on a_i around its own first point (ln M). */
export const A_SD = 1;

/** The centre c_i of a pair's prior on a_i: its first point's ln M (else its first measurement's). */
export function pairCentre(pair: ScalePair): number {
  return (pair.observations.find((o) => o.kind === "point") ?? pair.observations[0]).y;
}

/** Gauss-Hermite nodes and weights for weight exp(-t^2) (Golub-Welsch by Newton on the Hermite recurrence, NR §4.6). */
function gaussHermite(n: number): { nodes: number[]; weights: number[] } {
  const nodes = new Array<number>(n).fill(0);
  const weights = new Array<number>(n).fill(0);
  const pim4 = 0.7511255444649425;
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * nodes[0];
    else if (i === 3) z = 1.91 * z - 0.91 * nodes[1];
    else z = 2 * z - nodes[i - 2];
    let pp = 0;
    for (let its = 0; its < 30; its++) {
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

const GH = gaussHermite(12);

/** The Gaussian in theta = (a_i, b_i) from the pair's points and the priors: mean, covariance, ln normaliser. */
export interface PairGaussian {
  readonly a: number;
  readonly b: number;
  readonly Saa: number;
  readonly Sab: number;
  readonly Sbb: number;
  /** ln of the integral of (point densities x priors) over theta. */
  readonly logMass: number;
  readonly bounds: readonly { x: number; y: number; sd: number; sign: number }[];
}

export function pairGaussian(pair: ScalePair, p: ScaleParams): PairGaussian {
  const tau2 = p.tau * p.tau;
  const sA2 = A_SD * A_SD;
  const muA = pairCentre(pair);
  const sigma2 = p.sigma * p.sigma;
  // Prior on a: N(c_i, A_SD^2). Prior on b given a: the residual (b - beta1 a - beta0) ~ N(0, tau2), i.e. a quadratic
  // form along v = (-beta1, 1).
  let P00 = 1 / sA2 + (p.beta1 * p.beta1) / tau2;
  let P01 = -p.beta1 / tau2;
  let P11 = 1 / tau2;
  let h0 = muA / sA2 - (p.beta1 * p.beta0) / tau2;
  let h1 = p.beta0 / tau2;
  let k = (muA * muA) / sA2 + (p.beta0 * p.beta0) / tau2;
  let logNorm = -0.5 * Math.log(2 * Math.PI * sA2) - 0.5 * Math.log(2 * Math.PI * tau2);
  const bounds: { x: number; y: number; sd: number; sign: number }[] = [];
  for (const o of pair.observations) {
    const s2 = o.knownSd * o.knownSd + sigma2;
    if (o.kind === "point") {
      const w = 1 / s2;
      P00 += w;
      P01 += w * o.x;
      P11 += w * o.x * o.x;
      h0 += w * o.y;
      h1 += w * o.x * o.y;
      k += w * o.y * o.y;
      logNorm -= 0.5 * Math.log(2 * Math.PI * s2);
    } else bounds.push({ x: o.x, y: o.y, sd: Math.max(o.knownSd, 1e-12), sign: o.kind === "lower" ? 1 : -1 });
  }
  const det = P00 * P11 - P01 * P01;
  const Saa = P11 / det,
    Sab = -P01 / det,
    Sbb = P00 / det;
  const a = Saa * h0 + Sab * h1,
    b = Sab * h0 + Sbb * h1;
  const logMass = logNorm + 0.5 * (h0 * a + h1 * b) - 0.5 * k + Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  return { a, b, Saa, Sab, Sbb, logMass, bounds };
}

/** ln P(the pair's bounds hold) under theta ~ N(mean, S): exact for one bound, Gauss-Hermite for several. */
function logBoundMass(g: PairGaussian): number {
  if (g.bounds.length === 0) return 0;
  if (g.bounds.length === 1) {
    const q = g.bounds[0];
    const mean = g.a + g.b * q.x;
    const v = g.Saa + 2 * q.x * g.Sab + q.x * q.x * g.Sbb;
    return logNormalCdf((q.sign * (mean - q.y)) / Math.sqrt(q.sd * q.sd + v));
  }
  const L00 = Math.sqrt(g.Saa),
    L10 = g.Sab / L00,
    L11 = Math.sqrt(Math.max(g.Sbb - L10 * L10, 0));
  let mx = -Infinity;
  const terms: number[] = [];
  for (let i = 0; i < GH.nodes.length; i++)
    for (let j = 0; j < GH.nodes.length; j++) {
      const t0 = Math.SQRT2 * GH.nodes[i],
        t1 = Math.SQRT2 * GH.nodes[j];
      const a = g.a + L00 * t0,
        b = g.b + L10 * t0 + L11 * t1;
      let lp = Math.log((GH.weights[i] * GH.weights[j]) / Math.PI);
      for (const q of g.bounds) lp += logNormalCdf((q.sign * (a + b * q.x - q.y)) / q.sd);
      terms.push(lp);
      if (lp > mx) mx = lp;
    }
  let s = 0;
  for (const t of terms) s += Math.exp(t - mx);
  return mx + Math.log(s);
}

/** ln of one pair's marginal likelihood. */
export function pairLogLikelihood(pair: ScalePair, p: ScaleParams): number {
  const g = pairGaussian(pair, p);
  return g.logMass + logBoundMass(g);
}

/** Sum over pairs: linear in the number of pairs. */
export function scaleLogLikelihood(pairs: readonly ScalePair[], p: ScaleParams): number {
  let ll = 0;
  for (const pair of pairs) ll += pairLogLikelihood(pair, p);
  return ll;
}

/**
 * One draw of the pair's (a_i, b_i) given its measurements and p: a draw of the Gaussian, kept with the probability
 * that its bounds hold (rejection sampling, exact; after `maxTries` rejections the last draw is kept and counted).
 */
export function drawPairLine(
  g: PairGaussian,
  normal: () => number,
  uniform: () => number,
  maxTries = 200,
): { a: number; b: number; exact: boolean } {
  const L00 = Math.sqrt(g.Saa),
    L10 = g.Sab / L00,
    L11 = Math.sqrt(Math.max(g.Sbb - L10 * L10, 0));
  let a = g.a,
    b = g.b;
  for (let t = 0; t < maxTries; t++) {
    const z0 = normal(),
      z1 = normal();
    a = g.a + L00 * z0;
    b = g.b + L10 * z0 + L11 * z1;
    if (g.bounds.length === 0) return { a, b, exact: true };
    let lp = 0;
    for (const q of g.bounds) lp += logNormalCdf((q.sign * (a + b * q.x - q.y)) / q.sd);
    if (Math.log(uniform()) < lp) return { a, b, exact: true };
  }
  return { a, b, exact: false };
}
