// The one-sentence answer, computed from the numbers: do the 124M gains persist, shrink or vanish with scale?
// Rules: the trend "shrinks" / "grows" when the common slope's 95% interval excludes 0, otherwise it is "not
// distinguishable from flat" (then the sign of each pair's own slope is reported); the compute-axis trend is stated
// beside it. At the largest extrapolation target the gain "persists" when the lower end of the 95% prediction
// interval and of the pair-slope band stay above MATERIAL_MULTIPLIER, "vanishes" when their upper ends are below it,
// and is "undetermined" otherwise. The threshold is not 1x because the ln ln M model can never reach 1x: any
// extrapolation stays above it, so "above 1x" would be true by construction.
import type { ExtrapolationRow, ScalePoint, ScaleTrendFit } from "./types";

/** A multiplier below this (a <10% compute saving) counts as the gain having vanished in practice. */
export const MATERIAL_MULTIPLIER = 1.1;

export type TrendWord = "shrinks" | "grows" | "not distinguishable from flat" | "unknown";
export type FateWord = "persists" | "vanishes" | "undetermined";

export interface ScaleVerdict {
  readonly trend: TrendWord;
  readonly fateAtLargest: FateWord;
  readonly sentence: string;
}

export function formatMultiplier(x: number | null): string {
  if (x === null) return "n/a";
  if (x >= 1e4 || x < 1e-3) return x.toExponential(1);
  return x >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

export function formatSize(n: number): string {
  return n >= 1e12 ? `${n / 1e12}T` : n >= 1e9 ? `${Number((n / 1e9).toPrecision(3))}B` : `${Math.round(n / 1e6)}M`;
}

function trendOf(fit: ScaleTrendFit): TrendWord {
  if (fit.slopePerDecade === null) return "unknown";
  if (fit.slopeLo !== null && fit.slopeHi !== null) {
    if (fit.slopeHi < 0) return "shrinks";
    if (fit.slopeLo > 0) return "grows";
    return "not distinguishable from flat";
  }
  return fit.slopePerDecade < 0 ? "shrinks" : "grows";
}

export function scaleVerdict(points: readonly ScalePoint[], fit: ScaleTrendFit, extrapolation: readonly ExtrapolationRow[], computeFit: ScaleTrendFit | null = null): ScaleVerdict {
  const largest = extrapolation.filter((r) => r.axis === "params" && r.params !== null).sort((a, b) => (b.params as number) - (a.params as number))[0];
  const pairs = [...new Set(points.filter((p) => p.pair !== null).map((p) => p.pair as string))].sort();
  if (!pairs.length || !largest || fit.slopePerDecade === null || largest.multiplier === null)
    return { trend: "unknown", fateAtLargest: "undetermined", sentence: "Not enough same-vintage pairs of scale points to say whether the 124M gains persist." };
  const trend = trendOf(fit);
  const lows = [largest.lo, largest.bandLo].filter((v): v is number => v !== null);
  const highs = [largest.hi, largest.bandHi].filter((v): v is number => v !== null);
  const lo = lows.length ? Math.min(...lows) : null;
  const hi = highs.length ? Math.max(...highs) : null;
  let fate: FateWord = "undetermined";
  if (lo !== null && lo > MATERIAL_MULTIPLIER) fate = "persists";
  else if (hi !== null && hi < MATERIAL_MULTIPLIER) fate = "vanishes";
  const m = formatMultiplier;
  const pairText = pairs.map((k) => {
    const ps = points.filter((p) => p.pair === k).sort((a, b) => a.params - b.params);
    return ps.map((p) => `${p.lowerBound ? ">=" : ""}${m(p.multiplier)}x at ${formatSize(p.params)}`).join(" -> ");
  }).join("; ");
  const allShrink = Object.values(fit.pairSlopes).every((b) => b < 0);
  const ci = fit.slopeLo !== null && fit.slopeHi !== null ? `95% CI ${fit.slopeLo.toFixed(2)} to ${fit.slopeHi.toFixed(2)}` : "no interval";
  const trendText = trend === "not distinguishable from flat"
    ? `the common slope of ln(ln M) ${fit.slopePerDecade.toFixed(2)} per decade of parameters (${ci}, ${fit.dof} residual dof) cannot be told apart from flat${allShrink ? ", though every pair shrinks" : ""}`
    : `the multiplier ${trend} with size (common slope of ln(ln M) ${fit.slopePerDecade.toFixed(2)} per decade, ${ci})`;
  const fateText = fate === "persists" ? `a material gain (above ${MATERIAL_MULTIPLIER}x) persists but shrinks`
    : fate === "vanishes" ? `the gain vanishes (below ${MATERIAL_MULTIPLIER}x)`
    : `the gain shrinks on the central estimate, but whether a material gain (above ${MATERIAL_MULTIPLIER}x) survives is undetermined`;
  let computeText = "";
  if (computeFit && computeFit.slopePerDecade !== null) {
    const ct = trendOf(computeFit);
    const cci = computeFit.slopeLo !== null && computeFit.slopeHi !== null ? `95% CI ${computeFit.slopeLo.toFixed(2)} to ${computeFit.slopeHi.toFixed(2)}` : "no interval";
    computeText = ` Against training compute the slope is ${computeFit.slopePerDecade.toFixed(2)} per decade (${cci}): the multiplier ${ct === "not distinguishable from flat" ? "is not distinguishable from flat" : ct} with compute.`;
  }
  const sentence = `Same-vintage pairs (${pairText}): ${trendText}; carrying today's ${m(largest.anchorMultiplier)}x at 124M along it gives `
    + `${m(largest.multiplier)}x at ${formatSize(largest.params as number)} parameters (95% prediction interval with pair-slope band ${m(lo)}x to ${m(hi)}x), so ${fateText}.${computeText}`;
  return { trend, fateAtLargest: fate, sentence };
}
