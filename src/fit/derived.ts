// Quantities derived from fitted laws, with bootstrap percentile intervals when the fit kept its bootstrap samples:
// the compute-optimal allocation under a Chinchilla fit and the compute (or tokens, or time) at which a fitted curve
// reaches a target loss.
import { quantileSorted } from "./fitModel";
import { getModel } from "./models/index";
import type { FitResult, ModelSpec } from "./types";

export interface Derived {
  /** The value at the fitted parameters, null when it does not exist (with the reason). */
  readonly value: number | null;
  readonly reason: string | null;
  /** Bootstrap percentile interval at the fit's level, null without bootstrap samples. */
  readonly ci: readonly [number, number] | null;
  /** Bootstrap samples for which the quantity does not exist (e.g. target loss below the sample's floor E). */
  readonly undefinedSamples: number;
}

function sampleParams(result: FitResult): number[][] | null {
  const samples = result.bootstrap?.samples;
  if (!samples) return null;
  const count = samples[result.paramNames[0]].length;
  return Array.from({ length: count }, (_, b) => result.paramNames.map((name) => samples[name][b]));
}

function withInterval(result: FitResult, at: (natural: number[]) => number | null): Derived {
  const natural = result.paramNames.map((name) => result.params[name]);
  const value = result.status === "failed" ? null : at(natural);
  const samples = sampleParams(result);
  let ci: [number, number] | null = null;
  let undefinedSamples = 0;
  if (samples !== null) {
    const values: number[] = [];
    for (const s of samples) {
      const v = at(s);
      if (v === null || !Number.isFinite(v)) undefinedSamples++;
      else values.push(v);
    }
    // An interval is only honest if the quantity exists in (nearly) every resample.
    if (values.length >= 2 && undefinedSamples <= ((1 - result.level) / 2) * samples.length) {
      values.sort((a, b) => a - b);
      ci = [quantileSorted(values, (1 - result.level) / 2), quantileSorted(values, 1 - (1 - result.level) / 2)];
    }
  }
  return {
    value: value !== null && Number.isFinite(value) ? value : null,
    reason:
      result.status === "failed"
        ? `fit failed: ${result.reason}`
        : value === null || !Number.isFinite(value)
          ? "not reached at the fitted parameters"
          : null,
    ci,
    undefinedSamples,
  };
}

/**
 * Compute-optimal parameters and tokens for a FLOP budget under a Chinchilla fit, with C = 6 N D
 * (Hoffmann et al. 2022, eq. 4): N_opt = G (C/6)^(beta/(alpha+beta)), D_opt = (C/6)^(alpha/(alpha+beta)) / G,
 * G = (alpha A / (beta B))^(1/(alpha+beta)).
 */
export function computeOptimalAllocation(
  result: FitResult,
  flops: number,
): { readonly flops: number; readonly params: Derived; readonly tokens: Derived; readonly tokensPerParam: Derived } {
  if (result.model !== "chinchilla")
    throw new Error(`invalid result: model ${result.model} (computeOptimalAllocation needs a chinchilla fit)`);
  if (!(flops > 0) || !Number.isFinite(flops)) throw new Error(`invalid flops: ${flops} (expected a positive number)`);
  const nOpt = (v: number[]) => {
    const [, A, B, alpha, beta] = v;
    if (!(alpha > 0 && beta > 0 && A > 0 && B > 0)) return null;
    const G = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta));
    return G * Math.pow(flops / 6, beta / (alpha + beta));
  };
  const dOpt = (v: number[]) => {
    const n = nOpt(v);
    return n === null ? null : flops / (6 * n);
  };
  return {
    flops,
    params: withInterval(result, nOpt),
    tokens: withInterval(result, dOpt),
    tokensPerParam: withInterval(result, (v) => {
      const n = nOpt(v);
      return n === null ? null : flops / (6 * n * n);
    }),
  };
}

/** log L at one log-input row for natural parameters. */
function logLossAt(spec: ModelSpec, natural: number[], logX: number[]): number {
  const out = new Float64Array(1);
  spec.logPredict(spec.fromNatural(natural), { cols: logX.map((v) => Float64Array.of(v)), n: 1 }, out, null);
  return out[0];
}

/** Solves g(u) = 0 for a decreasing g by bisection on [lo, hi]; null when the root is not bracketed. */
function bisectDecreasing(g: (u: number) => number, lo: number, hi: number): number | null {
  let glo = g(lo);
  const ghi = g(hi);
  if (!(glo >= 0) || !(ghi <= 0)) return null;
  for (let k = 0; k < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); k++) {
    const mid = (lo + hi) / 2;
    const gm = g(mid);
    if (gm >= 0) {
      lo = mid;
      glo = gm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The input (compute, tokens or time, in the units the fit used) at which the fitted curve reaches `targetLoss`.
 * One-input models: solve L(x) = target. Chinchilla: the compute C at which the compute-optimal loss
 * min over N of L(N, C/(6N)) reaches the target. Null (with a reason) when the target is at or below the floor.
 */
export function computeToReachLoss(
  result: FitResult,
  targetLoss: number,
  range: { readonly logMin?: number; readonly logMax?: number } = {},
): Derived {
  if (!(targetLoss > 0) || !Number.isFinite(targetLoss))
    throw new Error(`invalid targetLoss: ${targetLoss} (expected a positive number)`);
  const spec = getModel(result.model);
  const logMin = range.logMin ?? -50;
  const logMax = range.logMax ?? 200;
  const lt = Math.log(targetLoss);
  let at: (v: number[]) => number | null;
  if (spec.inputs.length === 1) {
    at = (v) => {
      const u = bisectDecreasing((lx) => logLossAt(spec, v, [lx]) - lt, logMin, logMax);
      return u === null ? null : Math.exp(u);
    };
  } else if (result.model === "chinchilla") {
    at = (v) => {
      const [, A, B, alpha, beta] = v;
      if (!(alpha > 0 && beta > 0)) return null;
      const G = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta));
      const lossAtLogC = (lc: number) => {
        const lc6 = lc - Math.log(6);
        const lN = Math.log(G) + (beta / (alpha + beta)) * lc6;
        return logLossAt(spec, v, [lN, lc6 - lN]);
      };
      const u = bisectDecreasing((lc) => lossAtLogC(lc) - lt, logMin, logMax);
      return u === null ? null : Math.exp(u);
    };
  } else {
    throw new Error(
      `invalid result: model ${result.model} (computeToReachLoss supports one-input models and chinchilla)`,
    );
  }
  const d = withInterval(result, at);
  if (d.value === null && result.status !== "failed") {
    const floor = result.params.E;
    return {
      ...d,
      reason:
        floor !== undefined && targetLoss <= floor
          ? `target loss ${targetLoss} is at or below the fitted floor E = ${floor}`
          : `target loss ${targetLoss} not reached for log input in [${logMin}, ${logMax}]`,
    };
  }
  return d;
}
