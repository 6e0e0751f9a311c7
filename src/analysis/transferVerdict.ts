// The scale verdict from rules on the fitted slope intervals (never from point estimates or bounds alone).
//   not identified: no pair with a point measurement at two or more compute values (bounds only), or the slope's
//                   profile interval is open, or it spans both directions beyond the flat margin;
//   grows / shrinks: the whole 95% interval lies above / below 0;
//   flat:           the interval contains 0 and lies inside +-FLAT_MARGIN (an equivalence test: the multiplier
//                   changes by at most 25% per decade of compute in either direction).
// The margin is a choice, stated here and in summary.json: a multiplier that drifts by less than 25% per decade is
// "scale-invariant" for a forecast over the five decades from 1e21 to 1e26 FLOPs only to within a factor ~3.
import type { SlopeEstimate } from "./fitScaleModel";

export type TrendWord = "grows" | "shrinks" | "flat" | "not identified";

/** ln(1.25): the largest per-decade change of ln M still called flat. */
export const FLAT_MARGIN_LN_PER_DECADE = Math.log(1.25);

export interface TrendInput {
  readonly slope: SlopeEstimate;
  /** Pairs that carry a point at two or more compute values (bounds-only pairs do not count). */
  readonly nPairs: number;
}

/** The margin as words: "ln(1.25)" and "25%". */
function marginWords(margin: number): { ln: string; pct: string } {
  const factor = Math.exp(margin);
  return { ln: `ln(${Number(factor.toPrecision(3))})`, pct: `${Number(((factor - 1) * 100).toPrecision(3))}%` };
}

export interface TrendVerdict {
  readonly trend: TrendWord;
  readonly reason: string;
}

/** `margin`: the flat margin in ln M per decade (analysis option scaleModel.flatMarginLnPerDecade). */
export function trendVerdict(t: TrendInput, margin: number = FLAT_MARGIN_LN_PER_DECADE): TrendVerdict {
  if (!(margin > 0) || !Number.isFinite(margin)) throw new Error(`trendVerdict: invalid flat margin ${margin} (expected a positive number of ln M per decade)`);
  const w = marginWords(margin);
  if (t.nPairs === 0) return { trend: "not identified", reason: "no pair with a point measurement at two or more scales (bounds alone cannot show a direction)" };
  const { lo, hi } = t.slope;
  if (lo === null || hi === null) return { trend: "not identified", reason: "the slope's 95% profile interval is open: the data do not bound it" };
  if (lo > 0) return { trend: "grows", reason: `95% interval of the slope [${lo.toFixed(3)}, ${hi.toFixed(3)}] ln M per decade lies above 0` };
  if (hi < 0) return { trend: "shrinks", reason: `95% interval of the slope [${lo.toFixed(3)}, ${hi.toFixed(3)}] ln M per decade lies below 0` };
  if (lo >= -margin && hi <= margin)
    return { trend: "flat", reason: `95% interval [${lo.toFixed(3)}, ${hi.toFixed(3)}] contains 0 and lies within +-${w.ln} per decade` };
  return { trend: "not identified", reason: `95% interval [${lo.toFixed(3)}, ${hi.toFixed(3)}] contains 0 but allows more than a ${w.pct} change per decade` };
}

/** Per-decade factor exp(slope) as text, e.g. "x0.82 per decade". */
export function perDecadeText(slope: number | null): string {
  return slope === null ? "not identified" : `x${Math.exp(slope).toPrecision(3)} per decade`;
}

/** The trend in plain words, for the first clause of the verdict and the site's front page. */
export function plainTrendWords(trend: TrendWord, margin: number = FLAT_MARGIN_LN_PER_DECADE): string {
  switch (trend) {
    case "flat": return `The speedrun's gains look scale-invariant: the multiplier neither grows nor shrinks by more than ${marginWords(margin).pct} per decade of compute`;
    case "grows": return "The speedrun's gains grow with compute";
    case "shrinks": return "The speedrun's gains shrink with compute";
    default: return "The data cannot yet tell whether the speedrun's gains grow or shrink with compute";
  }
}

export { marginWords as flatMarginWords };
