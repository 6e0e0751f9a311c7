// showFit(result): a fit result (fitModel) displayed in a notebook as a report: an HTML table of the parameters with
// standard errors and intervals under a line with status, objective and criteria; the text report (fitReport,
// src/fit/report.ts, like lmfit's fit_report) is the fallback, printed outside a kernel.
import { fitReport, num, paramRows } from "../fit/report";
import type { FitResult } from "../fit/types";
import { displayBundle, type MimeBundle } from "./displayBundle";

export { fitReport } from "../fit/report";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The display bundle: an HTML report and the text report as fallback. */
export function fitReportBundle(r: FitResult): MimeBundle {
  const { rows, interval } = paramRows(r);
  const right = ' style="text-align:right"';
  const html = [
    `<p><strong>${escape(r.model)}</strong> fit: ` +
      `<strong>${escape(r.status)}</strong>${r.reason ? ` (${escape(r.reason)})` : ""}; ${r.n} data ` +
      `points, ${r.paramNames.length} parameters; ` +
      `objective ${escape(num(r.objective, 6))} (${escape(r.loss)}), AIC ${escape(num(r.aic, 6))}, ` +
      `BIC ${escape(num(r.bic, 6))}, RMSE ${escape(num(r.rmse))}</p>`,
    `<table>` +
      `<caption>${escape(`Parameters: estimate, standard error (Jacobian; robust = sandwich), ${interval}`)}</caption>`,
    `<thead><tr><th>Parameter</th><th${right}>Estimate</th><th${right}>SE</th><th${right}>SE / ` +
      `estimate</th><th${right}>Robust SE</th><th${right}>Low</th><th${right}>High</th></tr></thead><tbody>`,
    ...rows.map((row) => {
      const values = [row.estimate, row.se, row.relative, row.seRobust, row.lo, row.hi];
      return `<tr><td>${escape(row.name)}</td>${values.map((c) => `<td${right}>${escape(c)}</td>`).join("")}</tr>`;
    }),
    "</tbody></table>",
  ].join("");
  return { data: { "text/html": html, "text/plain": fitReport(r) } };
}

/** Displays the fit report in the running cell (printed outside a kernel). */
export function showFit(r: FitResult): void {
  displayBundle(fitReportBundle(r));
}
