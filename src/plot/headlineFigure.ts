// The index page's one chart, built from results/summary.json alone (the site is published from the committed results,
// without re-running the analysis): today's whole recipe carried across compute by the scale model, with its 95%
// limits (transferHeadlineFigure, the lead chart of notebook 04).
// The index calls nothing else, so a better headline chart replaces the body of this one function.
import type { Summary } from "../results/summary";
import { transferHeadlineFigure } from "./transferHeadlineFigure";
import type { Figure } from "./types";

/**
 * The headline figure for `summary`, or null when it holds no extrapolation of today's recipe (the 124M ratio is not
 * identified); any other failure of the builder is an error, not a missing chart.
 */
export function headlineFigure(summary: Summary): Figure | null {
  if (!summary.extrapolation.some((r) => r.category === "recipe_today")) return null;
  return transferHeadlineFigure(summary, { widthPx: 960, heightPx: 560 });
}
