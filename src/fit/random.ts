// Seeded randomness for the bootstrap. Resample b of seed s draws from its own generator, so resamples do not depend
// on each other or on how they are split across threads.

/** mulberry32: a small, well-mixed 32-bit generator; returns a function yielding floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes (seed, stream) into one 32-bit generator seed (splitmix-style avalanche). */
export function streamSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul((stream + 1) >>> 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** How many times each of n rows is drawn in bootstrap resample `b` (n draws with replacement). */
export function resampleCounts(n: number, seed: number, b: number): Uint32Array {
  const rng = mulberry32(streamSeed(seed, b));
  const counts = new Uint32Array(n);
  for (let k = 0; k < n; k++) counts[Math.floor(rng() * n)]++;
  return counts;
}
