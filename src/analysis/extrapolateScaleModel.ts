// Extrapolates a multiplier measured at one compute along the fitted scale model, with a 95% prediction interval
// that carries three variances: the common slope's uncertainty (from its profile interval, read as +-1.96 se), the
// between-pair spread tau (a new change's own slope differs from the average one) and the anchor's own noise.
//   ln M(C) = ln M0 + b (log10 C - log10 C0),
//   var = (se_b^2 + tau^2) (log10 C - log10 C0)^2 + sigma^2 + logSd0^2.
import type { ScaleModelFit } from "./fitScaleModel";

const Z95 = 1.959963984540054;

export interface ScaleAnchorPoint {
  readonly label: string;
  readonly flops: number;
  readonly multiplier: number;
  /** Rerun sd of ln M0 where known. */
  readonly logSd: number | null;
  /** The anchor's multiplier is only a bound (runAnalysis.ts ratioBound): every multiplier carried from it is one too. */
  readonly bound?: "lower" | "upper";
}

/** "at most " / "at least " before a multiplier that is an upper / lower bound, "" otherwise. */
export function boundWords(bound: "lower" | "upper" | null | undefined): string {
  return bound === "upper" ? "at most " : bound === "lower" ? "at least " : "";
}

export interface ScaleExtrapolationRow {
  readonly category: string;
  readonly flops: number;
  readonly multiplier: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  /** Which fit supplied the slope ("optimizer", "all pairs", ...). */
  readonly slopeFrom: string;
  readonly anchor: string;
  readonly anchorFlops: number;
  readonly anchorMultiplier: number;
  /** The anchor's bound, carried: "upper" makes multiplier, lo and hi upper ends (null: the anchor is an estimate). */
  readonly bound: "lower" | "upper" | null;
  readonly note: string;
}

export function extrapolateScaleModel(
  fit: ScaleModelFit, anchor: ScaleAnchorPoint, flopsTargets: readonly number[], category: string, slopeFrom: string,
): ScaleExtrapolationRow[] {
  if (!(anchor.flops > 0) || !(anchor.multiplier > 0)) throw new Error(`extrapolateScaleModel: invalid anchor ${anchor.label}: flops ${anchor.flops}, multiplier ${anchor.multiplier}`);
  const { estimate: b, lo, hi } = fit.slope;
  return flopsTargets.map((flops) => {
    const base = { category, flops, slopeFrom, anchor: anchor.label, anchorFlops: anchor.flops, anchorMultiplier: anchor.multiplier, bound: anchor.bound ?? null };
    if (b === null || lo === null || hi === null || fit.tau === null || fit.sigma === null)
      return { ...base, multiplier: null, lo: null, hi: null, note: `slope not identified (${fit.reason || "no interval"}): no extrapolation` };
    const dx = Math.log10(flops) - Math.log10(anchor.flops);
    const se = (hi - lo) / (2 * Z95);
    const sd = Math.sqrt((se * se + fit.tau * fit.tau) * dx * dx + fit.sigma * fit.sigma + (anchor.logSd ?? 0) ** 2);
    const y = Math.log(anchor.multiplier) + b * dx;
    return {
      ...base, multiplier: Math.exp(y), lo: Math.exp(y - Z95 * sd), hi: Math.exp(y + Z95 * sd),
      note: `${dx.toFixed(2)} decades beyond the anchor; interval includes the between-pair sd ${fit.tau.toFixed(3)} per decade`,
    };
  });
}
