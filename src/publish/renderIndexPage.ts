// The site's front page, a report a reader understands in a minute: the verdict in plain words (the computed sentence
// from results/summary.json beneath it, its terms explained), one headline chart (headlineFigure, from the same
// summary), the key numbers with their intervals, a short methods section, the notebooks (the display demo last), links
// to the results and data files, every headline table, and the commit the site was built from. summary.json is produced
// by the analysis stage and read through its type (src/results/summary.ts; publish checks the file with readSummary):
// the sentences around its numbers are written here, the numbers' meanings are in results/summary_reference.md.
import { headlineFigure } from "../plot/headlineFigure";
import type { Figure } from "../plot/types";
import type { Bounded, ExtrapolationSummary, Summary, TrackSummary } from "../results/summary";
import { answerFacts, extrapolationClaim, formatMeasured, kindText, measuredOf, type AnswerFacts } from "./answerFacts";
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
  /** results/summary.json (readSummary), or null when the file does not exist. */
  readonly summary: Summary | null;
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
  const summary = input.summary;
  const parts: string[] = [
    `<h1>${escapeHtml(input.title)}</h1>`,
    `<p class="build note">${buildText(input.build ?? null)}</p>`,
  ];
  const charts: Figure[] = [];
  if (summary === null) {
    parts.push(
      `<p class="note">No results yet: ${escapeHtml(input.summaryPath)} was not found. Run <code>npm start</code>.</p>`,
    );
  } else {
    const facts = answerFacts(summary, input.pairRows ?? []);
    parts.push(renderVerdict(facts, input.summaryPath));
    parts.push(renderEvidence(facts));
    const figure = headlineFigure(summary);
    if (figure !== null) {
      charts.push(figure);
      parts.push(renderHeadlineChart(figure));
    }
    parts.push(terms);
    parts.push(renderKeyNumbers(summary));
    parts.push(methods);
  }
  parts.push(renderNotebookList(input.notebooks));
  parts.push(renderDataLinks(input));
  if (summary !== null) parts.push(renderHeadlines(summary));
  parts.push(renderBuild(input.build ?? null));
  return renderPage({ title: input.title, body: parts.join("\n"), charts });
}

/** The verdict once, in the notation of the tables (× for multipliers, ≥ / ≤ for bounds), with its terms explained. */
function renderVerdict(facts: AnswerFacts, summaryPath: string): string {
  const out: string[] = ["<h2>The answer</h2>"];
  out.push(
    facts.verdict !== ""
      ? `<p class="verdict">${escapeHtml(facts.verdict)}</p>`
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
  if (facts.assumption !== "") out.push(`<p class="note">Extrapolation: ${escapeHtml(facts.assumption)}.</p>`);
  if (facts.pairs.length > 0) {
    const sizes = facts.sizes;
    const rows = facts.pairs.map((p) => [
      p.label,
      ...sizes.map((size): string | HtmlCell => {
        const m = p.bySize[size];
        return m === undefined
          ? ""
          : {
              html:
                `${wrapTokens(escapeHtml(formatMeasured(m)))} <span ` +
                `class="kind">${escapeHtml(kindText(m.kind))}</span>`,
            };
      }),
    ]);
    out.push(
      `<details class="pairs"><summary>Every change measured at two or more sizes (${facts.pairs.length}): the ` +
        `multiplier at each size</summary>`,
      table(["Change", ...sizes], rows, [false, ...sizes.map(() => true)]),
      `<p class="note">≥ lower bound, ≤ upper bound: the scale model uses them as bounds. Each pair's preferred ` +
        `reading per size, from <code>results/transfer_pairs.csv</code>.</p></details>`,
    );
  }
  return out.join("\n");
}

/** A headline ratio as the tables write it: "≤ 26.8×", "≥ 18.8×", "14.4×", "n/a". */
function ratioText(b: Bounded): string {
  const m = measuredOf(b);
  return m === null ? (b.kind === "not_identified" ? "not identified" : "n/a") : formatMeasured(m);
}

/** Today's whole recipe at the largest training budget of summary.extrapolation. */
function largestExtrapolation(summary: Summary): { scale: string; claim: string } | null {
  const rows = summary.extrapolation
    .filter((r) => r.category === "recipe_today" && extrapolationClaim(r) !== "")
    .sort((a, b) => a.flops - b.flops);
  const row = rows[rows.length - 1];
  if (row === undefined) return null;
  return { scale: `${formatSignificant(row.flops)} FLOPs of training`, claim: scaleClaim(row) };
}

/** What a scale-model row claims: "at most X×" for an upper limit, "at least X×" for a lower one, else X× (lo–hi). */
function scaleClaim(row: ExtrapolationSummary): string {
  const { estimate, lower, upper } = row.multiplier;
  if (estimate === null && upper !== null && lower === null) return `at most ${formatSignificant(upper)}×`;
  if (estimate === null && lower !== null && upper === null) return `at least ${formatSignificant(lower)}×`;
  return boundedText(row.multiplier, "×");
}

const terms =
  `<details class="terms" open><summary>Terms used on this page</summary><dl>
<dt>Compute multiplier (×)</dt><dd>How many times less training compute a newer recipe needs to reach the same ` +
  `validation loss as its baseline: 24× means 1/24 of the compute. Compute is counted in FLOPs from each run's own ` +
  `model, at equal loss.</dd>
<dt>FLOPs</dt><dd>Floating-point operations, the unit of training compute: here 6 × the model's matrix-multiply ` +
  `weights (the output layer included) plus attention, per token, times the tokens trained on. Frontier models are ` +
  `trained with about 1e25–1e26 FLOPs (1e26 = 10<sup>26</sup>).</dd>
<dt>Transfer pair</dt><dd>One change (for example the Muon optimizer against AdamW, or a whole recipe against ` +
  `its baseline) measured at two or more model sizes, with the same method and target rule; only such pairs show ` +
  `how a gain changes with scale.</dd>
<dt>Scale-invariant</dt><dd>A gain that saves the same fraction of compute at every scale (a constant ` +
  `multiplier); a scale-dependent gain grows or shrinks as compute grows.</dd>
<dt>Lower bound (≥), upper bound (≤)</dt><dd>What a measurement can only bound: a baseline that never reaches ` +
  `the target, or a new recipe that reaches it mid-schedule, gives at least this much; a baseline that reaches it ` +
  `mid-schedule (a schedule ending there would have got there sooner), or a new recipe that stops short of the ` +
  `target, gives at most this much. The scale model uses a bound as a bound, never as a point.</dd>
<dt>95% interval</dt><dd>Where a pair's multiplier lies with 95% probability under the scale model: the ` +
  `uncertainty of the trend, of the pair's own measurements and the spread between changes. Simulated catalogues ` +
  `shaped like ours check that these intervals cover the truth about 95% of the time.</dd>
<dt>Halving time</dt><dd>Months for the record time (or compute to a fixed loss) to halve, from a fit of its ` +
  `logarithm against date; its interval allows for successive records being correlated (Newey-West).</dd>
</dl></details>`;

const text = (v: unknown): string => (typeof v === "string" ? v : "");

function renderHeadlineChart(figure: Figure): string {
  const title = figure.layout.title as { text?: unknown; subtitle?: { text?: unknown } } | undefined;
  const caption = text(title?.subtitle?.text);
  // The chart's own title and caption are drawn by Plotly; the figcaption repeats neither, it says where the numbers
  // come from.
  const chart = renderBundle(
    { [plotlyMimeType]: figure, "text/plain": `Chart: ${text(title?.text)}. ${caption}` },
    { cellIndex: -1, outputIndex: 0 },
  );
  return chart.replace(
    "</figure>",
    `<figcaption class="note">Today's recipe against the 2024 baseline, measured at 124M and carried across ` +
      `compute by the scale model fitted to the transfer pairs (95% limits, assuming each gain's log-multiplier ` +
      `stays linear in log compute); from <code>summary.extrapolation</code>. Notebook 04 shows the pairs behind ` +
      `it.</figcaption></figure>`,
  );
}

interface KeyNumber {
  readonly label: string;
  readonly value: string;
  readonly note: string;
}

function renderKeyNumbers(summary: Summary): string {
  const rows: KeyNumber[] = [];
  const { track1: t1, track2: t2 } = summary;
  const since = (t: TrackSummary) =>
    t.latest_record !== null
      ? `record ${t.latest_record}${t.latest_date !== null ? ` (${t.latest_date})` : ""} against the 2024 llm.c ` +
        `baseline`
      : "";
  const joined = (...parts: string[]) => parts.filter((x) => x !== "").join("; ");
  const shown = (b: Bounded) => measuredOf(b) !== null;
  if (shown(t1.time_ratio))
    rows.push({
      label: "Speed-up of the 124M record in wall-clock time, at equal loss",
      value: ratioText(t1.time_ratio),
      note: joined(
        since(t1) +
          (t1.readme_time_ratio !== null
            ? `; the README tables' times give ${formatSignificant(t1.readme_time_ratio)}× ` +
              "(the baseline's full run, past the target)"
            : ""),
        boundWhy(t1, "3.28"),
      ),
    });
  if (shown(t1.flops_ratio))
    rows.push({
      label: "Compute multiplier at 124M (FLOPs to the same loss)",
      value: ratioText(t1.flops_ratio),
      note: joined(
        `${since(t1)}${shown(t1.token_ratio) ? `; ${ratioText(t1.token_ratio)} in tokens` : ""}`,
        boundWhy(t1, "3.28"),
      ),
    });
  if (shown(t2.flops_ratio))
    rows.push({
      label: "Compute multiplier of the track-2 model (FLOPs to 2.92)",
      value: ratioText(t2.flops_ratio),
      note: joined(since(t2), boundWhy(t2, "2.92")),
    });
  const halving = summary.halving_time_months.track1;
  const olsLimits = halving?.ols_interval;
  const ols =
    olsLimits && olsLimits.lower !== null && olsLimits.upper !== null
      ? `${formatSignificant(olsLimits.lower)}–${formatSignificant(olsLimits.upper)}`
      : null;
  if (halving && halving.months.estimate !== null)
    rows.push({
      label: "Halving time of the 124M record time",
      value: boundedText(halving.months, " months"),
      note: `95% interval ${intervalWords(halving.months.kind)}${ols ? `; plain OLS would say ${ols} months` : ""}`,
    });
  const seg = summary.segmented.track1;
  if (seg && seg.before_months !== null && seg.after_months !== null)
    rows.push({
      label: "Pace before and after the break in the 124M trend",
      value: `${formatSignificant(seg.before_months)} → ${formatSignificant(seg.after_months)} months`,
      note:
        `halving times before and after ${seg.break_date.estimate ?? "n/a"} (BIC ` +
        `prefers ${seg.preferred ?? "neither"} trend)`,
    });
  const sd = summary.scale_dependence;
  const typical = sd.parameters?.typical_slope ?? null;
  const exp = (x: number | null) => (x === null ? null : Math.exp(x));
  if (typical && typical.estimate !== null)
    rows.push({
      label: "Change of the typical gain per tenfold compute (scale model)",
      value: boundedText(
        { ...typical, estimate: exp(typical.estimate), lower: exp(typical.lower), upper: exp(typical.upper) },
        "×",
      ),
      note:
        `${sd.trend}: ${sd.n_pairs} pairs fitted` +
        (sd.measured_from !== null ? `, measured ${sd.measured_from} to ${sd.measured_to ?? "n/a"}` : "") +
        "; 1× = keeps its size",
    });
  const relative = sd.parameters?.beta1 ?? null;
  if (relative && relative.estimate !== null)
    rows.push({
      label: "Share of its log-multiplier a gain gains per tenfold compute",
      value: boundedText(relative, ""),
      note: "0 = keeps its size; −0.1 = loses 10% of its ln M per decade",
    });
  const largest = largestExtrapolation(summary);
  if (largest !== null)
    rows.push({
      label: `Today's recipe carried to ${largest.scale}`,
      value: largest.claim,
      note: "95%; assumes each gain's log-multiplier stays linear in log compute beyond the measured sizes",
    });
  if (rows.length === 0) return "";
  const body = rows.map(
    (r) =>
      `<tr><td>${wrapTokens(escapeHtml(r.label))}</td>` +
      `<td class="num" data-label="Value (interval)">${wrapTokens(escapeHtml(r.value))}</td>` +
      `<td data-label="Note">${wrapTokens(escapeHtml(r.note))}</td></tr>`,
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

const methods =
  `<h2>How this was measured</h2>
<ul class="methods">
<li><strong>What:</strong> every world record of the modded-nanogpt speedrun (track 1: GPT-2 small, 124M ` +
  `parameters, trained to 3.28 validation loss; track 2: a 16-layer, 1024-wide model trained to 2.92; track 3, the ` +
  `optimization benchmark: the 124M model to 3.28 in the fewest steps at a fixed batch), read from the 1,568 log ` +
  `files of a full clone of the repository, plus nanochat's leaderboard, the 2024 runs that scaled the recipe to ` +
  `1.5B, and published multi-scale measurements.</li>
<li><strong>How:</strong> compute is FLOPs from each run's printed model (matrix-multiply weights including the ` +
  `output layer, plus attention) times its tokens. A multiplier is the baseline's FLOPs to a target loss over the ` +
  `newer run's, read where the loss curves cross; a run that never reaches the target gives a bound, not a value. ` +
  `Changes measured at two or more sizes (transfer pairs, a committed catalogue) feed a scale model, ln M = a + ` +
  `b·log10 C per pair, where a pair's slope b depends on the size of its gain (a fixed amount or a fixed fraction ` +
  `of ln M per decade are both in the model), with bounds as bounds and weakly informative priors; its intervals ` +
  `are checked on simulated catalogues. Its verdict comes from rules on those intervals.</li>
<li><strong>Assumed:</strong> attention over a fixed 1024-token window where a script's window schedule is not ` +
  `read; published numbers placed at 20 tokens per parameter; beyond the measured sizes, each gain's log-multiplier ` +
  `linear in log compute. Most pairs span 124M to 350M, so every extrapolation to frontier compute lies decades ` +
  `beyond the data: its interval, not its point, is the answer.</li>
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
    '<p class="note">Each page is an executed notebook: text, tables and interactive charts; the code is folded ' +
      "(open it with <em>Show code</em>).</p>",
  ];
  if (main.length > 0) out.push(`<ol class="notebook-list">\n${main.map(item).join("\n")}\n</ol>`);
  if (demos.length > 0)
    out.push(
      `<p class="note">Not part of the analysis: how charts, tables and errors display in a notebook.</p>\n<ul ` +
        `class="notebook-list">\n${demos.map(item).join("\n")}\n</ul>`,
    );
  return out.join("\n");
}

const downloadNotes: Readonly<Record<string, string>> = {
  "summary.json": "every headline number, each with its interval and the interval's kind, and the verdict",
  "summary_reference.md": "what each field of summary.json is: unit, meaning, interval kind",
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
        const noteHtml = note ? ` <span class="note">${escapeHtml(note)}</span>` : "";
        return `<li><a href="${escapeHtml(href)}">${escapeHtml(href)}</a>${noteHtml}</li>`;
      })
      .join("\n")}\n</ul>`;
  if (input.records !== null) {
    out.push(
      `<p><a href="${escapeHtml(input.records.href)}">World-record table</a> <span ` +
        `class="note">${input.records.rowCount} records, readable</span></p>`,
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
  return (
    `Built from commit <code class="commit" ` +
    `title="${escapeHtml(build.commit)}">${escapeHtml(build.commit.slice(0, 12))}</code> (committed ${escapeHtml(
      build.date.replace("T", " "),
    )})${build.dirty ? " with uncommitted changes" : ""}.`
  );
}

const trackLabels: Record<string, string> = {
  track1: "Track 1 (124M)",
  track2: "Track 2 (350M)",
  track3: "Track 3 (124M, fewest steps)",
  nanochat: "nanochat (GPT-2 1.6B capability)",
};

function renderHeadlines(summary: Summary): string {
  const sections: string[] = [];

  // Speed-ups of the latest record over the baseline, per track.
  const tracks = (["track1", "track2", "nanochat"] as const).map((key) => [key, summary[key]] as const);
  const ratioRows = tracks
    .filter(
      ([, t]) =>
        measuredOf(t.time_ratio) !== null || measuredOf(t.token_ratio) !== null || t.readme_time_ratio !== null,
    )
    .map(([key, t]) => [
      trackLabels[key] ?? key,
      ratioText(t.time_ratio),
      t.readme_time_ratio === null ? "n/a" : `${formatSignificant(t.readme_time_ratio)}×`,
      ratioText(t.token_ratio),
      ratioText(t.flops_ratio),
      t.latest_record !== null ? `record ${t.latest_record}${t.latest_date !== null ? ` (${t.latest_date})` : ""}` : "",
      trackNote(key, t),
    ]);
  if (ratioRows.length > 0) {
    sections.push(
      "<h3>Latest record against the baseline</h3>\n" +
        table(
          [
            "Track",
            "Time ratio (equal loss)",
            "Time ratio (README times)",
            "Token ratio",
            "FLOPs ratio",
            "Latest",
            "Note",
          ],
          ratioRows,
          [false, true, true, true, true, false, false],
        ),
    );
  }

  const halvingRows = (Object.keys(summary.halving_time_months) as (keyof Summary["halving_time_months"])[])
    .sort((a, b) => trackOrder(a) - trackOrder(b) || (a < b ? -1 : 1))
    .flatMap((track) => {
      const h = summary.halving_time_months[track];
      if (h === null) return [];
      const span = h.first_date !== null && h.last_date !== null ? `${h.first_date} to ${h.last_date}` : "";
      return [
        [trackLabels[track] ?? track, boundedText(h.months, " months"), intervalWords(h.months.kind), `${h.n}`, span],
      ];
    });
  const anchorRows = summary.rate_anchors.map((a) => [
    a.label,
    boundedText(a.halving_months, " months"),
    a.halving_months.kind === "published" ? "as published" : "",
    "",
    "",
  ]);
  if (halvingRows.length > 0)
    sections.push(
      "<h3>Halving time of the record time</h3>\n" +
        table(
          ["Series", "Months (95% interval)", "Interval", "Points", "Dates"],
          [...halvingRows, ...anchorRows],
          [false, true, false, true, false],
        ),
    );

  const sd = summary.scale_dependence;
  const sp = sd.parameters;
  if (sp !== null) {
    const names: readonly [keyof typeof sp, string][] = [
      ["typical_slope", "slope of the typical gain (ln M per decade)"],
      ["beta0", "absolute drift (ln M per decade)"],
      ["beta1", "relative drift (share of ln M per decade)"],
      ["tau", "spread of slopes between changes"],
      ["sigma", "noise beyond reruns (ln M)"],
    ];
    sections.push(
      `<h3>Scale model (${sd.trend})</h3>\n` +
        table(
          ["Parameter", "Estimate (95% credible interval)"],
          names.map(([k, label]) => [label, boundedText(sp[k], "")]),
          [false, true],
        ),
    );
  }

  // Today's recipe at every budget, each pair at 1e24 FLOPs.
  const exRows = summary.extrapolation
    .filter((row) => row.category === "recipe_today" || row.flops === 1e24)
    .filter((row) => row.multiplier.upper !== null || row.multiplier.lower !== null)
    .map((row) => [
      row.category === "recipe_today" ? "today's recipe" : row.pair_id,
      `${formatSignificant(row.flops)} FLOPs`,
      scaleClaim(row),
      row.role === "one-sided"
        ? "predicted from the fit (known on one side only)"
        : row.role === "anchor"
          ? ""
          : "fitted",
    ]);
  if (exRows.length > 0)
    sections.push(
      "<h3>Carried beyond the measured sizes (assumes each gain's log-multiplier stays linear in log compute)</h3>\n" +
        table(["Change", "Training compute", "Multiplier (95% prediction interval or limit)", "Role"], exRows, [
          false,
          true,
          true,
          false,
        ]),
    );

  const claimRows = summary.claims.map((row) => [row.claim, row.verdict.replace(/_/g, " "), row.note]);
  if (claimRows.length > 0)
    sections.push("<h3>Claims checked</h3>\n" + table(["Claim", "Verdict", "Note"], claimRows, [false, false, false]));

  if (summary.warnings.length > 0) {
    const items = summary.warnings.map((w) => `<li>${escapeHtml(w)}</li>`);
    sections.push(`<h3>Warnings</h3>\n<ul class="warnings">${items.join("")}</ul>`);
  }
  return "<h2>All headline numbers</h2>\n" + sections.join("\n");
}

/** Why a track's ratios are bounds, and which records they use: the sentences the summary leaves to the page. */
function trackNote(key: string, t: TrackSummary): string {
  const notes: string[] = [];
  const target = key === "track2" ? "2.92" : "3.28";
  const why = boundWhy(t, target);
  if (why !== "") notes.push(why);
  if (t.token_record !== null && t.latest_record !== null && t.token_record !== t.latest_record)
    notes.push(`token ratio from record ${t.token_record} (the latest with a log)`);
  if (t.flops_record !== null && t.token_record !== null && t.flops_record !== t.token_record)
    notes.push(`FLOPs ratio from record ${t.flops_record} (the latest with FLOPs per token)`);
  if (key === "nanochat")
    notes.push("row 0 is GPT-2 (2019) on 32 TPU v3: the leaderboard's time ratio mixes hardware and algorithms");
  return notes.join("; ");
}

/** Why a track's ratios are bounds, from where each side reaches the target (the transfer catalogue's rule). */
function boundWhy(t: TrackSummary, target: string): string {
  const kind = t.flops_ratio.kind === "point" ? t.token_ratio.kind : t.flops_ratio.kind;
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  if (kind === "upper_bound" && t.baseline_crossing_fraction !== null)
    return (
      `the baseline reaches ${target} at ${pct(t.baseline_crossing_fraction)} of its run, before its ` +
      `schedule ends: an upper bound`
    );
  if (kind === "lower_bound")
    return t.latest_crossing_fraction !== null && t.baseline_crossing_fraction === null
      ? `the baseline never reaches ${target}: a lower bound`
      : `the baseline never reaches ${target}, or the record reaches it mid-schedule: a lower bound`;
  if (kind === "not_identified") return "the two sides bound the ratio in opposite directions: not identified";
  return "";
}

/** How an interval kind reads in a table. */
function intervalWords(kind: Bounded["kind"]): string {
  const words: Partial<Record<Bounded["kind"], string>> = {
    newey_west: "allowing for correlated records (Newey-West)",
    ols: "plain OLS",
    credible: "posterior (credible)",
    prediction: "posterior predictive",
    bootstrap: "run-to-run bootstrap",
    published: "as published",
  };
  return words[kind] ?? kind.replace(/_/g, " ");
}

function trackOrder(key: string): number {
  const order = ["track1", "track2", "nanochat"].indexOf(key);
  return order < 0 ? 99 : order;
}

/** `3.21 months (2.5–4.4)`; the interval is left out when it is missing or has no width. */
function boundedText(b: Bounded, unit: string): string {
  if (b.estimate === null) return "n/a";
  const interval =
    b.lower !== null && b.upper !== null && b.lower !== b.upper
      ? ` (${formatSignificant(b.lower)}–${formatSignificant(b.upper)})`
      : "";
  return `${formatSignificant(b.estimate)}${unit}${interval}`;
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
        `<tr>${row
          .map((cell, i) => {
            const html = typeof cell === "string" ? wrapTokens(escapeHtml(cell)) : cell.html;
            return `<td${cls(i)}${label(i)}>${html}</td>`;
          })
          .join("")}</tr>`,
    ),
    "</tbody>",
    "</table></div>",
  ].join("\n");
}
