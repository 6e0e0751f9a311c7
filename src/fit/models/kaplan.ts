// Kaplan et al. 2020 pure power law L(x) = (x_c / x)^alpha, no irreducible term (e.g. L(C_min) = (3.1e8 / C_min)^0.050
// in PF-days). Fitted as log L = alpha (log x_c - log x); internal [lxc = log x_c, alpha].
import type { LogInputs, ModelSpec } from "../types";
import { cartesian } from "./lse";

export const kaplanModel: ModelSpec = {
  name: "kaplan",
  description: "L(x) = (x_c / x)^alpha (pure power law, Kaplan et al. 2020)",
  inputs: ["x"],
  paramNames: ["x_c", "alpha"],
  internalNames: ["lxc", "alpha"],
  lower: [-700, 1e-6],
  upper: [700, 10],
  grids: {
    // For each alpha, x_c chosen so the curve passes through the data's mid point, then shifted by +-1 in log L.
    default: (ctx) => {
      const lxMid = (ctx.logXMin[0] + ctx.logXMax[0]) / 2;
      const lyMid = (ctx.logYMin + ctx.logYMax) / 2;
      return cartesian([
        [0.005, 0.01, 0.03, 0.05, 0.1, 0.2, 0.5, 1],
        [-1, 0, 1],
      ]).map(([alpha, shift]) => [lxMid + (lyMid + shift) / alpha, alpha]);
    },
  },
  logPredict(theta: ArrayLike<number>, x: LogInputs, logPred: Float64Array, jac: Float64Array | null): void {
    const lxc = theta[0];
    const alpha = theta[1];
    const lx = x.cols[0];
    for (let i = 0; i < x.n; i++) {
      const d = lxc - lx[i];
      logPred[i] = alpha * d;
      if (jac !== null) {
        jac[i * 2] = alpha;
        jac[i * 2 + 1] = d;
      }
    }
  },
  toNatural: (t) => [Math.exp(t[0]), t[1]],
  fromNatural: (v) => [Math.log(v[0]), v[1]],
};
