// Shared helpers for models written in log-sum-exp form (Hoffmann et al. 2022, Approach 3): log L = LSE(t_1, ..., t_k).

/** Cartesian product of value lists, in the order given (last list varies fastest). */
export function cartesian(lists: readonly (readonly number[])[]): number[][] {
  let out: number[][] = [[]];
  for (const list of lists) {
    const next: number[][] = [];
    for (const prefix of out) for (const v of list) next.push([...prefix, v]);
    out = next;
  }
  return out;
}

/** Evenly spaced values from `from` to `to` inclusive in `count` steps. */
export function linspace(from: number, to: number, count: number): number[] {
  if (count === 1) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** Numerically stable log(1 + e^z). */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Logistic function 1 / (1 + e^-z), stable on both tails. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const ez = Math.exp(z);
  return ez / (1 + ez);
}
