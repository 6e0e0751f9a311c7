// The published site in Debian's headless Chromium: every page of a site built from the fixture notebooks (saved
// outputs that follow the chart contract), of a site whose notebook is executed for real by the tslab kernel, and of
// the project's own site (the committed notebooks with their saved outputs, results/summary.json and the dataset), read
// at 1280 pixels as a reader would (no plumbing lines, no table cell broken mid-token, a drawn headline chart) and at
// 390 pixels as on a phone: no page wider than the screen, no text running over a table cell, at either width.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { publishSite, type PublishResult } from "../../src";
import { serveDirectory, type StaticServer } from "./staticServer";

const repoRoot = resolve(__dirname, "..", "..");
const fixtures = join(repoRoot, "test", "fixtures", "publish");
const artifacts = join(repoRoot, "test", "artifacts");
const hostile = "<img src=x onerror=alert(1)>";
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface ChartState {
  readonly id: string;
  readonly specTraces: number;
  readonly plottedTraces: number;
  readonly svgTraces: number;
}

interface PageVisit {
  readonly path: string;
  readonly consoleErrors: string[];
  readonly dialogs: string[];
  readonly charts: ChartState[];
  readonly text: string;
  readonly injectedImages: number;
  /** Table cells whose text wraps inside a token (a number or word split across lines), with the token. */
  readonly brokenCells: string[];
  /** Visible text lines that look like `summary.<path> = value` plumbing. */
  readonly plumbingLines: string[];
  /** How far the page is wider than the window (0: no horizontal scrolling). */
  readonly pageOverflowPx: number;
  /** Table cells whose text runs over the cell's edge, with the start of their text. */
  readonly overflowingCells: string[];
  /** Legends, axis titles and tick labels drawn past their chart's edges (clipped on screen). */
  readonly clippedChartText: string[];
}

describe("the published site in a real browser", function () {
  this.timeout(1_800_000);
  let tmp: string;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  const sites: Record<string, PublishResult> = {};
  const visits = new Map<string, PageVisit>();
  // The same pages on a phone (390 x 844).
  const phoneVisits = new Map<string, PageVisit>();
  const offsiteRequests: string[] = [];

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "site-browser-"));
    mkdirSync(artifacts, { recursive: true });
    const common = {
      repoRoot,
      summaryPath: join(fixtures, "summary.json"),
      recordsPath: join(fixtures, "records.csv"),
    };
    sites.fixture = await publishSite({
      ...common,
      notebooksDir: join(fixtures, "notebooks"),
      outDir: join(tmp, "fixture"),
      execute: false,
    });
    sites.executed = await publishSite({
      ...common,
      notebooksDir: join(fixtures, "exec"),
      outDir: join(tmp, "executed"),
      execute: true,
    });
    // The project's own site from what is committed (saved notebook outputs: `npm run notebooks` refreshes them).
    sites.real = await publishSite({ repoRoot, outDir: join(tmp, "real"), execute: false });
    server = await serveDirectory(tmp);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${server.origin}/`)) return route.continue();
      offsiteRequests.push(url);
      return route.abort();
    });
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.route("**/*", (route) =>
      route.request().url().startsWith(`${server.origin}/`) ? route.continue() : route.abort(),
    );
    // One tab per width, taken from page to page as a reader does: a new tab per page cost a renderer process and a
    // fresh parse of plotly.js each time: 126 s of CPU for this file, 55 s with one tab. Every page at one width, then
    // every page at the other: Chromium kept a tab's renderer process from page to page only while no tab of the
    // other context navigated in between (alternating, it started one per page: 42 renderers for this file).
    const pages = Object.keys(sites).flatMap((site) => htmlFiles(join(tmp, site)).map((file) => `${site}/${file}`));
    const desktopTab = await openTab(context);
    for (const path of pages)
      visits.set(path, await visit(desktopTab, `${server.origin}/${path}`, `site-${path.replace("/", "-")}`));
    await desktopTab.page.close();
    const phoneTab = await openTab(phone);
    for (const path of pages)
      phoneVisits.set(path, await visit(phoneTab, `${server.origin}/${path}`, `site-390-${path.replace("/", "-")}`));
    await phone.close();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("opens every page: index, records table and one page per notebook", () => {
    const realNotebooks = readdirSync(join(repoRoot, "notebooks"))
      .filter((f) => f.endsWith(".ipynb"))
      .map((f) => `real/${f.replace(/\.ipynb$/, ".html")}`);
    assert.deepEqual(
      [...visits.keys()].filter((k) => k.startsWith("real/")).sort(),
      ["real/index.html", "real/records.html", ...realNotebooks].sort(),
    );
    assert.deepEqual([...visits.keys()].filter((k) => !k.startsWith("real/")).sort(), [
      "executed/index.html",
      "executed/ok.html",
      "executed/records.html",
      "executed/second.html",
      "fixture/01-loss-vs-compute.html",
      "fixture/02-multipliers.html",
      "fixture/index.html",
      "fixture/records.html",
    ]);
  });

  it("logs no console error and no page error on any page", () => {
    for (const [path, v] of visits) assert.deepEqual(v.consoleErrors, [], path);
  });

  it("sends no request anywhere but the local server", () => {
    assert.deepEqual(offsiteRequests, []);
    assert.ok(server.requests.includes("/fixture/assets/plotly-basic.min.js"), "plotly.js is served by the site");
  });

  it("draws every chart with Plotly: an SVG holding as many traces as the spec", () => {
    const expected: Record<string, number> = {
      "fixture/01-loss-vs-compute.html": 1,
      "fixture/02-multipliers.html": 1,
      "executed/ok.html": 1,
      "real/index.html": 1,
      "fixture/index.html": 1,
      "executed/index.html": 1,
    };
    for (const [path, v] of visits) {
      const page = sites[path.split("/")[0]].pages.find((p) => path.endsWith(`/${p.href}`));
      assert.equal(v.charts.length, expected[path] ?? page?.chartCount ?? 0, `${path}: chart count`);
      for (const chart of v.charts) {
        assert.ok(chart.specTraces > 0, `${path} ${chart.id}: spec has traces`);
        assert.equal(chart.plottedTraces, chart.specTraces, `${path} ${chart.id}: Plotly drew every trace`);
        assert.ok(chart.svgTraces >= chart.specTraces, `${path} ${chart.id}: ${chart.svgTraces} SVG trace groups`);
      }
    }
    assert.deepEqual(
      visits.get("fixture/01-loss-vs-compute.html")!.charts.map((c) => c.specTraces),
      [2],
    );
  });

  it("shows the hostile description as text and never runs it", () => {
    // (The index shows the verdict worded from the scale model's fields, not the fixture's hostile sentence.)
    for (const path of ["fixture/records.html", "fixture/01-loss-vs-compute.html", "executed/records.html"]) {
      const v = visits.get(path)!;
      assert.ok(v.text.includes(hostile), `${path} shows ${hostile} as text`);
      assert.equal(v.injectedImages, 0, `${path}: no <img src=x> element`);
    }
    for (const [path, v] of visits) assert.deepEqual(v.dialogs, [], `${path}: no alert() ran`);
    for (const [path, v] of visits) assert.equal(v.injectedImages, 0, `${path}: no <img src=x> element`);
    assert.ok(visits.get("fixture/records.html")!.text.includes('Keller "KJ" Jordan, <b>@x</b>'));
    assert.ok(visits.get("fixture/records.html")!.text.includes("records/<script>alert(2)</script>.txt"));
  });

  it("shows the verdict and headline numbers from summary.json on the index", () => {
    const text = visits.get("fixture/index.html")!.text;
    assert.ok(text.includes("the data cannot yet tell whether the gains keep their size"));
    assert.ok(text.includes("Measured at 124M, 350M and 1.5B, then extrapolated"));
    assert.ok(text.includes("37.5×"));
    assert.ok(text.includes("≥ 20.1×"));
    assert.ok(text.includes("3.21 months (2.5–4.4)"));
    assert.ok(text.includes("Loss against compute"));
  });

  it("shows no `summary.<path> = value` plumbing line on any page", () => {
    for (const [path, v] of visits)
      assert.deepEqual(v.plumbingLines, [], `${path}: plumbing visible (re-execute the notebook: npm run notebooks)`);
  });

  it("never breaks a table cell's text inside a number or a word at 1280 pixels", () => {
    let cells = 0;
    for (const [path, v] of visits) {
      assert.deepEqual(v.brokenCells, [], `${path}: cells wrapped mid-token`);
      cells += path.startsWith("real/") ? 1 : 0;
    }
    assert.ok(cells > 0);
  });

  it("fits every page in 1280 and in 390 pixels: no horizontal scrolling, no text running over a table cell", () => {
    for (const [width, pages] of [
      [1280, visits],
      [390, phoneVisits],
    ] as const) {
      for (const [path, v] of pages) {
        assert.equal(v.pageOverflowPx, 0, `${path} at ${width} px: the page scrolls sideways`);
        assert.deepEqual(v.overflowingCells, [], `${path} at ${width} px: text runs over a cell`);
        assert.deepEqual(v.clippedChartText, [], `${path} at ${width} px: chart text past the chart's edge`);
      }
    }
    // A phone gets the same charts, drawn to its width.
    for (const [path, v] of phoneVisits) assert.equal(v.charts.length, visits.get(path)!.charts.length, path);
  });

  it("draws the headline chart on the project's index and names the commit it was built from", () => {
    const index = visits.get("real/index.html")!;
    assert.equal(index.charts.length, 1);
    assert.ok(index.charts[0].svgTraces >= 3, "points, pairs and the extrapolated line are drawn");
    const commit = execFileSync("git", ["-C", repoRoot, "log", "-1", "--format=%H"], { encoding: "utf8" }).trim();
    assert.match(index.text, new RegExp(`Built from commit ${commit.slice(0, 12)} \\(committed \\d{4}-\\d{2}-\\d{2} `));
    assert.match(index.text, /Measured at 124M, 350M and 1\.5B, then extrapolated/);
    // Analysis notebooks first; the display demo after them.
    const html = readFileSync(join(tmp, "real", "index.html"), "utf8");
    assert.ok(html.indexOf('href="01-') < html.indexOf('href="00-'));
    for (const file of ["results/summary.json", "data/speedrun/records.csv"])
      assert.ok(html.includes(`href="${file}"`) && existsSync(join(tmp, "real", file)), file);
  });

  it("contains no file:// URL, no CDN and no inlined plotly.js in any page", () => {
    for (const site of Object.keys(sites)) {
      for (const file of htmlFiles(join(tmp, site))) {
        const html = readFileSync(join(tmp, site, file), "utf8");
        assert.ok(!html.includes("file://"), `${site}/${file}: file:// URL`);
        assert.ok(!/https?:\/\/cdn/i.test(html), `${site}/${file}: CDN URL`);
        assert.ok(!/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//i.test(html), `${site}/${file}: remote resource`);
        assert.ok(!html.includes("plotly.js v"), `${site}/${file}: plotly.js is inlined`);
      }
    }
  });

  it("folds code by default and opens or folds all of it with the page button", async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/fixture/01-loss-vs-compute.html`);
    const openCount = () => page.evaluate(`document.querySelectorAll("details.input[open]").length`);
    assert.equal(await page.locator("details.input").first().isVisible(), true);
    assert.equal(await openCount(), 0);
    assert.equal(await page.locator("details.input pre").first().isVisible(), false);
    await page.click("button.toggle-code");
    assert.equal(await openCount(), await page.locator("details.input").count());
    assert.equal(await page.locator("details.input pre").first().isVisible(), true);
    assert.equal(await page.textContent("button.toggle-code"), "Fold code");
    await page.click("button.toggle-code");
    assert.equal(await openCount(), 0);
    await page.close();
  });

  it("shows the static image instead of the chart when JavaScript is off", async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(`${server.origin}/fixture/01-loss-vs-compute.html`);
    assert.equal(await page.locator("img.chart-fallback").count(), 1);
    assert.equal(await page.locator("img.chart-fallback").isVisible(), true);
    await noScript.close();
  });

  it("works opened straight from disk, loading only files of the site", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`file://${join(tmp, "fixture", "02-multipliers.html")}`);
    await page.waitForFunction(`(${allChartsDrawn}) && document.querySelectorAll(".plotly-chart").length > 0`);
    assert.deepEqual(errors, []);
    for (const url of requested)
      assert.ok(url.startsWith(`file://${join(tmp, "fixture")}/`) || url.startsWith("data:"), url);
    await page.close();
  });

  /** A browser tab that records the console errors, page errors and dialogs of the page it shows now. */
  interface Tab {
    readonly page: Page;
    consoleErrors: string[];
    dialogs: string[];
  }

  async function openTab(ctx: BrowserContext): Promise<Tab> {
    const tab: Tab = { page: await ctx.newPage(), consoleErrors: [], dialogs: [] };
    tab.page.on("console", (m) => m.type() === "error" && tab.consoleErrors.push(m.text()));
    tab.page.on("pageerror", (e) => tab.consoleErrors.push(e.message));
    tab.page.on("dialog", (d) => {
      tab.dialogs.push(d.message());
      void d.dismiss();
    });
    return tab;
  }

  /** Opens `url` in `tab` (a navigation: a fresh document) and reads the page once every chart is drawn. */
  async function visit(tab: Tab, url: string, screenshotName: string): Promise<PageVisit> {
    const { page } = tab;
    const consoleErrors: string[] = (tab.consoleErrors = []);
    const dialogs: string[] = (tab.dialogs = []);
    await page.goto(url, { waitUntil: "load" });
    // Charts are drawn synchronously by site.js; wait until every container holds Plotly's SVG.
    await page.waitForFunction(allChartsDrawn);
    const state = (await page.evaluate(pageState)) as Omit<PageVisit, "path" | "consoleErrors" | "dialogs">;
    // Full-page screenshots for a person to look at (test/artifacts/, ignored by git): asserted by nothing, and a
    // large share of this file's time, so taken only when SITE_SCREENSHOTS=1.
    if (process.env.SITE_SCREENSHOTS === "1")
      await page.screenshot({ path: join(artifacts, screenshotName.replace(/\.html$/, ".png")), fullPage: true });
    return { path: url, consoleErrors, dialogs, ...state };
  }
});

// Browser-side expressions, kept as strings: the project's type-check has no DOM library.
const allChartsDrawn =
  `Array.from(document.querySelectorAll(".plotly-chart")).every((el) => ` +
  `el.querySelector("svg.main-svg") !== null)`;
const pageState =
  `({
  charts: Array.from(document.querySelectorAll(".plotly-chart")).map((el) => {
    const spec = document.querySelector('script.plotly-spec[data-target="' + el.id + '"]');
    return {
      id: el.id,
      specTraces: spec ? (JSON.parse(spec.textContent || "{}").data || []).length : -1,
      plottedTraces: (el._fullData || []).length,
      svgTraces: el.querySelectorAll("g.trace").length,
    };
  }),
  text: document.body.innerText,
  injectedImages: document.querySelectorAll('img[src="x"]').length,
  // Each whitespace-separated token of each cell: its character boxes must all sit on one line.
  brokenCells: Array.from(document.querySelectorAll("td, th")).flatMap((cell) => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const broken = [];
    const full = cell.textContent || "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent || "";
      for (const m of text.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => ` +
  `Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0] + " in: " + full.slice(0, 80));
      }
    }
    // A token split across two text nodes (e.g. by markup) is checked as a whole too.
    return broken;
  }),
  plumbingLines: document.body.innerText.split("\\n").filter((line) => /^\\s*summary\\.[A-Za-z_][\\w.\\[\\]]* = ` +
  `/.test(line)),
  pageOverflowPx: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
  clippedChartText: Array.from(document.querySelectorAll(".js-plotly-plot")).flatMap((chart) => {
    const box = chart.getBoundingClientRect();
    return Array.from(chart.querySelectorAll(".legend, .gtitle, .g-xtitle, .g-ytitle, .xtick, .ytick"))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || ` +
  `r.bottom > box.bottom + 1);
      })
      .map((el) => (el.getAttribute("class") || "") + ": " + (el.textContent || "").slice(0, 60));
  }),
  overflowingCells: Array.from(document.querySelectorAll("td, th")).filter((c) => c.scrollWidth > c.clientWidth ` +
  `+ 1).map((c) => (c.textContent || "").slice(0, 60)),
})`;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".html"))
    .sort();
}
