// The one-sentence answer, computed from the numbers: does the 124M multiplier persist, shrink or vanish with scale?
// Rules: the trend "shrinks" / "grows" when the slope's 95% interval excludes 0, otherwise it is "not distinguishable
// from flat"; at the largest extrapolation target the gain "persists" when the lower end of the band stays above 1x,
// "vanishes" when its upper end is below 1x (or its estimate is within 10% of 1x with the band reaching 1x), and is
// "undetermined" otherwise.
import type { ExtrapolationRow, ScalePoint, ScaleTrendFit } from "./types";

export type TrendWord = "shrinks" | "grows" | "not distinguishable from flat" | "unknown";
export type FateWord = "persists" | "vanishes" | "undetermined";

export interface ScaleVerdict {
  readonly trend: TrendWord;
  readonly fateAtLargest: FateWord;
  readonly sentence: string;
}

const fmt = (x: number | null, digits = 2) => (x === null ? "n/a" : x >= 100 ? x.toFixed(0) : x.toPrecision(digits + 1));

export function scaleVerdict(points: readonly ScalePoint[], fit: ScaleTrendFit, extrapolation: readonly ExtrapolationRow[]): ScaleVerdict {
  const used = points.filter((p) => p.inFit).sort((a, b) => a.params - b.params);
  const largest = extrapolation.filter((r) => r.axis === "params" && r.params !== null).sort((a, b) => (b.params as number) - (a.params as number))[0];
  if (!used.length || !largest || fit.slopePerDecade === null || largest.multiplier === null)
    return { trend: "unknown", fateAtLargest: "undetermined", sentence: "Not enough comparable scale points to say whether the 124M gains persist." };
  let trend: TrendWord = "not distinguishable from flat";
  if (fit.slopeLo !== null && fit.slopeHi !== null) {
    if (fit.slopeHi < 0) trend = "shrinks";
    else if (fit.slopeLo > 0) trend = "grows";
  } else trend = fit.slopePerDecade < 0 ? "shrinks" : "grows";
  const lo = largest.bandLo;
  const hi = largest.bandHi;
  let fate: FateWord = "undetermined";
  if (lo !== null && lo > 1) fate = "persists";
  else if (hi !== null && hi < 1) fate = "vanishes";
  else if (largest.multiplier < 1.1) fate = "vanishes";
  const first = used[0];
  const last = used[used.length - 1];
  const ci = fit.slopeLo !== null && fit.slopeHi !== null ? ` (95% CI ${fmt(fit.slopeLo)} to ${fmt(fit.slopeHi)})` : " (no interval)";
  const size = (n: number) => (n >= 1e12 ? `${n / 1e12}T` : n >= 1e9 ? `${n / 1e9}B` : `${Math.round(n / 1e6)}M`);
  const trendText = trend === "not distinguishable from flat"
    ? "a trend that cannot be told apart from flat"
    : `a multiplier that ${trend} with size`;
  const fateText = fate === "persists" ? "the gains persist (band stays above 1x)"
    : fate === "vanishes" ? "the gains are expected to vanish (the band reaches 1x)"
    : "the band spans 1x, so whether any gain survives is undetermined";
  const sentence = `Equal-loss multipliers over an AdamW baseline go from ${fmt(first.multiplier)}x at ${size(first.params)} to ${fmt(last.multiplier)}x at ${size(last.params)}: `
    + `${trendText}, ln-slope ${fmt(fit.slopePerDecade)} per decade of parameters${ci} from ${used.length} points; `
    + `extrapolated to ${size(largest.params as number)} parameters the multiplier is ${fmt(largest.multiplier)}x (band ${fmt(lo)}x to ${fmt(hi)}x), so ${fateText}.`;
  return { trend, fateAtLargest: fate, sentence };
}
