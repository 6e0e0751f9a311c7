import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderIndexPage } from "../../src";

const summary = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "publish", "summary.json"), "utf8"));
const base = { title: "T", summaryPath: "results/summary.json", notebooks: [], records: null };

describe("renderIndexPage", () => {
  it("shows the verdict escaped and every headline number with its interval", () => {
    const html = renderIndexPage({ ...base, summary });
    assert.ok(html.includes('<p class="verdict">Gains shrink with scale; &lt;img src=x onerror=alert(1)&gt; (fixture verdict).</p>'));
    for (const cell of ["37.5×", "25.8×", "3.21 months (2.5–4.4)", "5 months (3.1–9.75)", "124M", "14.2× (11–17)", "1.5B", "70B params", "3.8e24 FLOPs", "1.2× (0.9–1.9)"]) {
      assert.ok(html.includes(`<td class="num">${cell}</td>`), cell);
    }
    assert.ok(html.includes("<td>track 1 &lt;img src=x onerror=alert(1)&gt;</td>"));
  });

  it("marks lower bounds, drops zero-width intervals and lists claims and warnings escaped", () => {
    const html = renderIndexPage({ ...base, summary });
    assert.ok(html.includes('<tr><td>Track 2 (350M)</td><td class="num">≥ 20.1×</td><td class="num">≥ 14.6×</td><td>record 18 (2025-12-31)</td><td>baseline never reaches the target</td></tr>'));
    assert.ok(html.includes('<td class="num">350M</td><td class="num">8.13×</td><td>equal-loss tokens to 2.92</td><td>llm.c 350M</td>'));
    assert.ok(html.includes('<td class="num">5.2×</td><td>beyond the fitted range</td>'));
    assert.ok(html.includes('<th class="num">Multiplier (envelope)</th><th class="num">Plain ln M model</th>'));
    assert.ok(html.includes('<p class="note">Interval: envelope of both models &lt;b&gt;x&lt;/b&gt;</p>'));
    assert.ok(html.includes("<tr><td>14x faster in about 8 months</td><td>consistent</td><td>ratio of record times</td></tr>"));
    assert.ok(html.includes("<li>record 66 has no log &lt;script&gt;alert(3)&lt;/script&gt;</li>"));
  });

  it("labels the literature halving time readably instead of by its JSON key", () => {
    const html = renderIndexPage({ ...base, summary });
    assert.ok(html.includes('<tr><td>Ho et al. 2024, language models</td><td class="num">8 months (5–14)</td>'));
    assert.ok(!html.includes("ho_et_al"));
  });

  it("leads with the scale chart after the verdict when summary.json has today's recipe extrapolated, and loads plotly only then", () => {
    const withScale = {
      ...summary,
      extrapolation: [{ category: "recipe_today", flops: 1e21, multiplier: 10, lo: 2, hi: 30, anchor_flops: 2.7e17, anchor_multiplier: 24.6 }],
      scale_dependence: { recipe_trend: "not identified" },
    };
    const html = renderIndexPage({ ...base, summary: withScale });
    const verdictAt = html.indexOf('<p class="verdict">');
    const chartAt = html.indexOf('<div class="plotly-chart" id="chart-0-1"');
    assert.ok(verdictAt > 0 && chartAt > verdictAt, "chart follows the verdict");
    assert.ok(html.includes('<script src="assets/plotly.min.js"></script>'));
    assert.ok(html.includes("trend: not identified"));
    const without = renderIndexPage({ ...base, summary });
    assert.ok(without.includes('<p class="note">No scale chart: transferHeadlineFigure: summary.extrapolation has no row with category recipe_today</p>'));
    assert.ok(!without.includes("plotly.min.js"));
  });

  it("says the results are missing when there is no summary.json", () => {
    const html = renderIndexPage({ ...base, summary: null });
    assert.ok(html.includes("No results yet: results/summary.json was not found."));
  });

  it("shows the fields that exist and skips malformed ones", () => {
    const html = renderIndexPage({ ...base, summary: { track1: { time_ratio: "fast" }, multiplier_by_scale: [{ params: 3.5e8, multiplier: 6 }, 7] } });
    assert.ok(html.includes("states no verdict"));
    assert.ok(!html.includes("time ratio"));
    assert.ok(html.includes('<td class="num">350M</td><td class="num">6×</td><td></td>'));
  });

  it("links every notebook page and the records table with escaped names", () => {
    const html = renderIndexPage({
      ...base,
      summary,
      notebooks: [{ href: "01-a.html", title: "Fits <i>", sourcePath: "notebooks/01-a.ipynb", chartCount: 2 }],
      records: { href: "records.html", rowCount: 120 },
    });
    assert.ok(html.includes('<li><a href="01-a.html">Fits &lt;i&gt;</a> <span class="note">notebooks/01-a.ipynb, 2 charts</span></li>'));
    assert.ok(html.includes('<a href="records.html">World-record table</a> <span class="note">120 records</span>'));
  });
});
