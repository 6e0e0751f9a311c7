import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { executeNotebook } from "../../src/notebook/executeNotebook";
import { repoRoot } from "../../src/notebook/jupyterEnv";
import { cellTexts, notebookProblems } from "../../src/notebook/notebookProblems";

// Notebooks are written under test/artifacts/ (gitignored) so the kernel finds the project's tslab and build/.
const dir = join(repoRoot, "test", "artifacts", "harness");

function writeNotebook(name: string, cells: { source: string; tags?: string[] }[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: cells.map((c, i) => ({
      id: `c${i}`,
      cell_type: "code",
      source: c.source,
      metadata: { tags: c.tags ?? [] },
      outputs: [],
      execution_count: null,
    })),
  };
  writeFileSync(path, JSON.stringify(nb, null, 1));
  return path;
}

describe("notebookProblems on runs of executeNotebook (tslab kernel under nbclient)", () => {
  before(() => {
    execFileSync("bash", [join(repoRoot, "scripts", "build.sh")]);
  });

  it(
    "reports a failing cell with its error name and message, the cells tslab aborted after it, stray stderr " +
      "and a missing chart",
    async () => {
      const path = writeNotebook("failing.ipynb", [
        { source: 'import { show, lossVsComputeFigure } from "../../../build";' },
        { source: 'console.log("loss at 124M:", (1.69 + 406.4 / 124e6 ** 0.34).toFixed(4));' },
        {
          source:
            "await show(lossVsComputeFigure([{ label: 'a', points: [{ x: 1e18, y: 3 }, { x: 1e19, y: 2.8 }] }]));",
        },
        {
          source: "const showNothing = (n: number) => n; // looks like a show( call, displays nothing\nshowNothing(1);",
        },
        { source: 'console.error("a warning");' },
        { source: 'throw new RangeError("boom");' },
        { source: 'console.log("never printed");' },
      ]);
      const run = await executeNotebook(path, { writeTo: join(dir, "failing.out.ipynb") });
      assert.equal(run.failure, null);
      assert.deepEqual(
        notebookProblems(run).map((p) => [p.cell, p.kind, p.message]),
        [
          [3, "missing-chart", "calls show( but displayed no Plotly figure with a PNG"],
          [4, "stderr", "a warning"],
          [5, "error", "RangeError: boom"],
          [6, "aborted", "aborted by the kernel (a cell before it failed)"],
        ],
      );
      assert.equal(cellTexts(run)[1], `loss at 124M: ${(1.69 + 406.4 / 124e6 ** 0.34).toFixed(4)}\n`);
      assert.equal(cellTexts(run)[2], "Figure (1 traces: a)\n");
      const saved = JSON.parse(readFileSync(join(dir, "failing.out.ipynb"), "utf8")) as {
        cells: { outputs: unknown[] }[];
      };
      assert.equal(saved.cells[2].outputs.length, 1);
    },
  );

  it("accepts a last cell tagged raises-exception that fails", async () => {
    const ok = writeNotebook("expected-error.ipynb", [
      { source: 'import { lossVsComputeFigure } from "../../../build";' },
      { source: 'lossVsComputeFigure([{ label: "bad", points: [{ x: 0, y: 3 }] }]);', tags: ["raises-exception"] },
    ]);
    const run = await executeNotebook(ok);
    assert.deepEqual(notebookProblems(run), []);
    const error = run.cells[1].outputs.find((o) => o.output_type === "error");
    assert.equal(error?.ename, "Error");
    assert.equal(
      error?.evalue,
      'lossVsComputeFigure: series "bad" point 0 has x = 0 (expected a positive finite number (log axis))',
    );
    const traceback = error?.traceback ?? [];
    assert.ok(
      traceback.some((l) => l.includes("(src/plot/style.ts:")),
      "the stack points at src/*.ts through build/'s source maps",
    );
    assert.ok(!traceback.some((l) => l.includes(repoRoot)), "paths are relative to the checkout");
    assert.ok(!traceback.some((l) => /node:vm|tslab.dist/.test(l)), "kernel frames are left out");
  });
  // One kernel for both: each cell's problem is reported on its own.
  it(
    "reports stderr that reads like an error even in a cell tagged allow-stderr, lets a plain note through, and " +
      "flags a last cell tagged raises-exception that does not fail",
    async () => {
      const path = writeNotebook("stderr-error.ipynb", [
        { source: 'console.error("a note");', tags: ["allow-stderr"] },
        { source: 'console.error("RangeError: step 3 is out of range");', tags: ["allow-stderr"] },
        { source: "const x = 1;", tags: ["raises-exception"] },
      ]);
      assert.deepEqual(
        notebookProblems(await executeNotebook(path)).map((p) => [p.cell, p.kind, p.message]),
        [
          [1, "stderr-error", "RangeError: step 3 is out of range"],
          [2, "missing-error", "tagged raises-exception but did not fail"],
        ],
      );
    },
  );
});
