// The classic Notebook 6 shows charts interactively, offline: a real `jupyter notebook` server on 127.0.0.1 with the
// project's kernel and nbextension, driven by headless Chromium that may reach nothing but that server.
import { strict as assert } from "node:assert";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { jupyterEnv, jupyterPython, repoRoot } from "../../src/notebook/jupyterEnv";
import { chromiumPath } from "../../src/notebook/renderFigurePng";

const workDir = join(repoRoot, "test", "artifacts", "notebook6");
const token = "speedrun-test-token";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

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
    areas.map((a) => ({ svg: a.querySelector(".js-plotly-plot svg.main-svg") !== null, img: a.querySelector("img") !== null })),
  );
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
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
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
    await page.waitForFunction('document.querySelectorAll(".output_plotly svg.main-svg").length >= 3', undefined, { timeout: 30_000 });
    assert.deepEqual(await chartOutputs(page), [
      { svg: true, img: false },
      { svg: true, img: false },
      { svg: true, img: false },
    ]);
    const first = page.locator(".output_subarea.output_plotly").first();
    await first.scrollIntoViewIfNeeded();
    await first.screenshot({ path: join(workDir, "notebook6-saved-chart.png") });
  });

  it("runs every cell in the tslab kernel and draws the new charts interactively, with hover labels", async function () {
    this.timeout(120_000);
    // Page-side code as strings: the tests' TypeScript has no DOM library.
    await page.waitForFunction("window.Jupyter?.notebook?.kernel?.is_connected?.()", undefined, { timeout: 60_000 });
    await page.evaluate("Jupyter.notebook.clear_all_output(); Jupyter.notebook.execute_all_cells();");
    // The last cell fails on purpose; wait for its error output, then for the kernel to go idle.
    await page.waitForSelector(".output_error", { timeout: 90_000 });
    await page.waitForFunction('document.querySelectorAll(".output_plotly svg.main-svg").length >= 3', undefined, { timeout: 30_000 });
    assert.equal((await chartOutputs(page)).length, 3);
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
  });

  it("loads nothing from outside the local server (no CDN)", () => {
    assert.deepEqual(offsite, []);
  });
});
