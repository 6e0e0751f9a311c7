// Chinchilla law L(N, D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, Approach 3), fitted in their
// log-sum-exp form log L = LSE(a - alpha log N, b - beta log D, e), A = e^a, B = e^b, E = e^e.
import type { LogInputs, ModelSpec } from "../types";
import { cartesian, linspace } from "./lse";

/**
 * Hoffmann et al.'s 4,500-point start grid: alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1}, a, b in {0, 5,
 * ..., 25} (as used by Epoch's replication, Besiroglu et al. 2024). Internal order [e, a, b, alpha, beta].
 */
function hoffmannGrid(): number[][] {
  const exps = linspace(0, 2, 5);
  const es = linspace(-1, 1, 5);
  const abs = linspace(0, 25, 6);
  return cartesian([exps, exps, es, abs, abs]).map(([alpha, beta, e, a, b]) => [e, a, b, alpha, beta]);
}

export const chinchillaModel: ModelSpec = {
  name: "chinchilla",
  description: "L(N, D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, LSE form)",
  inputs: ["N", "D"],
  paramNames: ["E", "A", "B", "alpha", "beta"],
  internalNames: ["e", "a", "b", "alpha", "beta"],
  lower: [-20, -200, -200, 0, 0],
  upper: [20, 200, 200, 10, 10],
  grids: { default: hoffmannGrid, hoffmann: hoffmannGrid },
  logPredict(theta: ArrayLike<number>, x: LogInputs, logPred: Float64Array, jac: Float64Array | null): void {
    const e = theta[0];
    const a = theta[1];
    const b = theta[2];
    const alpha = theta[3];
    const beta = theta[4];
    const lN = x.cols[0];
    const lD = x.cols[1];
    for (let i = 0; i < x.n; i++) {
      const t1 = a - alpha * lN[i];
      const t2 = b - beta * lD[i];
      // Exponentiate relative to the largest term; that term's exp is exactly 1, so two exps per point, not three.
      let p1 = 1;
      let p2 = 1;
      let p3 = 1;
      let m: number;
      if (t1 >= t2 && t1 >= e) {
        m = t1;
        p2 = Math.exp(t2 - m);
        p3 = Math.exp(e - m);
      } else if (t2 >= e) {
        m = t2;
        p1 = Math.exp(t1 - m);
        p3 = Math.exp(e - m);
      } else {
        m = e;
        p1 = Math.exp(t1 - m);
        p2 = Math.exp(t2 - m);
      }
      const s = p1 + p2 + p3;
      logPred[i] = m + Math.log(s);
      if (jac !== null) {
        const w1 = p1 / s;
        const w2 = p2 / s;
        const k = i * 5;
        jac[k] = p3 / s;
        jac[k + 1] = w1;
        jac[k + 2] = w2;
        jac[k + 3] = -lN[i] * w1;
        jac[k + 4] = -lD[i] * w2;
      }
    }
  },
  toNatural: (t) => [Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[2]), t[3], t[4]],
  fromNatural: (v) => [Math.log(v[0]), Math.log(v[1]), Math.log(v[2]), v[3], v[4]],
};
