// Turns cross-scale measurements (TransferMeasurement rows: the logs, the literature or a user's catalogue) into the
// observations the scale model fits: x = log10 FLOPs - 18, y = ln M, each a point or a bound. The rules decide what
// enters the fit and say why a row stays out, so a reader can argue with a row rather than with the likelihood.
import type { ChangeCategory, TransferMeasurement } from "../types";

/** log10 FLOPs the model is centred on, so a pair's intercept is its ln M at 1e18 FLOPs (about the 124M runs). */
export const SCALE_MODEL_X_REF = 18;

/** Two-sided 95% normal quantile: an "interval" row [lo, hi] is read as a 95% interval of ln M. */
const Z95 = 1.959963984540054;

export type ObservationKind = "point" | "lower" | "upper";

export interface ScaleObservation {
  readonly pairId: string;
  /** log10(flops) - SCALE_MODEL_X_REF. */
  readonly x: number;
  readonly kind: ObservationKind;
  /** ln of the value (the estimate, or the bound). */
  readonly y: number;
  /**
   * Known measurement sd of ln M (reruns, or an interval's width); 0 where unknown (the residual term then carries it).
   */
  readonly knownSd: number;
  readonly measurement: TransferMeasurement;
}

export interface ScalePair {
  readonly pairId: string;
  readonly category: ChangeCategory;
  readonly origin: "logs" | "literature";
  readonly observations: readonly ScaleObservation[];
}

export interface ExcludedScaleRow {
  readonly pairId: string;
  readonly scaleLabel: string | null;
  readonly reason: string;
}

export interface ScalePairSet {
  /** Pairs that inform a slope: points at two or more distinct compute values (their bounds, if any, kept censored). */
  readonly pairs: readonly ScalePair[];
  /**
   * Pairs with a point at one compute and bounds at others: their slope is known on one side only. They are not
   * fitted (fitted, in simulations shaped like ours, they pulled the relative drift towards the open side and its 95%
   * interval covered 47-83% of the time: the bound sits next to the truth, so the truth sits at the interval's edge),
   * but are predicted from the fit, their own point and their bounds.
   */
  readonly oneSided: readonly ScalePair[];
  /** Pairs with measurements at two or more scales that cannot inform a slope (bounds only). */
  readonly boundsOnlyPairs: readonly string[];
  readonly excluded: readonly ExcludedScaleRow[];
  /** Bound observations inside the identified pairs. */
  readonly nCensored: number;
}

function observation(m: TransferMeasurement): ScaleObservation | string {
  if (m.flops === null || !(m.flops > 0)) return "no compute to place on the x axis (context only)";
  const x = Math.log10(m.flops) - SCALE_MODEL_X_REF;
  const sd = m.logSd ?? 0;
  if (!(sd >= 0)) return `logSd ${m.logSd} is negative`;
  const base = { pairId: m.pairId, x, measurement: m };
  if (m.kind === "interval") {
    if (m.lo === null || m.hi === null || !(m.lo > 0) || !(m.hi >= m.lo))
      return `interval without a valid [lo, hi] (${m.lo}, ${m.hi})`;
    // A two-sided interval is taken as a 95% normal interval of ln M around its log midpoint (not a bound: it
    // constrains both sides).
    const half = (Math.log(m.hi) - Math.log(m.lo)) / 2;
    return { ...base, kind: "point", y: Math.log(m.lo) + half, knownSd: Math.hypot(sd, half / Z95) };
  }
  if (m.multiplier === null || !(m.multiplier > 0)) return "no multiplier (context only)";
  const y = Math.log(m.multiplier);
  if (m.kind === "estimate") return { ...base, kind: "point", y, knownSd: sd };
  return { ...base, kind: m.kind === "lower_bound" ? "lower" : "upper", y, knownSd: sd };
}

/** Group measurements by pair and keep the pairs that can inform a slope. Deterministic order (by pair id). */
export function groupScalePairs(measurements: readonly TransferMeasurement[]): ScalePairSet {
  const byPair = new Map<string, TransferMeasurement[]>();
  for (const m of measurements) {
    const list = byPair.get(m.pairId) ?? [];
    list.push(m);
    byPair.set(m.pairId, list);
  }
  const pairs: ScalePair[] = [];
  const boundsOnly: string[] = [];
  const oneSided: ScalePair[] = [];
  const excluded: ExcludedScaleRow[] = [];
  let nCensored = 0;
  for (const id of [...byPair.keys()].sort()) {
    const rows = byPair.get(id) as TransferMeasurement[];
    const categories = new Set(rows.map((r) => r.category));
    if (categories.size > 1)
      throw new Error(`transfer pair ${id}: rows disagree on the category (${[...categories].join(", ")})`);
    const obs: ScaleObservation[] = [];
    for (const r of rows) {
      // One measurement per pair and scale enters the fit: the catalogue's preferred row (complete end points over
      // mid-schedule readings). The others stay in results/transfer_pairs.csv as the target-sensitivity rows; fitting
      // them too would count one comparison several times.
      if (r.preferred === false) {
        excluded.push({
          pairId: id,
          scaleLabel: r.scaleLabel,
          reason:
            `not the preferred ` +
            `measurement at ${r.scaleLabel} (${r.measurementId ?? r.targetRule}): kept in the table, not fitted`,
        });
        continue;
      }
      const o = observation(r);
      if (typeof o === "string") excluded.push({ pairId: id, scaleLabel: r.scaleLabel, reason: o });
      else obs.push(o);
    }
    const xs = new Set(obs.map((o) => o.x.toFixed(6)));
    const points = obs.filter((o) => o.kind === "point").length;
    const pointXs = new Set(obs.filter((o) => o.kind === "point").map((o) => o.x.toFixed(6)));
    if (xs.size >= 2 && pointXs.size === 1) {
      oneSided.push({
        pairId: id,
        category: rows[0].category,
        origin: rows[0].origin,
        observations: obs.sort((a, b) => a.x - b.x),
      });
      excluded.push({
        pairId: id,
        scaleLabel: null,
        reason:
          "a point at one compute and bounds at the others: the slope is known on one side only (predicted, not " +
          "fitted)",
      });
      continue;
    }
    if (xs.size < 2) {
      if (obs.length > 0)
        excluded.push({ pairId: id, scaleLabel: null, reason: "measured at one compute only: no slope" });
      continue;
    }
    if (points === 0) {
      // With a free intercept, bounds alone are satisfied by any slope: the pair says nothing about the trend.
      boundsOnly.push(id);
      excluded.push({ pairId: id, scaleLabel: null, reason: "bounds only at every scale: cannot inform a slope" });
      continue;
    }
    nCensored += obs.length - points;
    pairs.push({
      pairId: id,
      category: rows[0].category,
      origin: rows[0].origin,
      observations: obs.sort((a, b) => a.x - b.x),
    });
  }
  return { pairs, oneSided, boundsOnlyPairs: boundsOnly, excluded, nCensored };
}
