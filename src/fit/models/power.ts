// Power law with an irreducible floor in one input (compute, tokens or time): L(x) = E + A x^-alpha.
// Fitted in log-sum-exp form log L = LSE(a - alpha log x, e) with A = e^a, E = e^e (Porian et al. 2024 fit
// L(C) = E + A C^-alpha this way, ranked by summed Huber), so x ~ 1e18 FLOPs never appears unlogged.
import type { LogInputs, ModelSpec } from "../types";
import { cartesian } from "./lse";

export const powerModel: ModelSpec = {
  name: "power",
  description: "L(x) = E + A x^-alpha (power law with floor)",
  inputs: ["x"],
  paramNames: ["E", "A", "alpha"],
  internalNames: ["e", "a", "alpha"],
  lower: [-20, -200, 0],
  upper: [20, 200, 10],
  grids: {
    // Data-aware grid: floor a fraction of the smallest loss, reducible term at the middle of the x range a fraction
    // of the mid loss; 8 x 4 x 5 = 160 starts.
    default: (ctx) => {
      const lxMid = (ctx.logXMin[0] + ctx.logXMax[0]) / 2;
      const lyMid = (ctx.logYMin + ctx.logYMax) / 2;
      const starts: number[][] = [];
      for (const [alpha, eFrac, aFrac] of cartesian([
        [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 1, 2],
        [0.1, 0.4, 0.7, 0.95],
        [0.03, 0.1, 0.3, 1, 3],
      ])) {
        starts.push([ctx.logYMin + Math.log(eFrac), lyMid + Math.log(aFrac) + alpha * lxMid, alpha]);
      }
      return starts;
    },
  },
  logPredict(theta: ArrayLike<number>, x: LogInputs, logPred: Float64Array, jac: Float64Array | null): void {
    const e = theta[0];
    const a = theta[1];
    const alpha = theta[2];
    const lx = x.cols[0];
    for (let i = 0; i < x.n; i++) {
      const t1 = a - alpha * lx[i];
      // One exp per point: the larger term's weight is exactly 1.
      const m = t1 > e ? t1 : e;
      const p1 = t1 > e ? 1 : Math.exp(t1 - m);
      const p2 = t1 > e ? Math.exp(e - m) : 1;
      const s = p1 + p2;
      logPred[i] = m + Math.log(s);
      if (jac !== null) {
        const w1 = p1 / s;
        const k = i * 3;
        jac[k] = p2 / s;
        jac[k + 1] = w1;
        jac[k + 2] = -lx[i] * w1;
      }
    }
  },
  toNatural: (t) => [Math.exp(t[0]), Math.exp(t[1]), t[2]],
  fromNatural: (v) => [Math.log(v[0]), Math.log(v[1]), v[2]],
};
