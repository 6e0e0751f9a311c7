// The classic Notebook 6 shows charts interactively, offline: a real `jupyter notebook` server on 127.0.0.1 with the
// project's kernel and nbextension, driven by headless Chromium that may reach nothing but that server.
import { strict as assert } from "node:assert";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { jupyterEnv, jupyterPython, repoRoot } from "../../src/notebook/jupyterEnv";
import { chromiumPath } from "../../src/notebook/renderFigurePng";
import { shownValue } from "../../src/results/summary";
import { readSummary } from "../../src/results/summaryReference";
import { freePort } from "../helpers/freePort";

const workDir = join(repoRoot, "test", "artifacts", "notebook6");
const token = "speedrun-test-token";

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`notebook server did not answer at ${url} within ${timeoutMs} ms`);
}

/** Per output area holding a chart: whether Plotly drew an SVG there, and whether an <img> (the PNG) is shown too. */
async function chartOutputs(page: Page): Promise<{ svg: boolean; img: boolean }[]> {
  return page.$$eval(".output_subarea.output_plotly", (areas) =>
    areas.map((a) => ({
      svg: a.querySelector(".js-plotly-plot svg.main-svg") !== null,
      img: a.querySelector("img") !== null,
    })),
  );
}

interface CellOutput {
  readonly output_type: string;
  readonly name?: string;
  readonly text?: string;
  readonly data?: Record<string, unknown>;
}

/**
 * Appends a code cell to the open notebook, runs it like Shift+Enter and returns its outputs once it has replied and
 * shown one.
 */
async function runNewCell(page: Page, source: string): Promise<CellOutput[]> {
  await page.waitForFunction("window.Jupyter?.notebook?.kernel?.is_connected?.()", undefined, { timeout: 60_000 });
  // Page-side code as strings: the tests' TypeScript has no DOM library.
  const index = (await page.evaluate(`(() => {
    const cell = Jupyter.notebook.insert_cell_at_bottom("code");
    cell.set_text(${JSON.stringify(source)});
    cell.execute();
    return Jupyter.notebook.find_cell_index(cell);
  })()`)) as number;
  await page.waitForFunction(
    `(() => { const c = Jupyter.notebook.get_cell(${index}); return typeof c.input_prompt_number === "number" ` +
      `&& c.output_area.outputs.length > 0; })()`,
    undefined,
    { timeout: 90_000 },
  );
  return (await page.evaluate(
    `JSON.parse(JSON.stringify(Jupyter.notebook.get_cell(${index}).output_area.outputs))`,
  )) as CellOutput[];
}

describe("Notebook 6 (jupyter notebook server + headless Chromium)", function () {
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  let page: Page;
  let base = "";
  const offsite: string[] = [];

  before(async function () {
    this.timeout(60_000);
    execFileSync("bash", [join(repoRoot, "scripts", "build.sh")]);
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(join(workDir, "runtime"), { recursive: true });
    mkdirSync(join(workDir, "nb"));
    // A copy, so the UI's autosave and checkpoints never touch notebooks/; its `../build` import reaches the real
    // build/ through a symlink.
    copyFileSync(join(repoRoot, "notebooks", "00-display-demo.ipynb"), join(workDir, "nb", "demo.ipynb"));
    symlinkSync(join(repoRoot, "build"), join(workDir, "build"));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(
      jupyterPython(),
      [
        "-m",
        "notebook",
        "--no-browser",
        "--ip=127.0.0.1",
        `--port=${port}`,
        `--NotebookApp.token=${token}`,
        `--notebook-dir=${join(workDir, "nb")}`,
        ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
      ],
      { env: { ...jupyterEnv(), JUPYTER_RUNTIME_DIR: join(workDir, "runtime") }, stdio: "ignore" },
    );
    await waitForServer(`${base}/api?token=${token}`, 30_000);
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith("ws://127.0.0.1")) return route.continue();
      offsite.push(url);
      return route.abort();
    });
  });

  after(async function () {
    this.timeout(30_000);
    if (browser) await browser.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
  });

  it("draws the saved charts of the committed notebook with Plotly, not as PNGs, on opening", async function () {
    this.timeout(60_000);
    await page.goto(`${base}/notebooks/demo.ipynb?token=${token}`);
    await page.waitForSelector(".output_plotly .js-plotly-plot svg.main-svg", { timeout: 30_000 });
    await page.waitForFunction('document.querySelectorAll(".output_plotly svg.main-svg").length >= 4', undefined, {
      timeout: 30_000,
    });
    assert.deepEqual(await chartOutputs(page), [
      { svg: true, img: false },
      { svg: true, img: false },
      { svg: true, img: false },
      { svg: true, img: false },
    ]);
    const first = page.locator(".output_subarea.output_plotly").first();
    await first.scrollIntoViewIfNeeded();
    await first.screenshot({ path: join(workDir, "notebook6-saved-chart.png") });
  });

  it(
    "runs every cell in the tslab kernel and draws the new charts interactively, with hover " + "labels",
    async function () {
      this.timeout(120_000);
      // Page-side code as strings: the tests' TypeScript has no DOM library.
      await page.waitForFunction("window.Jupyter?.notebook?.kernel?.is_connected?.()", undefined, { timeout: 60_000 });
      await page.evaluate("Jupyter.notebook.clear_all_output(); Jupyter.notebook.execute_all_cells();");
      // The last cell fails on purpose; wait for its error output, then for the kernel to go idle.
      await page.waitForSelector(".output_error", { timeout: 90_000 });
      await page.waitForFunction('document.querySelectorAll(".output_plotly svg.main-svg").length >= 4', undefined, {
        timeout: 30_000,
      });
      assert.equal((await chartOutputs(page)).length, 4);
      const error = page.locator(".output_error");
      assert.ok((await error.innerText()).includes('lossVsComputeFigure: series "bad input" point 0 has x = 0'));
      await error.scrollIntoViewIfNeeded();
      await error.screenshot({ path: join(workDir, "notebook6-error-output.png") });
      // Interactivity: hovering a data point makes Plotly draw a hover label.
      const chart = page.locator(".output_subarea.output_plotly").first();
      await chart.scrollIntoViewIfNeeded();
      const point = chart.locator(".scatterlayer .trace .points path").first();
      await point.hover({ force: true });
      await page.waitForSelector(".output_plotly .hoverlayer .hovertext", { timeout: 10_000 });
      await chart.screenshot({ path: join(workDir, "notebook6-run-chart-hover.png") });
      await page.screenshot({ path: join(workDir, "notebook6-page.png") });
    },
  );

  it(
    "runs a two-thread fit from build/ in a new cell: it returns with no error output and no fallback to one " +
      "thread",
    async function () {
      this.timeout(120_000);
      const outputs = await runNewCell(
        page,
        [
          'import { fitModel } from "../build";',
          "const fitX = Array.from({ length: 60 }, (_, i) => 1e17 * 1.1 ** i);",
          'const fit = fitModel("power", { x: fitX, y: fitX.map((c) => 2.5 + 40 * c ** -0.07) }, { workers: 2, ' +
            "bootstrap: { resamples: 200, seed: 1 } });",
          "console.log(JSON.stringify({ threads: fit.parallel.threads, note: fit.parallel.note, status: " +
            "fit.status }));",
        ].join("\n"),
      );
      assert.deepEqual(outputs, [
        { output_type: "stream", name: "stdout", text: '{"threads":2,"note":null,"status":"converged"}\n' },
      ]);
    },
  );

  it("shows a DataFrame left as a cell's value as a table", async function () {
    this.timeout(120_000);
    const outputs = await runNewCell(
      page,
      'import { loadDataFrames } from "../build/frames";\nconst { runs: runsFrame } = ' +
        'loadDataFrames();\nrunsFrame.loc({ rows: runsFrame["track"].eq("track2") })',
    );
    assert.deepEqual(
      outputs.map((o) => o.output_type),
      ["display_data"],
    );
    const table = page.locator(".output_html table").last();
    assert.equal(await table.locator("caption").innerText(), "DataFrame: 19 rows × 34 columns");
    assert.equal(await table.locator("tbody tr").count(), 19);
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(workDir, "notebook6-dataframe.png") });
  });

  it(
    "recomputes the analysis at a target loss set in a cell: the track-1 multiplier moves from the " + "committed one",
    async function () {
      this.timeout(240_000);
      const outputs = await runNewCell(
        page,
        [
          'import { analyzeData } from "../build";',
          "const at330 = analyzeData({ targets: { track1: 3.30 } });",
          "const ratio330 = at330.summary.track1.token_ratio;",
          "console.log(JSON.stringify({ target: at330.options.targets.track1, tokenRatio: ratio330.estimate ?? " +
            "ratio330.upper ?? ratio330.lower }));",
        ].join("\n"),
      );
      assert.equal(outputs.length, 1, JSON.stringify(outputs));
      assert.equal(outputs[0].output_type, "stream");
      const printed = JSON.parse(String(outputs[0].text)) as { target: number; tokenRatio: number };
      const committed = shownValue(readSummary(join(repoRoot, "results", "summary.json")).track1.token_ratio);
      assert.equal(printed.target, 3.3);
      assert.ok(Number.isFinite(printed.tokenRatio) && printed.tokenRatio > 1, String(printed.tokenRatio));
      // At 3.30 both runs cross earlier on their curves: the ratio is recomputed, not the committed 3.28 one.
      assert.notEqual(Number(printed.tokenRatio.toPrecision(6)), committed);
    },
  );

  it("loads nothing from outside the local server (no CDN)", () => {
    assert.deepEqual(offsite, []);
  });
});
