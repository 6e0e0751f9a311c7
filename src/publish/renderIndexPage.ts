// The site's front page: title, the verdict and headline numbers from results/summary.json, links to every notebook
// page and to the records table. summary.json is produced by the analysis stage; this page shows whatever fields exist
// and says what is missing instead of failing, so a partial analysis still publishes.
import { escapeHtml } from "./escapeHtml";
import { formatParams, formatSignificant } from "./formatNumber";
import { renderPage } from "./renderPage";

export interface NotebookLink {
  readonly href: string;
  readonly title: string;
  readonly sourcePath: string;
  readonly chartCount: number;
}

export interface IndexPageInput {
  readonly title: string;
  /** Parsed results/summary.json, or null when the file does not exist. */
  readonly summary: unknown | null;
  readonly summaryPath: string;
  readonly notebooks: readonly NotebookLink[];
  /** The records page, when the records table exists. */
  readonly records: { readonly href: string; readonly rowCount: number } | null;
}

export function renderIndexPage(input: IndexPageInput): string {
  const summary = isObject(input.summary) ? input.summary : null;
  const parts: string[] = [`<h1>${escapeHtml(input.title)}</h1>`];
  if (summary === null) {
    parts.push(`<p class="note">No results yet: ${escapeHtml(input.summaryPath)} was not found. Run <code>npm start</code>.</p>`);
  } else {
    const verdict = summary.verdict;
    parts.push(
      typeof verdict === "string" && verdict.trim() !== ""
        ? `<p class="verdict">${escapeHtml(verdict)}</p>`
        : `<p class="note">${escapeHtml(input.summaryPath)} states no verdict.</p>`,
    );
    parts.push(renderHeadlines(summary));
  }
  parts.push("<h2>Notebooks</h2>");
  parts.push(
    input.notebooks.length === 0
      ? '<p class="note">No notebooks were published.</p>'
      : `<ol class="notebook-list">\n${input.notebooks
          .map(
            (nb) =>
              `<li><a href="${escapeHtml(nb.href)}">${escapeHtml(nb.title)}</a> <span class="note">${escapeHtml(
                nb.sourcePath,
              )}${nb.chartCount > 0 ? `, ${nb.chartCount} chart${nb.chartCount === 1 ? "" : "s"}` : ""}</span></li>`,
          )
          .join("\n")}\n</ol>`,
  );
  if (input.records !== null) {
    parts.push("<h2>Data</h2>");
    parts.push(
      `<p><a href="${escapeHtml(input.records.href)}">World-record table</a> <span class="note">${input.records.rowCount} records</span></p>`,
    );
  }
  return renderPage({ title: input.title, body: parts.join("\n"), hasCharts: false });
}

type Json = { readonly [key: string]: unknown };

function renderHeadlines(summary: Json): string {
  const sections: string[] = [];
  const track1 = isObject(summary.track1) ? summary.track1 : {};
  const ratioRows: string[][] = [];
  if (isNumber(track1.time_ratio)) ratioRows.push(["Track 1 (124M): time ratio", `${formatSignificant(track1.time_ratio)}×`]);
  if (isNumber(track1.token_ratio)) ratioRows.push(["Track 1 (124M): token ratio", `${formatSignificant(track1.token_ratio)}×`]);
  if (ratioRows.length > 0) sections.push(table(["Headline", "Value"], ratioRows, [false, true]));

  if (isObject(summary.halving_time_months)) {
    const rows = Object.keys(summary.halving_time_months)
      .sort()
      .map((track) => {
        const value = (summary.halving_time_months as Json)[track];
        return [track, isObject(value) ? intervalText(value.estimate, value.lo, value.hi, " months") : "n/a"];
      });
    if (rows.length > 0) sections.push("<h3>Halving time of the time to target</h3>" + table(["Track", "Months (interval)"], rows, [false, true]));
  }

  if (Array.isArray(summary.multiplier_by_scale)) {
    const rows = summary.multiplier_by_scale.filter(isObject).map((row) => [
      isNumber(row.params) ? formatParams(row.params) : "n/a",
      intervalText(row.multiplier, row.lo, row.hi, "×"),
      typeof row.source === "string" ? row.source : "",
    ]);
    if (rows.length > 0) {
      sections.push("<h3>Compute multiplier by model size</h3>" + table(["Parameters", "Multiplier (interval)", "Source"], rows, [true, true, false]));
    }
  }

  if (Array.isArray(summary.extrapolation)) {
    const rows = summary.extrapolation.filter(isObject).map((row) => [
      isNumber(row.params) ? `${formatParams(row.params)} params` : isNumber(row.flops) ? `${formatSignificant(row.flops)} FLOPs` : "n/a",
      intervalText(row.multiplier, row.lo, row.hi, "×"),
    ]);
    if (rows.length > 0) {
      sections.push("<h3>Extrapolated multiplier</h3>" + table(["Scale", "Multiplier (interval)"], rows, [true, true]));
    }
  }
  if (sections.length === 0) return `<p class="note">The summary holds no headline numbers yet.</p>`;
  return "<h2>Headline numbers</h2>\n" + sections.join("\n");
}

function intervalText(estimate: unknown, lo: unknown, hi: unknown, unit: string): string {
  if (!isNumber(estimate)) return "n/a";
  const interval = isNumber(lo) && isNumber(hi) ? ` (${formatSignificant(lo)}–${formatSignificant(hi)})` : "";
  return `${formatSignificant(estimate)}${unit}${interval}`;
}

/** Cells are text: every one is escaped here. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string {
  const cls = (i: number) => (numeric[i] ? ' class="num"' : "");
  return [
    "<table>",
    `<thead><tr>${header.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${escapeHtml(cell)}</td>`).join("")}</tr>`),
    "</tbody>",
    "</table>",
  ].join("\n");
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
