// The site's front page, a report a reader understands in a minute: the verdict in plain words (the computed sentence
// from results/summary.json beneath it, its terms explained), one headline chart (headlineFigure, from the same
// summary), the key numbers with their intervals, a short methods section, the notebooks (the display demo last), links
// to the results and data files, every headline table, and the commit the site was built from. summary.json is produced
// by the analysis stage; this page shows whatever fields exist and says what is missing instead of failing, so a partial
// analysis still publishes. New summary fields reach the page without code changes through `verdict_plain` (a string)
// and `key_numbers` (rows `{label, estimate, lo?, hi?, unit?, lower_bound?, note?}`), shown before the built-in rows.
import { headlineFigure } from "../plot/headlineFigure";
import { answerFacts, formatMeasured, kindText, type AnswerFacts } from "./answerFacts";
import type { BuildInfo } from "./buildInfo";
import { escapeHtml } from "./escapeHtml";
import { formatSignificant } from "./formatNumber";
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
  /** Rows of results/transfer_pairs.csv (the measured evidence by model size); absent: none shown. */
  readonly pairRows?: readonly Readonly<Record<string, string>>[];
}

export function renderIndexPage(input: IndexPageInput): string {
  const summary = isObject(input.summary) ? input.summary : null;
  const parts: string[] = [
    `<h1>${escapeHtml(input.title)}</h1>`,
    `<p class="build note">${buildText(input.build ?? null)}</p>`,
  ];
  let hasCharts = false;
  if (summary === null) {
    parts.push(
      `<p class="note">No results yet: ${escapeHtml(input.summaryPath)} was not found. Run <code>npm start</code>.</p>`,
    );
  } else {
    const facts = answerFacts(summary, input.pairRows ?? []);
    parts.push(renderVerdict(summary, facts, input.summaryPath));
    parts.push(renderEvidence(facts));
    const chart = renderHeadlineChart(summary);
    if (chart !== "") {
      hasCharts = true;
      parts.push(chart);
    }
    parts.push(terms);
    parts.push(renderKeyNumbers(summary));
    parts.push(methods);
  }
  parts.push(renderNotebookList(input.notebooks));
  parts.push(renderDataLinks(input));
  if (summary !== null) parts.push(renderHeadlines(summary));
  parts.push(renderBuild(input.build ?? null));
  return renderPage({ title: input.title, body: parts.join("\n"), hasCharts });
}

/** The verdict once, in the notation of the tables (× for multipliers, ≥ / ≤ for bounds), with its terms explained. */
function renderVerdict(summary: Json, facts: AnswerFacts, summaryPath: string): string {
  // One verdict: the summary's own plain sentence, else the one answerFacts words from the scale model, else (an older
  // summary without one) the computed sentence as it stands.
  const plain = text(summary.verdict_plain).trim() || facts.verdict || text(summary.verdict).trim();
  const out: string[] = ["<h2>The answer</h2>"];
  out.push(
    plain !== ""
      ? `<p class="verdict">${escapeHtml(plain)}</p>`
      : `<p class="note">${escapeHtml(summaryPath)} states no verdict.</p>`,
  );
  return out.join("\n");
}

/**
 * Does it persist at 350M, at 1.5B, at frontier scale? The measured evidence by model size, each measurement's kind in
 * words beside its value, then the extrapolation and its assumption; then every change measured at two or more sizes.
 */
function renderEvidence(facts: AnswerFacts): string {
  if (facts.rows.length === 0) return "";
  const out = ["<h2>Measured at 124M, 350M and 1.5B, then extrapolated</h2>"];
  out.push(
    table(
      ["Model size", "What is compared", "Multiplier", "How it is known"],
      facts.rows.map((r) => [r.size, r.comparison, r.value, r.kind]),
      [false, false, true, false],
    ),
  );
  if (facts.assumption !== "") out.push(`<p class="note">Extrapolation: ${escapeHtml(facts.assumption)}</p>`);
  if (facts.pairs.length > 0) {
    const sizes = facts.sizes;
    const rows = facts.pairs.map((p) => [
      p.label,
      ...sizes.map((size): string | HtmlCell => {
        const m = p.bySize[size];
        return m === undefined
          ? ""
          : {
              html: `${wrapTokens(escapeHtml(formatMeasured(m)))} <span class="kind">${escapeHtml(kindText(m.kind))}</span>`,
            };
      }),
    ]);
    out.push(
      `<details class="pairs"><summary>Every change measured at two or more sizes (${facts.pairs.length}): the multiplier at each size</summary>`,
      table(["Change", ...sizes], rows, [false, ...sizes.map(() => true)]),
      `<p class="note">≥ lower bound, ≤ upper bound: the scale model uses them as bounds. Each pair's preferred reading per size, from <code>results/transfer_pairs.csv</code>.</p></details>`,
    );
  }
  return out.join("\n");
}

/** Which bound a headline ratio is (summary.<track>.lower_bound / upper_bound), null for an estimate. */
function headlineBound(t: Json | null): "lower" | "upper" | null {
  return t?.lower_bound === true ? "lower" : t?.upper_bound === true ? "upper" : null;
}

/** "≥ " or "≤ " before a headline ratio that is a bound, else "". */
function boundMark(t: Json): string {
  const bound = headlineBound(t);
  return bound === "lower" ? "≥ " : bound === "upper" ? "≤ " : "";
}

/** What a scale-model row claims: "at most X×" for an upper limit, "at least X×" for a lower one, else X× (lo–hi). */
function scaleClaim(row: Json): string | null {
  if (row.bound === "upper") return isNumber(row.hi) ? `at most ${formatSignificant(row.hi)}×` : null;
  if (row.bound === "lower") return isNumber(row.lo) ? `at least ${formatSignificant(row.lo)}×` : null;
  return isNumber(row.multiplier) ? intervalText(row.multiplier, row.lo, row.hi, "×") : null;
}

/** Today's whole recipe at the largest training budget of summary.extrapolation. */
function largestExtrapolation(summary: Json): { scale: string; claim: string } | null {
  const rows = (Array.isArray(summary.extrapolation) ? summary.extrapolation : [])
    .filter(isObject)
    .filter((r) => r.category === "recipe_today" && isNumber(r.flops) && scaleClaim(r) !== null)
    .sort((a, b) => (a.flops as number) - (b.flops as number));
  const row = rows[rows.length - 1];
  if (row === undefined) return null;
  return { scale: `${formatSignificant(row.flops as number)} FLOPs of training`, claim: scaleClaim(row) as string };
}

const terms = `<details class="terms" open><summary>Terms used on this page</summary><dl>
<dt>Compute multiplier (×)</dt><dd>How many times less training compute a newer recipe needs to reach the same validation loss as its baseline: 24× means 1/24 of the compute. Compute is counted in FLOPs from each run's own model, at equal loss.</dd>
<dt>FLOPs</dt><dd>Floating-point operations, the unit of training compute: here 6 × the model's matrix-multiply weights (the output layer included) plus attention, per token, times the tokens trained on. Frontier models are trained with about 1e25–1e26 FLOPs (1e26 = 10<sup>26</sup>).</dd>
<dt>Transfer pair</dt><dd>One change (for example the Muon optimizer against AdamW, or a whole recipe against its baseline) measured at two or more model sizes, with the same method and target rule; only such pairs show how a gain changes with scale.</dd>
<dt>Scale-invariant</dt><dd>A gain that saves the same fraction of compute at every scale (a constant multiplier); a scale-dependent gain grows or shrinks as compute grows.</dd>
<dt>Lower bound (≥), upper bound (≤)</dt><dd>What a measurement can only bound: a baseline that never reaches the target, or a new recipe that reaches it mid-schedule, gives at least this much; a baseline that reaches it mid-schedule (a schedule ending there would have got there sooner), or a new recipe that stops short of the target, gives at most this much. The scale model uses a bound as a bound, never as a point.</dd>
<dt>95% interval</dt><dd>Where a pair's multiplier lies with 95% probability under the scale model: the uncertainty of the trend, of the pair's own measurements and the spread between changes. Simulated catalogues shaped like ours check that these intervals cover the truth about 95% of the time.</dd>
<dt>Halving time</dt><dd>Months for the record time (or compute to a fixed loss) to halve, from a fit of its logarithm against date; its interval allows for successive records being correlated (Newey-West).</dd>
</dl></details>`;

function renderHeadlineChart(summary: Json): string {
  const figure = headlineFigure(summary);
  if (figure === null) return "";
  const title = figure.layout.title as { text?: unknown; subtitle?: { text?: unknown } } | undefined;
  const caption = text(title?.subtitle?.text);
  // The chart's own title and caption are drawn by Plotly; the figcaption repeats neither, it says where the numbers come from.
  const chart = renderBundle(
    { [plotlyMimeType]: figure, "text/plain": `Chart: ${text(title?.text)}. ${caption}` },
    { cellIndex: -1, outputIndex: 0 },
  );
  return chart.replace(
    "</figure>",
    `<figcaption class="note">Today's recipe against the 2024 baseline, measured at 124M and carried across compute by the scale model fitted to the transfer pairs (95% limits, assuming each gain's log-multiplier stays linear in log compute); from <code>summary.extrapolation</code>. Notebook 04 shows the pairs behind it.</figcaption></figure>`,
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
      rows.push({
        label: text(row.label),
        value: (row.lower_bound === true ? "≥ " : "") + intervalText(row.estimate, row.lo, row.hi, text(row.unit)),
        note: text(row.note),
      });
    }
  }
  const t1 = isObject(summary.track1) ? summary.track1 : null;
  const t2 = isObject(summary.track2) ? summary.track2 : null;
  const since = (t: Json) =>
    isNumber(t.latest_record)
      ? `record ${t.latest_record}${typeof t.latest_date === "string" ? ` (${t.latest_date})` : ""} against the 2024 llm.c baseline`
      : "";
  const times = (v: unknown, t: Json) => `${boundMark(t)}${formatSignificant(v as number)}×`;
  // Why a 124M ratio is an upper bound: the baseline reaches the target mid-schedule (summary.track1.note has the rule).
  const early = (t: Json, target: string) =>
    t.upper_bound === true && isNumber(t.baseline_crossing_fraction)
      ? `the baseline reaches ${target} at ${Math.round(100 * t.baseline_crossing_fraction)}% of its run, before its schedule ends: an upper bound`
      : "";
  if (t1 && isNumber(t1.time_ratio))
    rows.push({
      label: "Speed-up of the 124M record in wall-clock time, at equal loss",
      value: times(t1.time_ratio, t1),
      note: [
        `${since(t1)}${isNumber(t1.readme_time_ratio) ? `; the README tables' times give ${formatSignificant(t1.readme_time_ratio)}× (the baseline's full run, past the target)` : ""}`,
        early(t1, "3.28"),
      ]
        .filter((x) => x !== "")
        .join("; "),
    });
  if (t1 && isNumber(t1.flops_ratio))
    rows.push({
      label: "Compute multiplier at 124M (FLOPs to the same loss)",
      value: times(t1.flops_ratio, t1),
      note: [
        `${since(t1)}${isNumber(t1.token_ratio) ? `; ${boundMark(t1)}${formatSignificant(t1.token_ratio)}× in tokens` : ""}`,
        early(t1, "3.28"),
      ]
        .filter((x) => x !== "")
        .join("; "),
    });
  if (t2 && isNumber(t2.flops_ratio))
    rows.push({
      label: "Compute multiplier of the track-2 model (FLOPs to 2.92)",
      value: times(t2.flops_ratio, t2),
      note: [
        since(t2),
        t2.lower_bound === true ? "the baseline never reaches 2.92: a lower bound" : "",
        early(t2, "2.92"),
      ]
        .filter((x) => x !== "")
        .join("; "),
    });
  const halving =
    isObject(summary.halving_time_months) && isObject(summary.halving_time_months.track1)
      ? summary.halving_time_months.track1
      : null;
  if (halving && isNumber(halving.estimate))
    rows.push({
      label: "Halving time of the 124M record time",
      value: intervalText(halving.estimate, halving.lo, halving.hi, " months"),
      note: `95% interval allowing for correlated records (Newey-West); plain OLS would say ${intervalText(halving.estimate, halving.ols_lo, halving.ols_hi, "")}`,
    });
  const seg = isObject(summary.segmented) && isObject(summary.segmented.track1) ? summary.segmented.track1 : null;
  if (seg && isNumber(seg.before_months) && isNumber(seg.after_months))
    rows.push({
      label: "Pace before and after the break in the 124M trend",
      value: `${formatSignificant(seg.before_months)} → ${formatSignificant(seg.after_months)} months`,
      note: `halving times before and after ${text(seg.break_date)} (BIC prefers ${text(seg.preferred)} trend)`,
    });
  const sd = isObject(summary.scale_dependence) ? summary.scale_dependence : null;
  const params = sd && isObject(sd.parameters) ? sd.parameters : null;
  const typical = params && isObject(params.typical_slope) ? params.typical_slope : null;
  if (sd && typical && isNumber(typical.estimate))
    rows.push({
      label: "Change of the typical gain per tenfold compute (scale model)",
      value: intervalText(
        Math.exp(typical.estimate),
        isNumber(typical.lo) ? Math.exp(typical.lo) : null,
        isNumber(typical.hi) ? Math.exp(typical.hi) : null,
        "×",
      ),
      note: `${text(sd.trend)}: ${isNumber(sd.n_pairs) ? `${sd.n_pairs} pairs fitted` : ""}${typeof sd.measured_from === "string" ? `, measured ${sd.measured_from} to ${text(sd.measured_to)}` : ""}; 1× = keeps its size`,
    });
  const relative = params && isObject(params.beta1) ? params.beta1 : null;
  if (relative && isNumber(relative.estimate))
    rows.push({
      label: "Share of its log-multiplier a gain gains per tenfold compute",
      value: intervalText(relative.estimate, relative.lo, relative.hi, ""),
      note: "0 = keeps its size; −0.1 = loses 10% of its ln M per decade",
    });
  const largest = largestExtrapolation(summary);
  if (largest !== null)
    rows.push({
      label: `Today's recipe carried to ${largest.scale}`,
      value: largest.claim,
      note: "95%; assumes each gain's log-multiplier stays linear in log compute beyond the measured sizes",
    });
  const p = isObject(summary.registered_prediction) ? summary.registered_prediction : null;
  if (p && typeof p.file === "string")
    rows.push({
      label: "Registered prediction",
      value: text(p.predicted),
      note: `${text(p.file)}, registered ${text(p.registered_on)}`,
    });
  if (rows.length === 0) return "";
  const body = rows.map(
    (r) =>
      `<tr><td>${wrapTokens(escapeHtml(r.label))}</td><td class="num" data-label="Value (interval)">${wrapTokens(escapeHtml(r.value))}</td><td data-label="Note">${wrapTokens(escapeHtml(r.note))}</td></tr>`,
  );
  return [
    "<h2>Key numbers</h2>",
    '<div class="table-wrap"><table class="key-numbers stack">',
    '<thead><tr><th>What</th><th class="num">Value (interval)</th><th>Note</th></tr></thead>',
    "<tbody>",
    ...body,
    "</tbody>",
    "</table></div>",
  ].join("\n");
}

const methods = `<h2>How this was measured</h2>
<ul class="methods">
<li><strong>What:</strong> every world record of the modded-nanogpt speedrun (track 1: GPT-2 small, 124M parameters, trained to 3.28 validation loss; track 2: a 16-layer, 1024-wide model trained to 2.92; track 3, the optimization benchmark: the 124M model to 3.28 in the fewest steps at a fixed batch), read from the 1,568 log files of a full clone of the repository, plus nanochat's leaderboard, the 2024 runs that scaled the recipe to 1.5B, and published multi-scale measurements.</li>
<li><strong>How:</strong> compute is FLOPs from each run's printed model (matrix-multiply weights including the output layer, plus attention) times its tokens. A multiplier is the baseline's FLOPs to a target loss over the newer run's, read where the loss curves cross; a run that never reaches the target gives a bound, not a value. Changes measured at two or more sizes (transfer pairs, a committed catalogue) feed a scale model, ln M = a + b·log10 C per pair, where a pair's slope b depends on the size of its gain (a fixed amount or a fixed fraction of ln M per decade are both in the model), with bounds as bounds and weakly informative priors; its intervals are checked on simulated catalogues. Its verdict comes from rules on those intervals.</li>
<li><strong>Assumed:</strong> attention over a fixed 1024-token window where a script's window schedule is not read; published numbers placed at 20 tokens per parameter; beyond the measured sizes, each gain's log-multiplier linear in log compute. Most pairs span 124M to 350M, so every extrapolation to frontier compute lies decades beyond the data: its interval, not its point, is the answer.</li>
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
  const out = [
    "<h2>Notebooks</h2>",
    '<p class="note">Each page is an executed notebook: text, tables and interactive charts; the code is folded (open it with <em>Show code</em>).</p>',
  ];
  if (main.length > 0) out.push(`<ol class="notebook-list">\n${main.map(item).join("\n")}\n</ol>`);
  if (demos.length > 0)
    out.push(
      `<p class="note">Not part of the analysis: how charts, tables and errors display in a notebook.</p>\n<ul class="notebook-list">\n${demos.map(item).join("\n")}\n</ul>`,
    );
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
  "scale_points.csv": "the earlier two-pair scale points (sensitivity)",
  "extrapolation_envelope.csv": "the earlier envelope over both (sensitivity)",
  "frontier.csv": "frontier claims (DeepSeek-V3, Yi-Lightning) beside Ho et al.'s trend",
  "transfer_pairs.csv": "every cross-scale measurement: pair, scale, FLOPs, target, multiplier and its kind",
  "transfer_curves.csv": "each pair's multiplier as a function of the target loss",
  "scale_extrapolation.csv": "the scale model's extrapolation of every pair and today's recipe",
  "progress_rates.csv": "halving times with autocorrelation-robust and OLS intervals, and the segmented trend",
  "forecast_scores.csv": "rolling-origin forecast scores against persistence",
  "attribution.csv": "the speed-up attributed to kinds of change",
  "attribution_steps.csv": "each record's equal-loss factor and its kind of change",
  "data_issues.csv": "duplicate and missing logs, unannounced script changes, reruns that missed the target",
  "record_reproduction.csv": "records whose own reruns miss the target",
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
    out.push(
      `<p><a href="${escapeHtml(input.records.href)}">World-record table</a> <span class="note">${input.records.rowCount} records, readable</span></p>`,
    );
  }
  const downloads = input.downloads;
  if (downloads && downloads.results.length > 0)
    out.push("<h3>Results of the analysis (<code>results/</code>)</h3>", list(downloads.results));
  if (downloads && downloads.data.length > 0)
    out.push("<h3>The dataset (<code>data/</code>)</h3>", list(downloads.data));
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

const trackLabels: Record<string, string> = {
  track1: "Track 1 (124M)",
  track2: "Track 2 (350M)",
  track3: "Track 3 (124M, fewest steps)",
  nanochat: "nanochat (GPT-2 1.6B capability)",
};

function renderHeadlines(summary: Json): string {
  const sections: string[] = [];

  // Speed-ups of the latest record over the baseline, per track (track1, track2, nanochat, whichever exist).
  const ratioRows = Object.keys(summary)
    .sort((a, b) => trackOrder(a) - trackOrder(b) || (a < b ? -1 : 1))
    .filter(
      (key) =>
        isObject(summary[key]) &&
        (isNumber((summary[key] as Json).time_ratio) || isNumber((summary[key] as Json).token_ratio)),
    )
    .map((key) => {
      const row = summary[key] as Json;
      const bound = boundMark(row);
      const ratio = (value: unknown) => (isNumber(value) ? `${bound}${formatSignificant(value)}×` : "n/a");
      const latest = isNumber(row.latest_record)
        ? `record ${row.latest_record}${typeof row.latest_date === "string" ? ` (${row.latest_date})` : ""}`
        : "";
      return [
        trackLabels[key] ?? key,
        ratio(row.time_ratio),
        ratio(row.token_ratio),
        ratio(row.flops_ratio),
        latest,
        text(row.note),
      ];
    });
  if (ratioRows.length > 0) {
    sections.push(
      "<h3>Latest record against the baseline</h3>\n" +
        table(["Track", "Time ratio (equal loss)", "Token ratio", "FLOPs ratio", "Latest", "Note"], ratioRows, [
          false,
          true,
          true,
          true,
          false,
          false,
        ]),
    );
  }

  if (isObject(summary.halving_time_months)) {
    const halving = summary.halving_time_months;
    const rows = Object.keys(halving)
      .sort((a, b) => trackOrder(a) - trackOrder(b) || (a < b ? -1 : 1))
      .map((track) => {
        const value = halving[track];
        if (!isObject(value)) return [trackLabels[track] ?? track, "n/a", "", ""];
        const span =
          typeof value.first_date === "string" && typeof value.last_date === "string"
            ? `${value.first_date} to ${value.last_date}`
            : "";
        return [
          text(value.label) || trackLabels[track] || track,
          intervalText(value.estimate, value.lo, value.hi, " months"),
          isNumber(value.n) ? `${value.n}` : "",
          span,
        ];
      });
    if (rows.length > 0) {
      sections.push(
        "<h3>Halving time of the record time</h3>\n" +
          table(["Series", "Months (interval)", "Points", "Dates"], rows, [false, true, true, false]),
      );
    }
  }

  const sd = isObject(summary.scale_dependence) ? summary.scale_dependence : null;
  const sp = sd && isObject(sd.parameters) ? sd.parameters : null;
  if (sd !== null && sp !== null) {
    const names: readonly [string, string][] = [
      ["typical_slope", "slope of the typical gain (ln M per decade)"],
      ["beta0", "absolute drift (ln M per decade)"],
      ["beta1", "relative drift (share of ln M per decade)"],
      ["tau", "spread of slopes between changes"],
      ["sigma", "noise beyond reruns (ln M)"],
    ];
    const rows = names
      .filter(([k]) => isObject(sp[k]))
      .map(([k, label]) => {
        const v = sp[k] as Json;
        return [label, intervalText(v.estimate, v.lo, v.hi, "")];
      });
    if (rows.length > 0)
      sections.push(
        `<h3>Scale model (${text(sd.trend)})</h3>\n` +
          table(["Parameter", "Estimate (95% interval)"], rows, [false, true]),
      );
  }

  if (Array.isArray(summary.extrapolation)) {
    // Today's recipe at every budget, each pair at 1e24 FLOPs.
    const rows = summary.extrapolation
      .filter(isObject)
      .filter(
        (row) =>
          isNumber(row.flops) && (row.category === "recipe_today" || row.flops === 1e24) && scaleClaim(row) !== null,
      )
      .map((row) => [
        text(row.category) === "recipe_today" ? "today's recipe" : text(row.pair_id) || text(row.category),
        `${formatSignificant(row.flops as number)} FLOPs`,
        scaleClaim(row) as string,
        text(row.note),
      ]);
    if (rows.length > 0)
      sections.push(
        "<h3>Carried beyond the measured sizes (assumes each gain's log-multiplier stays linear in log compute)</h3>\n" +
          table(["Change", "Training compute", "Multiplier (95% interval or limit)", "Note"], rows, [
            false,
            true,
            true,
            false,
          ]),
      );
  }

  if (Array.isArray(summary.claims)) {
    const rows = summary.claims.filter(isObject).map((row) => [text(row.claim), text(row.verdict), text(row.note)]);
    if (rows.length > 0)
      sections.push("<h3>Claims checked</h3>\n" + table(["Claim", "Verdict", "Note"], rows, [false, false, false]));
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
  const interval =
    isNumber(lo) && isNumber(hi) && lo !== hi ? ` (${formatSignificant(lo)}–${formatSignificant(hi)})` : "";
  return `${formatSignificant(estimate)}${unit}${interval}`;
}

/** A cell given as markup its caller has escaped (e.g. a path with <wbr> break points). */
export interface HtmlCell {
  readonly html: string;
}

/** Text cells are escaped here, their tokens kept whole; HtmlCell cells are taken as they are. */
export function table(
  header: readonly string[],
  rows: readonly (readonly (string | HtmlCell)[])[],
  numeric: readonly boolean[],
): string {
  const cls = (i: number) => (numeric[i] ? ' class="num"' : "");
  // data-label: the column's name, shown above each cell where a narrow screen stacks the table (site.css).
  const label = (i: number) => ` data-label="${escapeHtml(header[i] ?? "")}"`;
  return [
    '<div class="table-wrap"><table class="stack">',
    `<thead><tr>${header.map((h, i) => `<th${cls(i)}>${wrapTokens(escapeHtml(h))}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...rows.map(
      (row) =>
        `<tr>${row.map((cell, i) => `<td${cls(i)}${label(i)}>${typeof cell === "string" ? wrapTokens(escapeHtml(cell)) : cell.html}</td>`).join("")}</tr>`,
    ),
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
