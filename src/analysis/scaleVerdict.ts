// The one-sentence answer, computed from the numbers: does the 124M multiplier persist, shrink or vanish with scale?
// Rules: the trend "shrinks" / "grows" when the slope's 95% interval excludes 0, otherwise it is "not distinguishable
// from flat". At the largest extrapolation target the gain "persists" when the 95% prediction interval (and the
// leave-one-out band) stay above 1x, "vanishes" when both lie below 1x, and is "undetermined" otherwise; the central
// estimate is reported either way (a log-linear trend can cross 1x, which means no gain left, not a loss: a recipe
// worse than its baseline would simply not be used).
import type { ExtrapolationRow, ScalePoint, ScaleTrendFit } from "./types";

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

function size(n: number): string {
  return n >= 1e12 ? `${n / 1e12}T` : n >= 1e9 ? `${Number((n / 1e9).toPrecision(3))}B` : `${Math.round(n / 1e6)}M`;
}

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
  const lows = [largest.lo, largest.bandLo].filter((v): v is number => v !== null);
  const highs = [largest.hi, largest.bandHi].filter((v): v is number => v !== null);
  const lo = lows.length ? Math.min(...lows) : null;
  const hi = highs.length ? Math.max(...highs) : null;
  let fate: FateWord = "undetermined";
  if (lo !== null && lo > 1) fate = "persists";
  else if (hi !== null && hi < 1) fate = "vanishes";
  const first = used[0];
  const last = used[used.length - 1];
  const m = formatMultiplier;
  const ci = fit.slopeLo !== null && fit.slopeHi !== null ? ` (95% CI ${fit.slopeLo.toFixed(2)} to ${fit.slopeHi.toFixed(2)})` : " (no interval)";
  const trendText = trend === "not distinguishable from flat"
    ? `the fitted decline (ln-slope ${fit.slopePerDecade.toFixed(2)} per decade of parameters${ci}, ${used.length} points) cannot be told apart from flat`
    : `the multiplier ${trend} with size (ln-slope ${fit.slopePerDecade.toFixed(2)} per decade${ci}, ${used.length} points)`;
  const central = largest.multiplier < 1 ? `${m(largest.multiplier)}x, i.e. no gain left` : `${m(largest.multiplier)}x`;
  const fateText = fate === "persists" ? "the gains persist"
    : fate === "vanishes" ? "the gains vanish"
    : "whether any gain survives is undetermined (the interval spans 1x)";
  const sentence = `Equal-loss multipliers over an AdamW baseline go from ${m(first.multiplier)}x at ${size(first.params)} to ${m(last.multiplier)}x at ${size(last.params)}; `
    + `${trendText}; extrapolated to ${size(largest.params as number)} parameters the central estimate is ${central} `
    + `(95% prediction interval with leave-one-out band ${m(lo)}x to ${m(hi)}x), so ${fateText}.`;
  return { trend, fateAtLargest: fate, sentence };
}
