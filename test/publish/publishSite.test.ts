// publishSite end to end: real execution with the tslab kernel (fresh kernel per notebook), the atomic swap, and
// byte-for-byte reproducibility.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { NotebookExecutionError, publishSite, type PublishResult } from "../../src";

const repoRoot = resolve(__dirname, "..", "..");
const fixtures = join(repoRoot, "test", "fixtures", "publish");
const common = { repoRoot, summaryPath: join(fixtures, "summary.json"), recordsPath: join(fixtures, "records.csv") };

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

describe("publishSite", function () {
  this.timeout(180_000);
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), "publish-site-"))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  // The executed fixtures published with two notebooks at a time, once for the tests that look at that site.
  let shared = "";
  let executed: Promise<{ outDir: string; result: PublishResult }> | null = null;
  const executedSite = () => {
    if (executed) return executed;
    shared = mkdtempSync(join(tmpdir(), "publish-site-shared-"));
    const outDir = join(shared, "parallel");
    executed = publishSite({ ...common, notebooksDir: join(fixtures, "exec"), outDir, concurrency: 2 }).then(
      (result) => ({ outDir, result }),
    );
    return executed;
  };
  after(() => shared && rmSync(shared, { recursive: true, force: true }));

  it("executes every notebook in its own kernel and renders the chart bundle it displays", async () => {
    const { outDir, result } = await executedSite();
    assert.deepEqual(
      result.pages.map((p) => [p.href, p.title, p.chartCount]),
      [
        ["ok.html", "Executed fixture", 1],
        ["second.html", "Second executed fixture", 0],
      ],
    );
    assert.ok(result.pages.every((p) => p.executeMs !== null && p.executeMs > 0));
    const ok = readFileSync(join(outDir, "ok.html"), "utf8");
    assert.ok(ok.includes('<pre class="output stream-stdout">sum 7</pre>'));
    const spec = JSON.parse(/class="plotly-spec" data-target="chart-3-1">(.*?)<\/script>/s.exec(ok)![1]);
    assert.deepEqual(spec.data, [{ type: "scatter", x: [1, 2, 4], y: [1, 2, 4].map((t) => 3.28 + 1 / t) }]);
    // `const tokens` is declared again: this only runs because the second notebook has a fresh kernel.
    assert.ok(readFileSync(join(outDir, "second.html"), "utf8").includes("second 2</pre>"));
    assert.deepEqual(readdirSync(join(outDir, "assets")).sort(), ["plotly-basic.min.js", "site.css", "site.js"]);
    assert.equal(result.siteBytes > 1_100_000, true, "plotly.js is in the site (the basic bundle: 1.19 MB)");
  });

  it("names the cell that exceeds the per-cell time limit", async () => {
    await assert.rejects(
      publishSite({ ...common, notebooksDir: join(fixtures, "exec-timeout"), outDir: join(tmp, "site"), timeoutS: 3 }),
      (error: unknown) => {
        assert.ok(error instanceof NotebookExecutionError);
        assert.equal(error.cellIndex, 1);
        assert.match(
          error.errorText,
          /^CellTimeoutError: A cell timed out while it was being executed, after 3 seconds\./,
        );
        return true;
      },
    );
    assert.deepEqual(readdirSync(tmp), [], "nothing written");
  });

  it("writes the same bytes for the same inputs", async () => {
    const options = { ...common, notebooksDir: join(fixtures, "notebooks"), execute: false };
    await publishSite({ ...options, outDir: join(tmp, "a") });
    await publishSite({ ...options, outDir: join(tmp, "b") });
    const a = snapshot(join(tmp, "a"));
    // results/ and data/ are the files beside summary.json and records.csv (here both in the fixture folder), linked
    // from the index.
    assert.deepEqual(Object.keys(a), [
      ".speedrun-output",
      "01-loss-vs-compute.html",
      "02-multipliers.html",
      "assets/plotly-basic.min.js",
      "assets/site.css",
      "assets/site.js",
      "data/speedrun/records.csv",
      "index.html",
      "records.html",
      "results/records.csv",
      "results/summary.json",
    ]);
    assert.deepEqual(snapshot(join(tmp, "b")), a);
  });

  it("gives the same site bytes executing notebooks in parallel as one after another", async () => {
    const options = { ...common, notebooksDir: join(fixtures, "exec") };
    const serial = await publishSite({ ...options, outDir: join(tmp, "serial"), concurrency: 1 });
    const parallel = await executedSite();
    assert.deepEqual(
      parallel.result.pages.map((p) => p.href),
      serial.pages.map((p) => p.href),
    );
    const a = snapshot(join(tmp, "serial"));
    assert.ok(Object.keys(a).includes("ok.html") && Object.keys(a).includes("second.html"));
    assert.deepEqual(snapshot(parallel.outDir), a);
  });

  it(
    "stops on the first failing notebook in name order whatever the concurrency, naming notebook, cell and " +
      "error, and keeps the previous site",
    async () => {
      const outDir = join(tmp, "site");
      await publishSite({ ...common, notebooksDir: join(fixtures, "notebooks"), outDir, execute: false });
      const before = snapshot(outDir);
      // a-slow fails after a 4 s cell, b-fails at once: run in parallel, b's failure comes first, but a's is reported,
      // as a serial run reports it. In the checkout, so the error names the notebook by its path there.
      const notebooks = join(repoRoot, "test", "artifacts", "publish-first-failing");
      rmSync(notebooks, { recursive: true, force: true });
      mkdirSync(notebooks, { recursive: true });
      const failing = JSON.parse(readFileSync(join(fixtures, "exec-fails", "b-fails.ipynb"), "utf8"));
      writeFileSync(join(notebooks, "b-fails.ipynb"), JSON.stringify(failing));
      failing.cells[1].source = ["await new Promise((resolve) => setTimeout(resolve, 4000));"];
      writeFileSync(join(notebooks, "a-slow.ipynb"), JSON.stringify(failing));
      for (const concurrency of [1, 2]) {
        await assert.rejects(
          publishSite({ ...common, notebooksDir: notebooks, outDir, concurrency }),
          (error: unknown) => {
            assert.ok(error instanceof NotebookExecutionError);
            assert.equal(error.notebookPath, "test/artifacts/publish-first-failing/a-slow.ipynb");
            assert.equal(error.cellIndex, 2);
            assert.equal(error.cellSource, 'const valLoss: number = "not a number";');
            assert.match(error.errorText, /^1:7 - Type 'string' is not assignable to type 'number'\.$/);
            assert.match(error.message, /^test\/artifacts\/publish-first-failing\/a-slow\.ipynb: cell 3 failed:/);
            return true;
          },
        );
      }
      assert.deepEqual(snapshot(outDir), before);
      assert.deepEqual(readdirSync(tmp), ["site"], "no staging folder is left behind");
      rmSync(notebooks, { recursive: true, force: true });
    },
  );

  it("replaces an existing site whole, dropping pages of notebooks that are gone", async () => {
    const outDir = join(tmp, "site");
    await publishSite({ ...common, notebooksDir: join(fixtures, "notebooks"), outDir, execute: false });
    await publishSite({ ...common, notebooksDir: join(fixtures, "exec"), outDir, execute: false });
    assert.deepEqual(readdirSync(outDir).sort(), [
      ".speedrun-output",
      "assets",
      "data",
      "index.html",
      "ok.html",
      "records.html",
      "results",
      "second.html",
    ]);
  });

  it("ships the plotly.js bundle each page loads: the full one only for a trace the basic one lacks", async () => {
    const notebooksDir = join(tmp, "notebooks");
    mkdirSync(notebooksDir);
    const nb = JSON.parse(readFileSync(join(fixtures, "notebooks", "01-loss-vs-compute.ipynb"), "utf8"));
    const spec = { data: [{ type: "heatmap", z: [[1, 2]] }], layout: {} };
    nb.cells.push({
      cell_type: "code",
      execution_count: 9,
      metadata: {},
      source: ["show(heatmap)"],
      outputs: [{ output_type: "display_data", metadata: {}, data: { "application/vnd.plotly.v1+json": spec } }],
    });
    writeFileSync(join(notebooksDir, "heatmap.ipynb"), JSON.stringify(nb));
    const outDir = join(tmp, "site");
    await publishSite({ ...common, notebooksDir, outDir, execute: false });
    // The index's headline chart is a scatter chart (basic); the notebook's heatmap needs the full bundle.
    assert.deepEqual(readdirSync(join(outDir, "assets")).sort(), [
      "plotly-basic.min.js",
      "plotly.min.js",
      "site.css",
      "site.js",
    ]);
    assert.ok(readFileSync(join(outDir, "heatmap.html"), "utf8").includes('<script src="assets/plotly.min.js">'));
  });

  it("refuses a records table without the expected columns, naming the file", async () => {
    writeFileSync(join(tmp, "records.csv"), "track,record,notes\ntrack1,1,x\n");
    const options = {
      ...common,
      notebooksDir: join(fixtures, "notebooks"),
      outDir: join(tmp, "site"),
      execute: false,
      recordsPath: join(tmp, "records.csv"),
    };
    await assert.rejects(
      publishSite(options),
      new RegExp(
        String.raw`records.csv: missing column\(s\) date, time_s, description, log_paths, ` +
          String.raw`contributors \(header: track,record,notes\)`,
      ),
    );
    assert.deepEqual(readdirSync(tmp), ["records.csv"], "nothing written");
  });
});
