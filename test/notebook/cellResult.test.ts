// Issue 20: a cell's last expression is its result, Out[n] (an execute_result), as in IPython, in the real kernel
// through executeNotebook; declarations, void and undefined show nothing, and printed output keeps its place before it.
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { executeNotebook, type NotebookRun } from "../../src/notebook/executeNotebook";
import { repoRoot } from "../../src/notebook/jupyterEnv";

describe("a cell's value as its Out[n] in the project's kernel", function () {
  this.timeout(300_000);
  let dir = "";
  let run: NotebookRun;
  before(async () => {
    mkdirSync(join(repoRoot, "test", "artifacts"), { recursive: true });
    dir = mkdtempSync(join(repoRoot, "test", "artifacts", "cell-result-"));
    const cells = [
      /* 0 */ "1 + 1",
      /* 1 */ "const x = 3;",
      /* 2 */ 'console.log("printed");\n({ a: x, b: [1, 2] })',
      /* 3 */ "undefined",
      /* 4 */ "void x",
      /* 5 */ '"a string " + x',
      /* 6 */ "function f() { return 1; }",
      /* 7 */ "[x, f()].map((v) => v * 2)",
    ];
    const nb = {
      cells: cells.map((source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source })),
      metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(join(dir, "result.ipynb"), JSON.stringify(nb));
    run = await executeNotebook(join(dir, "result.ipynb"), { displayName: "result.ipynb" });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("shows an expression's value as the cell's execute_result with its execution count, nothing for the rest", () => {
    assert.equal(run.failure, null);
    const outputs = run.cells.map((c) =>
      c.outputs.map((o) =>
        o.output_type === "execute_result"
          ? `Out[${String((o as { execution_count?: number }).execution_count)}]: ${String(o.data?.["text/plain"])}`
          : `${o.output_type}${o.name ? ` ${o.name}` : ""}: ${o.text ?? ""}`,
      ),
    );
    assert.deepEqual(outputs, [
      ["Out[1]: 2"],
      [],
      ["stream stdout: printed\n", "Out[3]: { a: 3, b: [ 1, 2 ] }"],
      [],
      [],
      ["Out[6]: a string 3"],
      [],
      ["Out[8]: [ 6, 2 ]"],
    ]);
  });
});
