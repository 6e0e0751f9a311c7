// The site's front page: title, the verdict and headline numbers from results/summary.json, links to every notebook
// page and to the records table. summary.json is produced by the analysis stage; this page shows whatever fields exist
// and says what is missing instead of failing, so a partial analysis still publishes.
import { escapeHtml } from "./escapeHtml";
import { formatParams, formatSignificant } from "./formatNumber";
import { renderPage } from "./renderPage";
import { plotlyMimeType, renderBundle } from "./renderOutput";
import { transferHeadlineFigure } from "../plot/transferHeadlineFigure";

/** The lead chart: today's recipe across scale with the pre-registered prediction (empty when summary lacks it). */
function leadChart(summary: Record<string, unknown>): string {
  let fig;
  try {
    fig = transferHeadlineFigure(summary);
  } catch (e) {
    return `<p class="note">No scale chart: ${escapeHtml((e as Error).message)}</p>`;
  }
  const label = "Compute multiplier of today's speedrun recipe extrapolated across compute, with its 95% prediction interval";
  return renderBundle({ [plotlyMimeType]: fig, "text/plain": label }, { cellIndex: -1, outputIndex: 0 });
}

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
  let hasCharts = false;
  if (summary === null) {
    parts.push(`<p class="note">No results yet: ${escapeHtml(input.summaryPath)} was not found. Run <code>npm start</code>.</p>`);
  } else {
    const verdict = summary.verdict;
    parts.push(
      typeof verdict === "string" && verdict.trim() !== ""
        ? `<p class="verdict">${escapeHtml(verdict)}</p>`
        : `<p class="note">${escapeHtml(input.summaryPath)} states no verdict.</p>`,
    );
    const chart = leadChart(summary);
    hasCharts = chart.includes("plotly-chart");
    parts.push(chart);
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
  return renderPage({ title: input.title, body: parts.join("\n"), hasCharts });
}

type Json = { readonly [key: string]: unknown };

const trackLabels: Record<string, string> = { track1: "Track 1 (124M)", track2: "Track 2 (350M)", nanochat: "nanochat (GPT-2 1.6B capability)" };

function renderHeadlines(summary: Json): string {
  const sections: string[] = [];

  // Speed-ups of the latest record over the baseline, per track (track1, track2, nanochat, whichever exist).
  const ratioRows = Object.keys(summary)
    .sort((a, b) => trackOrder(a) - trackOrder(b) || (a < b ? -1 : 1))
    .filter((key) => isObject(summary[key]) && (isNumber((summary[key] as Json).time_ratio) || isNumber((summary[key] as Json).token_ratio)))
    .map((key) => {
      const row = summary[key] as Json;
      const bound = row.lower_bound === true ? "≥ " : "";
      const ratio = (value: unknown) => (isNumber(value) ? `${bound}${formatSignificant(value)}×` : "n/a");
      const latest = isNumber(row.latest_record) ? `record ${row.latest_record}${typeof row.latest_date === "string" ? ` (${row.latest_date})` : ""}` : "";
      return [trackLabels[key] ?? key, ratio(row.time_ratio), ratio(row.token_ratio), latest, text(row.note)];
    });
  if (ratioRows.length > 0) {
    sections.push(
      "<h3>Latest record against the baseline</h3>\n" +
        table(["Track", "Time ratio", "Token ratio", "Latest", "Note"], ratioRows, [false, true, true, false, false]),
    );
  }

  if (isObject(summary.halving_time_months)) {
    const halving = summary.halving_time_months;
    const rows = Object.keys(halving)
      .sort((a, b) => trackOrder(a) - trackOrder(b) || (a < b ? -1 : 1))
      .map((track) => {
        const value = halving[track];
        if (!isObject(value)) return [trackLabels[track] ?? track, "n/a", "", ""];
        const span = typeof value.first_date === "string" && typeof value.last_date === "string" ? `${value.first_date} to ${value.last_date}` : "";
        return [text(value.label) || trackLabels[track] || track, intervalText(value.estimate, value.lo, value.hi, " months"), isNumber(value.n) ? `${value.n}` : "", span];
      });
    if (rows.length > 0) {
      sections.push("<h3>Halving time of the record time</h3>\n" + table(["Series", "Months (interval)", "Points", "Dates"], rows, [false, true, true, false]));
    }
  }

  if (Array.isArray(summary.multiplier_by_scale)) {
    const rows = summary.multiplier_by_scale.filter(isObject).map((row) => [
      isNumber(row.params) ? formatParams(row.params) : "n/a",
      (row.lower_bound === true ? "≥ " : "") + intervalText(row.multiplier, row.lo, row.hi, "×"),
      text(row.metric),
      text(row.baseline),
      text(row.source),
    ]);
    if (rows.length > 0) {
      sections.push(
        "<h3>Compute multiplier by model size</h3>\n" +
          table(["Parameters", "Multiplier (interval)", "Metric", "Baseline", "Source"], rows, [true, true, false, false, false]),
      );
    }
  }

  // lo/hi of summary.extrapolation are the envelope over both scale models (summary.extrapolation_interval says how);
  // the plain ln M model's central estimate is shown beside it so the spread has a visible source.
  if (Array.isArray(summary.extrapolation)) {
    const rows = summary.extrapolation.filter(isObject).map((row) => [
      isNumber(row.params) ? `${formatParams(row.params)} params` : isNumber(row.flops) ? `${formatSignificant(row.flops)} FLOPs` : "n/a",
      intervalText(row.multiplier, row.lo, row.hi, "×"),
      isNumber(row.central_log_model) ? `${formatSignificant(row.central_log_model)}×` : "",
      text(row.note),
    ]);
    if (rows.length > 0) {
      const what = typeof summary.extrapolation_interval === "string" ? `<p class="note">Interval: ${escapeHtml(summary.extrapolation_interval)}</p>\n` : "";
      sections.push("<h3>Extrapolated multiplier</h3>\n" + what + table(["Scale", "Multiplier (envelope)", "Plain ln M model", "Note"], rows, [true, true, true, false]));
    }
  }

  if (Array.isArray(summary.claims)) {
    const rows = summary.claims.filter(isObject).map((row) => [text(row.claim), text(row.verdict), text(row.note)]);
    if (rows.length > 0) sections.push("<h3>Claims checked</h3>\n" + table(["Claim", "Verdict", "Note"], rows, [false, false, false]));
  }

  if (Array.isArray(summary.warnings) && summary.warnings.length > 0) {
    const items = summary.warnings.map((w) => `<li>${escapeHtml(typeof w === "string" ? w : JSON.stringify(w))}</li>`);
    sections.push(`<h3>Warnings</h3>\n<ul class="warnings">${items.join("")}</ul>`);
  }
  if (sections.length === 0) return `<p class="note">The summary holds no headline numbers yet.</p>`;
  return "<h2>Headline numbers</h2>\n" + sections.join("\n");
}

function trackOrder(key: string): number {
  const order = ["track1", "track2", "nanochat"].indexOf(key);
  return order < 0 ? 99 : order;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** `3.21 months (2.5–4.4)`; the interval is left out when it is missing or has no width. */
function intervalText(estimate: unknown, lo: unknown, hi: unknown, unit: string): string {
  if (!isNumber(estimate)) return "n/a";
  const interval = isNumber(lo) && isNumber(hi) && lo !== hi ? ` (${formatSignificant(lo)}–${formatSignificant(hi)})` : "";
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
