import { strict as assert } from "node:assert";
import { join } from "node:path";
import { renderIndexPage } from "../../src";
import { formatMeasured, kindText, readAnswerInputs, type MeasurementKind } from "../../src/publish/answerFacts";
import { formatSignificant } from "../../src/publish/formatNumber";
import { shownValue } from "../../src/results/summary";
import { readSummary } from "../../src/results/summaryReference";
import { SCALE_ASSUMPTION } from "../../src/scale/answer";
import { committedSummary } from "../helpers/summary";

// A whole summary with hostile strings and round numbers (test/fixtures/publish/summary.json, read and checked).
const summary = readSummary(join(__dirname, "..", "fixtures", "publish", "summary.json"));
// The committed results/summary.json: the page must read its real fields, whatever their values are today.
const realSummary = committedSummary();
const base = { title: "T", summaryPath: "results/summary.json", notebooks: [], records: null };
// Table tokens are wrapped so they never break mid-token (keepTokensWhole); the assertions read the text without them.
// The data-label of a cell (its column's name, for phones) is left out too.
const render = (input: Parameters<typeof renderIndexPage>[0]) =>
  renderIndexPage(input)
    .replace(/<span class="tok">([^<]*)<\/span>/g, "$1")
    .replace(/ data-label="[^"]*"/g, "")
    .replace(/<wbr>/g, "");

describe("renderIndexPage", () => {
  it("shows the verdict escaped and every headline number with its interval", () => {
    const html = render({ ...base, summary });
    // One verdict, in words from the scale model's fields: the computed sentence is not repeated in its own notation.
    assert.match(
      html,
      new RegExp(
        String.raw`<p class="verdict">Measured from 124M to 1\.5B, the data cannot yet tell ` +
          String.raw`whether the gains keep their size\. [^<]*<\/p>`,
      ),
    );
    assert.ok(!html.includes("Gains shrink with scale") && !html.includes("<img"));
    for (const cell of [
      "37.5×",
      "25.8×",
      "26.8×",
      "3.21 months (2.5–4.4)",
      "5 months (3.1–9.75)",
      "30× (15–60)",
      "1.2× (0.9–1.9)",
      "1× (0.905–1.11)",
      "-0.05 (-0.5–0.4)",
    ]) {
      assert.ok(html.includes(`<td class="num">${cell}</td>`), cell);
    }
    assert.ok(html.includes("<td>optimizer &lt;i&gt;</td>"));
  });

  it("marks lower bounds, drops zero-width intervals and lists claims and warnings escaped", () => {
    const html = render({ ...base, summary });
    assert.ok(
      html.includes(
        '<tr><td>Track 2 (350M)</td><td class="num">≥ 20.1×</td><td class="num">20.1×</td><td class="num">≥ ' +
          '14.6×</td><td class="num">≥ 20.5×</td><td>record 18 (2025-12-31)</td><td>the baseline never reaches ' +
          "2.92: a lower bound</td></tr>",
      ),
    );
    // Today's recipe at every budget and each pair at 1e24 FLOPs, each with its interval (or limit) and note.
    assert.ok(
      html.includes(
        '<tr><td>today&#39;s recipe</td><td class="num">1e21 FLOPs</td><td class="num">30× (15–60)</td><td></td></tr>',
      ),
    );
    assert.ok(
      html.includes('<td class="num">1.2× (0.9–1.9)</td><td>predicted from the fit (known on one side only)</td>'),
    );
    assert.ok(html.includes('<th class="num">Multiplier (95% prediction interval or limit)</th>'));
    assert.ok(
      html.includes("<tr><td>14x faster in about 8 months</td><td>consistent</td><td>ratio of record times</td></tr>"),
    );
    assert.ok(html.includes("<li>record 66 has no log &lt;script&gt;alert(3)&lt;/script&gt;</li>"));
  });

  it("puts the published rates beside the halving times, each interval with its kind", () => {
    const html = render({ ...base, summary });
    assert.ok(
      html.includes(
        '<tr><td>Ho et al. 2024, language models 2012-2023</td><td class="num">8 months (5–14)</td><td>as ' +
          "published</td>",
      ),
    );
    assert.ok(
      html.includes('<td class="num">3.21 months (2.5–4.4)</td><td>allowing for correlated records (Newey-West)</td>'),
    );
    assert.ok(!html.includes("ho_et_al"));
  });

  it(
    "leads with the scale chart after the verdict when summary.json has today's recipe extrapolated, and loads " +
      "plotly only then",
    () => {
      const html = renderIndexPage({ ...base, summary });
      const verdictAt = html.indexOf('<p class="verdict">');
      const chartAt = html.indexOf('<div class="plotly-chart" id="chart-0-1"');
      assert.ok(verdictAt > 0 && chartAt > verdictAt, "chart follows the verdict");
      assert.ok(html.includes('<script src="assets/plotly-basic.min.js"></script>'));
      assert.ok(html.includes("124M to 1.5B: not identified"));
      const without = renderIndexPage({
        ...base,
        summary: { ...summary, extrapolation: summary.extrapolation.filter((r) => r.category !== "recipe_today") },
      });
      assert.ok(!without.includes("plotly-chart"));
      assert.ok(!without.includes("assets/plotly"));
    },
  );

  it("says the results are missing when there is no summary.json", () => {
    const html = render({ ...base, summary: null });
    assert.ok(html.includes("No results yet: results/summary.json was not found."));
  });

  it("links every notebook page and the records table with escaped names", () => {
    const html = render({
      ...base,
      summary,
      notebooks: [{ href: "01-a.html", title: "Fits <i>", sourcePath: "notebooks/01-a.ipynb", chartCount: 2 }],
      records: { href: "records.html", rowCount: 120 },
    });
    assert.ok(
      html.includes(
        '<li><a href="01-a.html">Fits &lt;i&gt;</a> <span class="note">notebooks/01-a.ipynb, 2 charts</span></li>',
      ),
    );
    assert.ok(
      html.includes('<a href="records.html">World-record table</a> <span class="note">120 records, readable</span>'),
    );
  });

  it(
    "leads with the verdict once, in × notation, then the measured evidence by model size and the " + "extrapolation",
    () => {
      const { pairRows } = readAnswerInputs(join(__dirname, "..", "..", "results"));
      const html = render({ ...base, summary: realSummary, pairRows });
      const plain = /<p class="verdict">([^<]*)<\/p>/.exec(html)?.[1] ?? "";
      const sd = realSummary.scale_dependence;
      assert.ok(plain.startsWith(`Measured from ${sd.measured_from} to ${sd.measured_to}, `), plain);
      // Today's recipe at the largest budget of the committed summary: its 124M ratio is an upper bound (llm.c reaches
      // 3.28 mid-schedule), so only a 95% upper limit is said, never "at most" beside a two-sided interval.
      const rows = realSummary.extrapolation.filter((r) => r.category === "recipe_today");
      const last = [...rows].sort((a, b) => a.flops - b.flops)[rows.length - 1];
      assert.equal(realSummary.track1.flops_ratio.kind, "upper_bound");
      assert.equal(last.multiplier.estimate, null, "an upper-bound anchor gives only an upper limit");
      const limit = `≤ ${formatSignificant(last.multiplier.upper as number)}× (95% upper limit)`;
      assert.ok(plain.includes(limit.replace(/'/g, "&#39;")), plain);
      assert.ok(!/at most [^.]*\(95% (PI|prediction interval)/.test(plain), "no 'at most' beside a two-sided interval");
      // One verdict, one notation: the computed sentence (x1.01, 37.3x) is not shown beside it.
      assert.ok(!html.includes(realSummary.verdict.slice(0, 60).replace(/'/g, "&#39;")));
      assert.ok(!/\d(\.\d+)?x\b/.test(plain), "multipliers are written with ×");
      // The evidence: each size with its measurement's kind, then the extrapolation, before the chart.
      const evidence = html.slice(
        html.indexOf("<h2>Measured at 124M, 350M and 1.5B, then extrapolated</h2>"),
        html.indexOf('<div class="plotly-chart"'),
      );
      assert.ok(evidence.length > 0 && html.indexOf(plain) < html.indexOf(evidence));
      // The 1.5B reading the catalogue prefers (the crossing at 97% of the schedule is an estimate by the project's
      // rule).
      const row15 = pairRows.find((r) => r.preferred === "true" && r.scale_params === "1.5B")!;
      const num = (v: string) => (v === "" ? null : Number(v));
      const at15 = {
        multiplier: Number(row15.multiplier),
        lo: num(row15.lo),
        hi: num(row15.hi),
        kind: row15.kind as MeasurementKind,
      };
      for (const [size, value, kind] of [
        [
          "124M",
          `≤ ${formatSignificant(shownValue(realSummary.track1.flops_ratio) as number)}×`,
          "measured, upper bound",
        ],
        [
          "350M",
          `≥ ${formatSignificant(shownValue(realSummary.track2.flops_ratio) as number)}×`,
          "measured, lower bound",
        ],
        ["1.5B", formatMeasured(at15), `measured, ${kindText(at15.kind)}`],
        [
          "1e26 FLOPs (frontier)",
          sd.trend === "not identified" ? `not identified; ${limit} under the assumption` : limit,
          "extrapolated (assumption below)",
        ],
      ])
        assert.match(
          evidence,
          new RegExp(
            `<tr><td>${size.replace(/[()]/g, "\\$&")}</td><td>[^<]*</td><td ` +
              `class="num">${value.replace(/[()]/g, "\\$&")}</td><td>${kind.replace(/[()]/g, "\\$&")}</td></tr>`,
          ),
          size,
        );
      assert.ok(evidence.includes(`Extrapolation: ${SCALE_ASSUMPTION}`.replace(/'/g, "&#39;")));
      assert.match(evidence, /<th class="num">124M<\/th><th class="num">350M<\/th><th class="num">1\.5B<\/th>/);
      assert.ok(html.indexOf("</table>", html.indexOf("Key numbers")) > 0);
      for (const term of ["Compute multiplier (×)", "Transfer pair", "Scale-invariant", "95% interval", "FLOPs"])
        assert.ok(html.includes(`<dt>${term}</dt>`), term);
      assert.ok(
        html.indexOf("<dt>Transfer pair</dt>") < html.indexOf("Key numbers"),
        "terms come before the numbers that use them",
      );
    },
  );

  it("draws one headline chart from the summary and lists the key numbers with their intervals", () => {
    const html = render({ ...base, summary: realSummary });
    assert.equal(html.match(/<script type="application\/json" class="plotly-spec"/g)?.length, 1);
    assert.ok(html.includes('<script src="assets/plotly-basic.min.js"></script>'));
    const h = realSummary.halving_time_months.track1!.months;
    assert.equal(h.kind, "newey_west");
    const f = (x: number | null) => formatSignificant(x as number);
    assert.ok(html.includes(`<td class="num">${f(h.estimate)} months (${f(h.lower)}–${f(h.upper)})</td>`));
    assert.ok(html.includes(`<td class="num">≤ ${f(shownValue(realSummary.track1.flops_ratio))}×</td>`));
    const pct = Math.round(100 * (realSummary.track1.baseline_crossing_fraction as number));
    assert.ok(pct >= 80 && pct < 90, `llm.c reaches 3.28 at ${pct}% of its run`);
    assert.ok(
      html.includes(`the baseline reaches 3.28 at ${pct}% of its run, before its schedule ends: an upper bound`),
    );
    assert.ok(
      html.includes(`<td class="num">≥ ${f(shownValue(realSummary.track2.flops_ratio))}×</td>`),
      "track 2's baseline never reaches 2.92",
    );
    assert.ok(html.includes("<h2>How this was measured</h2>"));
  });

  it("puts the display demo after the analysis notebooks and links the result and data files", () => {
    const nb = (n: string) => ({ href: `${n}.html`, title: n, sourcePath: `notebooks/${n}.ipynb`, chartCount: 0 });
    const html = render({
      ...base,
      summary,
      notebooks: [nb("00-display-demo"), nb("01-a"), nb("02-b")],
      records: null,
      downloads: { results: ["results/a.csv"], data: ["data/README.md"] },
    });
    assert.ok(
      html.indexOf("01-a.html") < html.indexOf("02-b.html") &&
        html.indexOf("02-b.html") < html.indexOf("00-display-demo.html"),
    );
    assert.ok(html.includes("Not part of the analysis"));
    assert.ok(
      html.includes('<a href="results/a.csv">results/a.csv</a>') &&
        html.includes('<a href="data/README.md">data/README.md</a>'),
    );
  });

  it("names the commit and commit date it was built from, and says when it is unknown", () => {
    const build = {
      commit: "0123456789abcdef0123456789abcdef01234567",
      date: "2026-07-20T10:00:00+00:00",
      dirty: false,
    };
    const html = render({ ...base, summary, build });
    assert.ok(
      html.includes(
        'Built from commit <code class="commit" ' +
          'title="0123456789abcdef0123456789abcdef01234567">0123456789ab</code> (committed 2026-07-20 10:00:00+00:00).',
      ),
    );
    assert.equal(render({ ...base, summary, build }), html, "same input, same bytes");
    assert.ok(render({ ...base, summary, build: { ...build, dirty: true } }).includes("with uncommitted changes"));
    assert.ok(render({ ...base, summary, build: null }).includes("the commit is unknown"));
  });
});
