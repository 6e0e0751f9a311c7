// The standard normal distribution: log-CDF accurate far into both tails (a censored likelihood evaluates bounds that
// lie many standard deviations away) and the chi-square(1) tail used by likelihood-ratio tests.

/**
 * erfc(x) for x >= 0 by the Chebyshev fit of Numerical Recipes (3rd ed., §6.2.2, `erfccheb`), relative error below
 * 1.2e-7 everywhere, with the exp(-x^2) factor kept separate so log erfc stays finite far into the tail.
 */
function logErfcNonNegative(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** ln Phi(z), finite for every finite z (ln Phi(-40) = -804.6). */
export function logNormalCdf(z: number): number {
  if (Number.isNaN(z)) throw new Error(`logNormalCdf: z is NaN`);
  if (z === Infinity) return 0;
  if (z === -Infinity) return -Infinity;
  if (z < 0) return Math.log(0.5) + logErfcNonNegative(-z / Math.SQRT2);
  return Math.log1p(-0.5 * Math.exp(logErfcNonNegative(z / Math.SQRT2)));
}

export function normalCdf(z: number): number {
  return Math.exp(logNormalCdf(z));
}

/** ln of the standard normal density. */
export function logNormalPdf(z: number): number {
  return -0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
}

/** P(X > stat) for X ~ chi-square with 1 degree of freedom: erfc(sqrt(stat / 2)). */
export function chiSquare1Tail(stat: number): number {
  if (!(stat >= 0)) return 1;
  return Math.exp(logErfcNonNegative(Math.sqrt(stat / 2)));
}

/** The 95% quantile of chi-square(1): 1.959964^2. */
export const CHI2_1_95 = 3.841458820694124;
