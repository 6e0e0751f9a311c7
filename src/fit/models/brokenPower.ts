// Broken neural scaling law with one break (Caballero et al. 2022, "Broken Neural Scaling Laws", eq. 1 with n = 1):
// L(x) = E + B x^-c0 (1 + (x / d1)^(1/f1))^(-c1 f1). Far below the break the exponent is c0, far above it c0 + c1;
// f1 sets how sharp the bend is. Fitted as log L = LSE(e, b - c0 log x - c1 f1 softplus((log x - log d1) / f1)),
// internal [e, b, c0, c1, ld1 = log d1, lf1 = log f1].
import type { LogInputs, ModelSpec } from "../types";
import { cartesian, sigmoid, softplus } from "./lse";

export const brokenPowerModel: ModelSpec = {
  name: "broken_power",
  description: "L(x) = E + B x^-c0 (1 + (x/d1)^(1/f1))^(-c1 f1) (Caballero et al. 2022, one break)",
  inputs: ["x"],
  paramNames: ["E", "B", "c0", "c1", "d1", "f1"],
  internalNames: ["e", "b", "c0", "c1", "ld1", "lf1"],
  lower: [-20, -200, 0, -5, -700, Math.log(0.01)],
  upper: [20, 200, 10, 10, 700, Math.log(20)],
  grids: {
    // Break at the quartiles of log x; bend sharpness f1 in {0.3, 1, 3}; B set so the reducible term at the
    // smallest x is a fraction of the largest loss. 3 x 3 x 2 x 3 x 3 x 2 = 324 starts.
    default: (ctx) => {
      const lo = ctx.logXMin[0];
      const hi = ctx.logXMax[0];
      const starts: number[][] = [];
      for (const [c0, c1, eFrac, q, f, bFrac] of cartesian([
        [0.05, 0.2, 0.5],
        [-0.2, 0.2, 0.6],
        [0.3, 0.8],
        [0.25, 0.5, 0.75],
        [0.3, 1, 3],
        [0.3, 1],
      ])) {
        starts.push([
          ctx.logYMin + Math.log(eFrac),
          ctx.logYMax + Math.log(bFrac) + c0 * lo,
          c0,
          c1,
          lo + q * (hi - lo),
          Math.log(f),
        ]);
      }
      return starts;
    },
  },
  logPredict(theta: ArrayLike<number>, x: LogInputs, logPred: Float64Array, jac: Float64Array | null): void {
    const e = theta[0];
    const b = theta[1];
    const c0 = theta[2];
    const c1 = theta[3];
    const ld = theta[4];
    const f = Math.exp(theta[5]);
    const lx = x.cols[0];
    for (let i = 0; i < x.n; i++) {
      const z = (lx[i] - ld) / f;
      const sp = softplus(z);
      const t1 = b - c0 * lx[i] - c1 * f * sp;
      // One exp per point: the larger term's weight is exactly 1.
      const m = t1 > e ? t1 : e;
      const p1 = t1 > e ? 1 : Math.exp(t1 - m);
      const p2 = t1 > e ? Math.exp(e - m) : 1;
      const s = p1 + p2;
      logPred[i] = m + Math.log(s);
      if (jac !== null) {
        const w1 = p1 / s;
        const sg = sigmoid(z);
        const k = i * 6;
        jac[k] = p2 / s;
        jac[k + 1] = w1;
        jac[k + 2] = -lx[i] * w1;
        jac[k + 3] = -f * sp * w1;
        jac[k + 4] = c1 * sg * w1;
        jac[k + 5] = -c1 * f * (sp - z * sg) * w1;
      }
    }
  },
  toNatural: (t) => [Math.exp(t[0]), Math.exp(t[1]), t[2], t[3], Math.exp(t[4]), Math.exp(t[5])],
  fromNatural: (v) => [Math.log(v[0]), Math.log(v[1]), v[2], v[3], Math.log(v[4]), Math.log(v[5])],
};
