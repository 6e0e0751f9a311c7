// Every committed notebook runs clean with the tslab kernel, its committed outputs are what it produces now (so GitHub
// shows current results, and re-executing changes nothing), and every headline number it prints as
// `summary.<path> = <value>` equals results/summary.json, which is what `npm start` writes from the same data.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EPOCH_CHINCHILLA_CSV } from "../../src/dataset/fitCsv";
import { sharedDir } from "../../src/dataset/sharedDir";
import { executeNotebook, type NotebookOutput, type NotebookRun } from "../../src/notebook/executeNotebook";
import { repoRoot } from "../../src/notebook/jupyterEnv";
import { cellText, cellTexts, notebookProblems } from "../../src/notebook/notebookProblems";
import { plotlyMime } from "../../src/notebook/show";
import { parseSummaryValues, summaryValue, summaryValuesFromOutputs } from "../../src/notebook/summaryValues";

const dir = join(repoRoot, "notebooks");
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

/** The analysis notebooks, and the summary.json values each must print (more may be printed; all are checked). */
const analysisNotebooks: Readonly<Record<string, readonly string[]>> = {
  "01-speedrun-history.ipynb": [
    "track1.time_ratio",
    "track1.readme_time_ratio",
    "track1.token_ratio",
    "track2.time_ratio",
    "halving_time_months.track1.months",
    "halving_time_months.track1.ols_interval",
    "segmented.track1.break_date.estimate",
    "segmented.track1.preferred",
    "forecast_winners[0].winner",
    "data_issue_counts",
  ],
  "02-loss-vs-compute.ipynb": ["track1.token_ratio", "track1.flops_ratio", "track2.token_ratio"],
  "03-compute-multipliers.ipynb": [
    "track1.token_ratio",
    "track1.time_ratio",
    "claims[0].measured.time_ratio",
    "claims[0].verdict",
    "claims[1].verdict",
    "claims[2].verdict",
    "claims[3].verdict",
    "claims[4].verdict",
    "decomposition_latest[0].token_share",
    "track1.readme_time_ratio",
    "attribution[0].time_factor",
    "claims[2].measured.architecture_time_factor",
  ],
  "04-scaling-to-frontier.ipynb": [
    "track1.token_ratio",
    "track1.flops_ratio",
    "verdict",
    "scale_dependence.parameters.typical_slope.estimate",
    "scale_dependence.trend",
    "scale_dependence.parameters.beta1.estimate",
    "frontier[0].within_ho",
  ],
  "05-fit-your-own-data.ipynb": [],
};
const epochCsvPresent = existsSync(join(sharedDir(), EPOCH_CHINCHILLA_CSV));

/**
 * Outputs as compared: each PNG replaced by its pixel size (its bytes depend on the machine's Chromium and fonts), and
 * an error by its name and message (its stack's line numbers move with any edit to the library).
 */
function comparable(outputs: readonly NotebookOutput[]): unknown {
  return outputs.map((o) => {
    if (o.output_type === "error") return { output_type: "error", ename: o.ename, evalue: o.evalue };
    const png = o.data?.["image/png"];
    if (typeof png !== "string") return o;
    const bytes = Buffer.from(png, "base64");
    return { ...o, data: { ...o.data, "image/png": `PNG ${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}` } };
  });
}

/** nbformat stores a multi-line string as a list of lines on disk (JSON MIME types excepted); join them back. */
function inMemoryForm(o: NotebookOutput): NotebookOutput {
  const join = (v: unknown) => (Array.isArray(v) ? v.join("") : v);
  const data =
    o.data && Object.fromEntries(Object.entries(o.data).map(([mime, v]) => [mime, /json$/.test(mime) ? v : join(v)]));
  return { ...o, ...(o.text !== undefined ? { text: join(o.text) as string } : {}), ...(data ? { data } : {}) };
}

function displays(run: NotebookRun, mime: string): number {
  return run.cells.flatMap((c) => c.outputs).filter((o) => o.data?.[mime] !== undefined).length;
}

describe("notebooks", () => {
  // The committed results/summary.json: committedResults.test.ts proves it is what `npm start` writes from data/ now
  // (a fresh run, byte for byte), so a second analysis here would prove nothing more.
  const summary: unknown = JSON.parse(readFileSync(join(repoRoot, "results", "summary.json"), "utf8"));
  before(() => {
    execFileSync("bash", [join(repoRoot, "scripts", "build.sh")]);
  });

  it("has the five analysis notebooks", () => {
    for (const name of Object.keys(analysisNotebooks)) assert.ok(notebooks.includes(name), `missing notebooks/${name}`);
  });

  for (const name of notebooks) {
    it(
      `${name} runs without errors, aborted cells, stderr or missing charts, and matches its committed ` + `outputs`,
      async () => {
        const path = join(dir, name);
        const run = await executeNotebook(path);
        // Without Epoch's CSV (never committed), notebook 05 prints a notice and skips its chart and table.
        const presentData = name !== "05-fit-your-own-data.ipynb" || epochCsvPresent;
        assert.deepEqual(
          notebookProblems(run).filter(
            (p) => presentData || (p.kind !== "missing-chart" && p.kind !== "missing-table"),
          ),
          [],
        );
        const expected = analysisNotebooks[name];
        if (expected) {
          // Cell 1 states the question, the first code cell imports; every later code cell shows or prints something.
          assert.equal(run.cells[0].cellType, "markdown", `${name}: cell 0 should state the question in markdown`);
          const code = run.cells.filter((c) => c.cellType === "code");
          if (presentData) {
            for (const c of code.slice(1))
              assert.ok(
                cellText(c).trim() !== "" || summaryValuesFromOutputs(c.outputs).length > 0,
                `${name} cell ${c.index}: no output`,
              );
            assert.ok(displays(run, plotlyMime) >= 1, `${name}: no chart`);
            assert.ok(displays(run, "text/html") >= 1, `${name}: no table`);
          } else {
            assert.match(cellTexts(run).join(""), /ABSENT: reference\/svg_extracted_data\.csv/);
          }
          // The values travel in output metadata (invisible); a `summary.` text line would show on the page.
          assert.deepEqual(
            parseSummaryValues(cellTexts(run).join("\n")),
            [],
            `${name}: prints summary.<path> lines as visible text`,
          );
          const printed = summaryValuesFromOutputs(run.cells.flatMap((c) => c.outputs));
          for (const p of printed)
            assert.deepEqual(
              p.value,
              summaryValue(summary, p.path),
              `${name}: printed summary.${p.path} differs from results/summary.json`,
            );
          for (const path of expected)
            assert.ok(
              printed.some((p) => p.path === path),
              `${name}: does not print summary.${path}`,
            );
          // Without the Epoch CSV notebook 05 prints a notice instead of its results: nothing to compare.
          if (!presentData) return;
        }
        const committed = JSON.parse(readFileSync(path, "utf8")) as { cells: { outputs?: NotebookOutput[] }[] };
        run.cells.forEach((cell, i) => {
          const saved = (committed.cells[i].outputs ?? []).map(inMemoryForm);
          assert.deepEqual(
            comparable(cell.outputs),
            comparable(saved),
            `${name} cell ${i}: outputs differ from the committed ones; run npm run notebooks`,
          );
        });
      },
    );
  }
});
