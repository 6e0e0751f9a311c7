// A fit result as a report, like lmfit's fit_report: the model, status and reason, the objective, information
// criteria and residual size, then each parameter with its standard error (Jacobian, and the sandwich one), its
// interval (bootstrap percentile when the fit was bootstrapped, else estimate +- 1.96 SE, said so) and the share of the
// estimate the SE is. fitModel's results print as this report (console.log, a cell's last expression: util.inspect);
// showFit (src/notebook/fitReport.ts) displays it as a table in a notebook.
import type { FitResult } from "./types";

export const num = (v: number | null | undefined, digits = 4): string =>
  v === null || v === undefined || !Number.isFinite(v)
    ? "n/a"
    : Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-4)
      ? v.toExponential(digits - 1)
      : String(Number(v.toPrecision(digits)));

export interface ParamRow {
  readonly name: string;
  readonly estimate: string;
  readonly se: string;
  readonly relative: string;
  readonly seRobust: string;
  readonly lo: string;
  readonly hi: string;
}

export function paramRows(r: FitResult): { rows: ParamRow[]; interval: string } {
  const z = 1.959963984540054;
  const bootstrap = r.ci !== null;
  const interval = bootstrap
    ? `${Math.round(100 * r.level)}% bootstrap percentile interval (${r.bootstrap?.resamples ?? "?"} resamples)`
    : "95% interval, estimate ± 1.96 SE (no bootstrap)";
  const rows = r.paramNames.map((name) => {
    const estimate = r.params[name];
    const se = r.se[name] ?? null;
    const ci = r.ci?.[name] ?? (se === null ? null : ([estimate - z * se, estimate + z * se] as const));
    return {
      name,
      estimate: num(estimate),
      se: num(se, 3),
      relative: se === null || estimate === 0 ? "" : `${num(Math.abs((100 * se) / estimate), 2)}%`,
      seRobust: num(r.seRobust[name] ?? null, 3),
      lo: ci === null ? "n/a" : num(ci[0]),
      hi: ci === null ? "n/a" : num(ci[1]),
    };
  });
  return { rows, interval };
}

function headerLines(r: FitResult): string[] {
  return [
    `[[Fit: ${r.model}]]`,
    `    status:      ${r.status}${r.reason ? ` (${r.reason})` : ""}`,
    `    data points: ${r.n}, parameters: ${r.paramNames.length}, inputs: ${r.inputs.join(", ")}`,
    `    objective:   ${num(r.objective, 6)} (${r.loss}), ${r.iterations} iterations`,
    `    AIC: ${num(r.aic, 6)}, BIC: ${num(r.bic, 6)}, RMSE: ${num(r.rmse, 4)}`,
  ];
}

/** The report as text (lmfit's fit_report layout). */
export function fitReport(r: FitResult): string {
  const { rows, interval } = paramRows(r);
  const w = (k: keyof ParamRow) => Math.max(k === "name" ? 9 : 8, ...rows.map((row) => row[k].length));
  const cols: [keyof ParamRow, string][] = [
    ["name", "parameter"],
    ["estimate", "estimate"],
    ["se", "SE"],
    ["relative", "SE/est"],
    ["seRobust", "robust SE"],
    ["lo", "low"],
    ["hi", "high"],
  ];
  const widths = cols.map(([k, h]) => Math.max(w(k), h.length));
  const line = (cells: string[]) =>
    "    " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    ...headerLines(r),
    `[[Parameters]]  (${interval})`,
    line(cols.map(([, h]) => h)),
    ...rows.map((row) => line(cols.map(([k]) => row[k]))),
  ].join("\n");
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/** `result` with a non-enumerable util.inspect hook that prints fitReport (JSON and equality are unchanged). */
export function withReport<T extends FitResult>(result: T): T {
  if (!Object.isExtensible(result)) return result;
  Object.defineProperty(result, inspectSymbol, { value: () => fitReport(result), enumerable: false });
  return result;
}
