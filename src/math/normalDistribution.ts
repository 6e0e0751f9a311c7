// The standard normal distribution: log-CDF accurate far into both tails (a censored likelihood evaluates bounds that
// lie many standard deviations away) and the chi-square(1) tail used by likelihood-ratio tests.

// erfc by W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-638,
// as in his CALERF (netlib specfun, last modified 1990-03-19; coefficients read from its DATA statements): near-minimax
// rational functions on |x| <= 0.46875 (for erf), 0.46875 < x <= 4 and x > 4 (for erfc), accurate to about 1e-16
// relative in double precision. The exp(-x^2) factor is split as Cody does (x^2 = ysq^2 + del with ysq = x rounded
// down to sixteenths, so ysq^2 is exact) and kept apart, so ln erfc stays finite and accurate far into the tail.
// test/math/distributions.test.ts checks the results against 50-digit values (1e-13 relative or better).
/* eslint-disable no-loss-of-precision --
   Cody's coefficients as printed (18 digits); each rounds to the nearest double. */
const ERF_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const ERF_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const ERFC_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const ERFC_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const ERFC_P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
  0.0163153871373020978,
];
const ERFC_Q = [
  2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185,
];
/** 1 / sqrt(pi). */
const SQRPI = 0.56418958354775628695;
/* eslint-enable no-loss-of-precision */

/**
 * erfc(x) for x >= 0 as exp(-ysq^2) exp(-del) r (Cody's split; ysq = del = 0 for x <= 0.46875, where r = 1 - erf x).
 */
function erfcParts(x: number): { ysq: number; del: number; r: number } {
  if (x <= 0.46875) {
    const y2 = x * x;
    let num = ERF_A[4] * y2;
    let den = y2;
    for (let i = 0; i < 3; i++) {
      num = (num + ERF_A[i]) * y2;
      den = (den + ERF_B[i]) * y2;
    }
    return { ysq: 0, del: 0, r: 1 - (x * (num + ERF_A[3])) / (den + ERF_B[3]) };
  }
  let r: number;
  if (x <= 4) {
    let num = ERFC_C[8] * x;
    let den = x;
    for (let i = 0; i < 7; i++) {
      num = (num + ERFC_C[i]) * x;
      den = (den + ERFC_D[i]) * x;
    }
    r = (num + ERFC_C[7]) / (den + ERFC_D[7]);
  } else {
    const z = 1 / (x * x);
    let num = ERFC_P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + ERFC_P[i]) * z;
      den = (den + ERFC_Q[i]) * z;
    }
    r = (SQRPI - (z * (num + ERFC_P[4])) / (den + ERFC_Q[4])) / x;
  }
  const ysq = Math.trunc(x * 16) / 16;
  return { ysq, del: (x - ysq) * (x + ysq), r };
}

/** erfc(x) for x >= 0 (0 beyond x = 26.55, where it underflows). */
function erfcNonNegative(x: number): number {
  const { ysq, del, r } = erfcParts(x);
  return Math.exp(-ysq * ysq) * Math.exp(-del) * r;
}

/** ln erfc(x) for x >= 0, finite for every finite x. */
function logErfcNonNegative(x: number): number {
  const { ysq, del, r } = erfcParts(x);
  return -ysq * ysq - del + Math.log(r);
}

/** ln Phi(z), finite for every finite z (ln Phi(-40) = -804.6). */
export function logNormalCdf(z: number): number {
  if (Number.isNaN(z)) throw new Error(`logNormalCdf: z is NaN`);
  if (z === Infinity) return 0;
  if (z === -Infinity) return -Infinity;
  if (z < 0) return Math.log(0.5) + logErfcNonNegative(-z / Math.SQRT2);
  return Math.log1p(-0.5 * erfcNonNegative(z / Math.SQRT2));
}
