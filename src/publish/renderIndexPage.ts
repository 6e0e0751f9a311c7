// The site's front page, a report a reader understands in a minute: the verdict in plain words (the computed sentence
// from results/summary.json beneath it, its terms explained), one headline chart (headlineFigure, from the same
// summary), the key numbers with their intervals, a short methods section, the notebooks (the display demo last), links
// to the results and data files, every headline table, and the commit the site was built from. summary.json is produced
// by the analysis stage; this page shows whatever fields exist and says what is missing instead of failing, so a partial
// analysis still publishes. New summary fields reach the page without code changes through `verdict_plain` (a string)
// and `key_numbers` (rows `{label, estimate, lo?, hi?, unit?, lower_bound?, note?}`), shown before the built-in rows.
import { headlineFigure } from "../plot/headlineFigure";
import type { BuildInfo } from "./buildInfo";
import { escapeHtml } from "./escapeHtml";
import { formatParams, formatSignificant } from "./formatNumber";
import { wrapTokens } from "./keepTokensWhole";
import { plotlyMimeType, renderBundle } from "./renderOutput";
import { renderPage } from "./renderPage";
import type { SiteDownloads } from "./siteDownloads";

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
  /** The commit the site is built from (null: not a git checkout). */
  readonly build?: BuildInfo | null;
  /** Result and data files copied into the site, linked from the page. */
  readonly downloads?: SiteDownloads;
}

export function renderIndexPage(input: IndexPageInput): string {
  const summary = isObject(input.summary) ? input.summary : null;
  const parts: string[] = [`<h1>${escapeHtml(input.title)}</h1>`, `<p class="build note">${buildText(input.build ?? null)}</p>`];
  let hasCharts = false;
  if (summary === null) {
    parts.push(`<p class="note">No results yet: ${escapeHtml(input.summaryPath)} was not found. Run <code>npm start</code>.</p>`);
  } else {
    parts.push(renderVerdict(summary, input.summaryPath));
    const chart = renderHeadlineChart(summary);
    if (chart !== "") {
      hasCharts = true;
      parts.push(chart);
    }
    parts.push(renderKeyNumbers(summary));
    parts.push(methods);
  }
  parts.push(renderNotebookList(input.notebooks));
  parts.push(renderDataLinks(input));
  if (summary !== null) parts.push(renderHeadlines(summary));
  parts.push(renderBuild(input.build ?? null));
  return renderPage({ title: input.title, body: parts.join("\n"), hasCharts });
}

// The words of the verdict rules (src/analysis/scaleVerdict.ts) said plainly.
const trendWords: Readonly<Record<string, string>> = {
  shrinks: "The speedrun's improvements save less compute on larger models than on the 124M model they were found on",
  grows: "The speedrun's improvements save more compute on larger models than on the 124M model they were found on",
  mixed: "The measurements disagree on whether the speedrun's savings grow or shrink on larger models",
};
const fateWords: Readonly<Record<string, string>> = {
  persists: "a real saving is still likely at frontier scale",
  "may be negligible": "at frontier scale the saving may be negligible",
  "may vanish": "at frontier scale the saving may vanish",
  vanishes: "at frontier scale the saving vanishes",
};

function renderVerdict(summary: Json, summaryPath: string): string {
  const verdict = text(summary.verdict).trim();
  const plain = text(summary.verdict_plain).trim() || plainVerdict(summary);
  const out: string[] = [];
  if (plain !== "") out.push(`<p class="verdict"><strong>In short:</strong> ${escapeHtml(plain)}</p>`);
  out.push(
    verdict !== ""
      ? `<p class="verdict-detail"><strong>The computed verdict:</strong> ${escapeHtml(verdict)}</p>`
      : `<p class="note">${escapeHtml(summaryPath)} states no verdict.</p>`,
  );
  out.push(terms);
  return out.join("\n");
}

/** "The speedrun's improvements save less compute ...; but carried to 1e26 FLOPs, ... (about 2.3×, range 1.21–20.1×)." */
function plainVerdict(summary: Json): string {
  const detail = isObject(summary.verdict_detail) ? summary.verdict_detail : null;
  if (detail === null) return "";
  const trend = trendWords[text(detail.trend)];
  const fate = fateWords[text(detail.fate_at_largest)];
  if (trend === undefined && fate === undefined) return "";
  const largest = largestExtrapolation(summary);
  const anchor = isObject(summary.track1) && isNumber(summary.track1.token_ratio) ? `${formatSignificant(summary.track1.token_ratio)}× ` : "";
  const where = largest === null ? "" : `: carried to ${largest.scale}, today's ${anchor}gain at 124M becomes about ${formatSignificant(largest.multiplier)}× (range ${formatSignificant(largest.lo)}× to ${formatSignificant(largest.hi)}×)`;
  const certainty = text(detail.certainty);
  // The verdict reads the compute axis; when the model-size axis says otherwise, the reader is told so.
  const byParams = isObject(detail.at_largest_params) ? detail.at_largest_params : null;
  const other =
    byParams !== null && text(byParams.fate) !== "" && text(byParams.fate) !== text(detail.fate_at_largest) && isNumber(byParams.at) && isNumber(byParams.lo)
      ? ` Measured along model size instead, the range at ${formatParams(byParams.at)} parameters reaches down to ${formatSignificant(byParams.lo)}×: there the gain ${text(byParams.fate)}.`
      : "";
  return [trend, fate].filter((x) => x !== undefined).join(", but ") + where + "." + (certainty !== "" ? ` How big that saving is remains ${certainty}.` : "") + other;
}

/** The extrapolation row at the largest training compute (else the largest model size). */
function largestExtrapolation(summary: Json): { scale: string; multiplier: number; lo: number; hi: number } | null {
  const rows = (Array.isArray(summary.extrapolation) ? summary.extrapolation : []).filter(isObject).filter((r) => isNumber(r.multiplier) && isNumber(r.lo) && isNumber(r.hi));
  const byFlops = rows.filter((r) => isNumber(r.flops)).sort((a, b) => (a.flops as number) - (b.flops as number));
  const byParams = rows.filter((r) => isNumber(r.params)).sort((a, b) => (a.params as number) - (b.params as number));
  const row = byFlops[byFlops.length - 1] ?? byParams[byParams.length - 1];
  if (row === undefined) return null;
  const scale = isNumber(row.flops) ? `${formatSignificant(row.flops)} FLOPs of training` : `${formatParams(row.params as number)} parameters`;
  return { scale, multiplier: row.multiplier as number, lo: row.lo as number, hi: row.hi as number };
}

const terms = `<details class="terms" open><summary>Terms used on this page</summary><dl>
<dt>Compute multiplier (×)</dt><dd>How many times less training compute a newer recipe needs to reach the same validation loss as its baseline on the same model: 24× means 1/24 of the compute. At a fixed model size this is the ratio of training tokens (<em>equal-loss tokens</em>).</dd>
<dt>FLOPs</dt><dd>Floating-point operations, the unit of training compute; C = 6&#8239;N&#8239;D for N parameters trained on D tokens. Frontier models are trained with about 1e25–1e26 FLOPs (1e26 = 10<sup>26</sup>).</dd>
<dt>Same-vintage pair</dt><dd>One change (for example the Muon optimizer against tuned AdamW) measured at two model sizes, with the same baseline and method; only such pairs show how a gain changes with size.</dd>
<dt>Envelope</dt><dd>The range of the extrapolated multiplier over both scale models the analysis fits and their 95% intervals: the honest spread, wider than any one model's interval.</dd>
<dt>Lower bound (≥)</dt><dd>The baseline never reached the target loss, so the true multiplier is at least this large.</dd>
<dt>Halving time</dt><dd>Months for the record time (or compute to a fixed loss) to halve, from a fit of its logarithm against date.</dd>
</dl></details>`;

function renderHeadlineChart(summary: Json): string {
  const figure = headlineFigure(summary);
  if (figure === null) return "";
  const title = figure.layout.title as { text?: unknown; subtitle?: { text?: unknown } } | undefined;
  const caption = text(title?.subtitle?.text);
  // The chart's own title and caption are drawn by Plotly; the figcaption repeats neither, it says where the numbers come from.
  const chart = renderBundle({ [plotlyMimeType]: figure, "text/plain": `Chart: ${text(title?.text)}. ${caption}` }, { cellIndex: -1, outputIndex: 0 });
  return chart.replace(
    "</figure>",
    `<figcaption class="note">Points: measured multipliers (bars: 95% intervals; ▲: lower bounds). Dashed line and band: today's 124M gain carried along the fitted trend, from <code>summary.multiplier_by_scale</code> and <code>summary.extrapolation</code>; notebook 04 builds it step by step.</figcaption></figure>`,
  );
}

interface KeyNumber {
  readonly label: string;
  readonly value: string;
  readonly note: string;
}

function renderKeyNumbers(summary: Json): string {
  const rows: KeyNumber[] = [];
  // Rows the analysis adds to summary.json itself come first.
  if (Array.isArray(summary.key_numbers)) {
    for (const row of summary.key_numbers.filter(isObject)) {
      if (text(row.label) === "" || !isNumber(row.estimate)) continue;
      rows.push({ label: text(row.label), value: (row.lower_bound === true ? "≥ " : "") + intervalText(row.estimate, row.lo, row.hi, text(row.unit)), note: text(row.note) });
    }
  }
  const t1 = isObject(summary.track1) ? summary.track1 : null;
  const t2 = isObject(summary.track2) ? summary.track2 : null;
  const since = (t: Json) => (isNumber(t.latest_record) ? `record ${t.latest_record}${typeof t.latest_date === "string" ? ` (${t.latest_date})` : ""} against the 2024 llm.c baseline` : "");
  if (t1 && isNumber(t1.time_ratio)) rows.push({ label: "Speed-up of the 124M record in wall-clock time", value: `${formatSignificant(t1.time_ratio)}×`, note: `${since(t1)}; includes faster hardware use` });
  if (t1 && isNumber(t1.token_ratio)) rows.push({ label: "Compute multiplier at 124M (fewer tokens to the same loss)", value: `${formatSignificant(t1.token_ratio)}×`, note: since(t1) });
  if (t2 && isNumber(t2.token_ratio)) {
    rows.push({ label: "Compute multiplier at 350M (track 2)", value: `${t2.lower_bound === true ? "≥ " : ""}${formatSignificant(t2.token_ratio)}×`, note: [since(t2), text(t2.note)].filter((x) => x !== "").join("; ") });
  }
  const halving = isObject(summary.halving_time_months) && isObject(summary.halving_time_months.track1) ? summary.halving_time_months.track1 : null;
  if (halving && isNumber(halving.estimate)) rows.push({ label: "Halving time of the 124M record time", value: intervalText(halving.estimate, halving.lo, halving.hi, " months"), note: "95% interval in brackets" });
  const largest = largestExtrapolation(summary);
  if (largest !== null) rows.push({ label: `Today's 124M gain carried to ${largest.scale}`, value: intervalText(largest.multiplier, largest.lo, largest.hi, "×"), note: "envelope in brackets: below 1× would mean no gain" });
  if (rows.length === 0) return "";
  const body = rows.map((r) => `<tr><td>${wrapTokens(escapeHtml(r.label))}</td><td class="num">${wrapTokens(escapeHtml(r.value))}</td><td>${wrapTokens(escapeHtml(r.note))}</td></tr>`);
  return ['<h2>Key numbers</h2>', '<div class="table-wrap"><table class="key-numbers">', "<thead><tr><th>What</th><th class=\"num\">Value (interval)</th><th>Note</th></tr></thead>", "<tbody>", ...body, "</tbody>", "</table></div>"].join("\n");
}

const methods = `<h2>How this was measured</h2>
<ul class="methods">
<li><strong>What:</strong> every world record of the modded-nanogpt speedrun (track 1: GPT-2 small, 124M parameters, trained to 3.28 validation loss; track 2: GPT-2 medium, 350M, to 2.92), read from its training logs, plus nanochat's GPT-2-capability leaderboard and the 2024 runs that scaled the recipe to 1.5B.</li>
<li><strong>How:</strong> for each record, the tokens its run needed to reach the target loss, interpolated between logged evaluations (a power law fitted to the loss curve where the run never reaches it). The compute multiplier is the baseline's tokens over the record's. Whether gains last at larger sizes is read only from same-vintage pairs; a trend fitted through them (ln ln M linear in log N, one slope shared by the pairs) carries today's 124M gain to larger models, with the envelope as its range.</li>
<li><strong>Assumed:</strong> compute C = 6&#8239;N&#8239;D with the track's nominal N; multipliers count tokens, not hardware speed (wall-clock ratios include both); only two pairs (four points) constrain the trend, so every extrapolation is far outside the measured range (124M to 1.55B) and its envelope is wide. Literature points (Wen et al. 2025 and others) are shown but not fitted.</li>
</ul>`;

function renderNotebookList(notebooks: readonly NotebookLink[]): string {
  if (notebooks.length === 0) return '<h2>Notebooks</h2>\n<p class="note">No notebooks were published.</p>';
  // A `00-` notebook is a display demo, not part of the argument: it goes last.
  const isDemo = (nb: NotebookLink) => /(^|\/)00[-_]/.test(nb.sourcePath) || /^00[-_]/.test(nb.href);
  const item = (nb: NotebookLink) =>
    `<li><a href="${escapeHtml(nb.href)}">${escapeHtml(nb.title)}</a> <span class="note">${escapeHtml(nb.sourcePath)}${
      nb.chartCount > 0 ? `, ${nb.chartCount} chart${nb.chartCount === 1 ? "" : "s"}` : ""
    }</span></li>`;
  const main = notebooks.filter((nb) => !isDemo(nb));
  const demos = notebooks.filter(isDemo);
  const out = ["<h2>Notebooks</h2>", '<p class="note">Each page is an executed notebook: text, tables and interactive charts; the code is folded (open it with <em>Show code</em>).</p>'];
  if (main.length > 0) out.push(`<ol class="notebook-list">\n${main.map(item).join("\n")}\n</ol>`);
  if (demos.length > 0) out.push(`<p class="note">Not part of the analysis: how charts, tables and errors display in a notebook.</p>\n<ul class="notebook-list">\n${demos.map(item).join("\n")}\n</ul>`);
  return out.join("\n");
}

const downloadNotes: Readonly<Record<string, string>> = {
  "summary.json": "every headline number, the verdict and its reasoning",
  "runs_to_target.csv": "tokens and time to the target loss, per run",
  "record_compute.csv": "tokens and compute to the target, per record",
  "multipliers.csv": "compute multipliers against the baseline and the previous record",
  "decomposition.csv": "speed-ups split into fewer tokens and more tokens per second",
  "halving_time.csv": "halving times per track and variant",
  "hindcast.csv": "would the methods have predicted later records?",
  "scale_points.csv": "measured multipliers by model size",
  "extrapolation.csv": "extrapolated multipliers, both scale models",
  "extrapolation_envelope.csv": "the headline extrapolation with its envelope",
  "frontier.csv": "frontier claims (DeepSeek-V3, Yi-Lightning) against the trend",
  "records.csv": "the world-record tables as published",
  "runs.csv": "one row per training log",
  "evals.csv": "every validation evaluation of every log",
  "train_losses.csv": "logged training losses",
  "sources.csv": "where each input came from",
  "README.md": "provenance, licences and token accounting of the dataset",
};

function renderDataLinks(input: IndexPageInput): string {
  const out: string[] = ["<h2>Data and results</h2>"];
  const list = (hrefs: readonly string[]) =>
    `<ul class="downloads">\n${hrefs
      .map((href) => {
        const name = href.replace(/^.*\//, "");
        const note = downloadNotes[name];
        return `<li><a href="${escapeHtml(href)}">${escapeHtml(href)}</a>${note ? ` <span class="note">${escapeHtml(note)}</span>` : ""}</li>`;
      })
      .join("\n")}\n</ul>`;
  if (input.records !== null) {
    out.push(`<p><a href="${escapeHtml(input.records.href)}">World-record table</a> <span class="note">${input.records.rowCount} records, readable</span></p>`);
  }
  const downloads = input.downloads;
  if (downloads && downloads.results.length > 0) out.push("<h3>Results of the analysis (<code>results/</code>)</h3>", list(downloads.results));
  if (downloads && downloads.data.length > 0) out.push("<h3>The dataset (<code>data/</code>)</h3>", list(downloads.data));
  return out.length > 1 ? out.join("\n") : "";
}

function renderBuild(build: BuildInfo | null): string {
  return `<footer class="build note">${buildText(build)}</footer>`;
}

/** "Built from commit 4db3c4092073 of 2026-07-20T10:00:00+00:00": git's commit date, never the clock. */
function buildText(build: BuildInfo | null): string {
  if (build === null) return "Built outside a git checkout: the commit is unknown.";
  return `Built from commit <code class="commit" title="${escapeHtml(build.commit)}">${escapeHtml(build.commit.slice(0, 12))}</code> (committed ${escapeHtml(
    build.date.replace("T", " "),
  )})${build.dirty ? " with uncommitted changes" : ""}.`;
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
  return "<h2>All headline numbers</h2>\n" + sections.join("\n");
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

/** A cell given as markup its caller has escaped (e.g. a path with <wbr> break points). */
export interface HtmlCell {
  readonly html: string;
}

/** Text cells are escaped here, their tokens kept whole; HtmlCell cells are taken as they are. */
export function table(header: readonly string[], rows: readonly (readonly (string | HtmlCell)[])[], numeric: readonly boolean[]): string {
  const cls = (i: number) => (numeric[i] ? ' class="num"' : "");
  return [
    '<div class="table-wrap"><table>',
    `<thead><tr>${header.map((h, i) => `<th${cls(i)}>${wrapTokens(escapeHtml(h))}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${typeof cell === "string" ? wrapTokens(escapeHtml(cell)) : cell.html}</td>`).join("")}</tr>`),
    "</tbody>",
    "</table></div>",
  ].join("\n");
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
