// How much compute a (N, D) training run would save by re-allocating the same loss compute-optimally under a
// Chinchilla-form law L(N, D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, Approach 3). Used to test the
// "1.5x from a more compute-optimal tokens/parameter ratio" claim. The law was fitted on MassiveText with a different
// tokenizer, so the factor is indicative only.

export interface ChinchillaLaw {
  readonly E: number;
  readonly A: number;
  readonly B: number;
  readonly alpha: number;
  readonly beta: number;
}

export interface ComputeOptimalGain {
  readonly loss: number;
  readonly flops: number;
  readonly optimalParams: number;
  readonly optimalTokens: number;
  readonly optimalFlops: number;
  /** flops / optimalFlops (>= 1). */
  readonly gain: number;
}

function chinchillaLoss(law: ChinchillaLaw, params: number, tokens: number): number {
  return law.E + law.A / Math.pow(params, law.alpha) + law.B / Math.pow(tokens, law.beta);
}

/** Tokens needed at `params` to reach `loss`, null when the parameter term alone is already above it. */
function chinchillaTokensFor(law: ChinchillaLaw, params: number, loss: number): number | null {
  const gap = loss - law.E - law.A / Math.pow(params, law.alpha);
  if (!(gap > 0)) return null;
  return Math.pow(law.B / gap, 1 / law.beta);
}

export function computeOptimalGain(law: ChinchillaLaw, params: number, tokens: number): ComputeOptimalGain {
  if (!(params > 0) || !(tokens > 0))
    throw new Error(`computeOptimalGain: invalid params ${params} or tokens ${tokens}`);
  const loss = chinchillaLoss(law, params, tokens);
  const flops = 6 * params * tokens;
  const cost = (lnN: number) => {
    const n = Math.exp(lnN);
    const d = chinchillaTokensFor(law, n, loss);
    return d === null ? Infinity : Math.log(6 * n * d);
  };
  // Grid over ln N from 1e6 to 1e14 parameters, then golden-section refinement around the best grid point.
  const lo0 = Math.log(1e6);
  const hi0 = Math.log(1e14);
  const steps = 4000;
  let best = lo0;
  for (let i = 0; i <= steps; i++) {
    const x = lo0 + ((hi0 - lo0) * i) / steps;
    if (cost(x) < cost(best)) best = x;
  }
  let a = best - (hi0 - lo0) / steps;
  let b = best + (hi0 - lo0) / steps;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 100; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (cost(c) < cost(d)) b = d;
    else a = c;
  }
  const optimalParams = Math.exp((a + b) / 2);
  const optimalTokens = chinchillaTokensFor(law, optimalParams, loss) as number;
  const optimalFlops = 6 * optimalParams * optimalTokens;
  return { loss, flops, optimalParams, optimalTokens, optimalFlops, gain: flops / optimalFlops };
}
