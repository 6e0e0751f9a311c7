// The index page's one chart, built from results/summary.json alone (the site is published from the committed results,
// without re-running the analysis). Today: the measured multipliers against model size, same-vintage pairs joined, and
// today's 124M gain carried to larger models with its envelope (the chart of notebook 04). A better headline chart
// replaces the body of this one function; the index calls nothing else.
import { pairLabel } from "./fromResults";
import { multiplierVsScaleFigure } from "./multiplierVsScaleFigure";
import type { Figure, MultiplierBandPoint, MultiplierPoint, MultiplierSeries } from "./types";

type Json = { readonly [key: string]: unknown };

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The headline figure for `summary` (parsed summary.json), or null when it holds no multiplier by scale. */
export function headlineFigure(summary: unknown): Figure | null {
  if (!isObject(summary) || !Array.isArray(summary.multiplier_by_scale)) return null;
  const rows = summary.multiplier_by_scale.filter(isObject).filter((r) => num(r.params) !== null && (num(r.multiplier) ?? 0) > 0);
  if (rows.length === 0) return null;
  const point = (r: Json): MultiplierPoint => {
    const m = num(r.multiplier) as number;
    const lo = num(r.lo);
    const hi = num(r.hi);
    return {
      params: num(r.params) as number,
      multiplier: m,
      // An interval that does not contain the estimate (a lower-bound point) is drawn without error bars.
      ...(lo !== null && hi !== null && lo <= m && m <= hi ? { lo, hi } : {}),
      name: `${String(r.metric ?? "")} (vs ${String(r.baseline ?? "")})`,
      ...(r.lower_bound === true ? { lowerBound: true } : {}),
    };
  };
  const pairs = [...new Set(rows.filter((r) => r.in_fit === true && typeof r.pair === "string").map((r) => r.pair as string))].sort();
  const series: MultiplierSeries[] = pairs.map((pair) => ({
    label: `${pairLabel(pair)}: same change at two sizes`,
    connect: true,
    points: rows.filter((r) => r.in_fit === true && r.pair === pair).map(point).sort((a, b) => a.params - b.params),
  }));
  const others = rows.filter((r) => !(r.in_fit === true && typeof r.pair === "string")).map(point).sort((a, b) => a.params - b.params);
  if (others.length > 0) series.push({ label: "other measurements (not in the fit)", points: others });
  const anchor = isObject(summary.track1) ? num(summary.track1.token_ratio) : null;
  const anchorParams = 124e6;
  const ex: MultiplierBandPoint[] = (Array.isArray(summary.extrapolation) ? summary.extrapolation.filter(isObject) : [])
    .filter((r) => num(r.params) !== null && num(r.multiplier) !== null && num(r.lo) !== null && num(r.hi) !== null)
    .map((r) => {
      const m = num(r.multiplier) as number;
      return { params: num(r.params) as number, multiplier: m, lo: Math.min(num(r.lo) as number, m), hi: Math.max(num(r.hi) as number, m) };
    })
    .sort((a, b) => a.params - b.params);
  if (anchor !== null && ex.length > 0) {
    series.push({
      label: `today's 124M gain (${Number(anchor.toPrecision(3))}×) carried to larger models; band: range over both scale models`,
      points: [{ params: anchorParams, multiplier: anchor, name: "latest track-1 record vs llm.c 124M, equal-loss tokens" }],
      extrapolation: [{ params: anchorParams, multiplier: anchor, lo: anchor, hi: anchor }, ...ex],
    });
  }
  return multiplierVsScaleFigure(series, {
    title: "How much less compute the speedrun's recipe needs, by model size",
    widthPx: 960,
    heightPx: 560,
  });
}
