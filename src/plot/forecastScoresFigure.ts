// Rolling-origin forecast scores: mean |log10 error| per method and horizon as grouped bars (lower is better; 0.3 =
// off by 2x on average), each bar labelled with its 95%-interval coverage. Persistence is the bar to beat.
import { axis, baseLayout, checkNonEmpty, colour, figureDefaults, resolveOptions } from "./style";
import type { Figure, FigureOptions, Trace } from "./types";

export interface ForecastScorePoint {
  readonly method: string;
  readonly horizonMonths: number;
  readonly meanAbsLog10Error: number | null;
  readonly coverage95: number | null;
  readonly n: number;
}

const forecastScoresDefaults = {
  ...figureDefaults,
  caption: "Lower is better: a method above persistence (no change) forecasts worse than doing nothing.",
  yTitle: "Mean |log10 error| (0.3 = off by 2x)",
};

const builder = "forecastScoresFigure";

export function forecastScoresFigure(
  scores: readonly ForecastScorePoint[],
  options: FigureOptions & { yTitle?: string } = {},
): Figure {
  const o = resolveOptions(builder, options, forecastScoresDefaults);
  checkNonEmpty(builder, "scores", scores);
  const methods = [...new Set(scores.map((s) => s.method))];
  const horizons = [...new Set(scores.map((s) => s.horizonMonths))].sort((a, b) => a - b);
  for (const [j, s] of scores.entries())
    if (s.meanAbsLog10Error !== null && !(Number.isFinite(s.meanAbsLog10Error) && s.meanAbsLog10Error >= 0))
      throw new Error(
        `${builder}: score ${j} (${s.method}, ${s.horizonMonths} months) has ` +
          `meanAbsLog10Error = ${s.meanAbsLog10Error} (expected a finite number >= 0)`,
      );
  const data: Trace[] = methods.map((m, i) => {
    const row = (h: number) => scores.find((s) => s.method === m && s.horizonMonths === h);
    return {
      type: "bar",
      name: m.replace(/_/g, " "),
      x: horizons.map((h) => `${h} months`),
      y: horizons.map((h) => row(h)?.meanAbsLog10Error ?? null),
      text: horizons.map((h) => {
        const r = row(h);
        return r && r.coverage95 !== null ? `${Math.round(r.coverage95 * 100)}% in PI` : "";
      }),
      textposition: "outside",
      marker: { color: colour(i) },
      hovertemplate: `${m}: %{y:.3f} (%{text}; n = ${horizons.map((h) => row(h)?.n ?? 0).join("/")})<extra></extra>`,
    };
  });
  return {
    data,
    layout: { ...baseLayout(o, axis("Forecast horizon", "category"), axis(o.yTitle, "linear")), barmode: "group" },
  };
}
