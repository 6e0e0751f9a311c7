import { strict as assert } from "node:assert";
import { notebookExecutionError, type CellRun, type NotebookOutput, type NotebookRun } from "../../src";

function run(
  cells: Omit<CellRun, "index" | "cellType">[],
  failure: { text: string; cell: number | null } | null = null,
): NotebookRun {
  return {
    path: "/x/t.ipynb",
    cells: cells.map((c, index) => ({ ...c, index, cellType: "code" })),
    failure: failure?.text ?? null,
    failureCell: failure?.cell ?? null,
    elapsedS: 1,
    notebookJson: "{}",
  };
}
const code = (source: string, outputs: NotebookOutput[], tags: string[] = [], status: string | null = "ok") => ({
  source,
  outputs,
  tags,
  status,
});
const stderr = (text: string): NotebookOutput => ({ output_type: "stream", name: "stderr", text });
/** [notebook, cell index, cell source, error text] of the error for `nb`, or null. */
const named = (nb: NotebookRun) => {
  const error = notebookExecutionError(nb, "t.ipynb");
  return error && [error.notebookPath, error.cellIndex, error.cellSource, error.errorText];
};

describe("notebookExecutionError", () => {
  it("finds a tslab compile error reported only on stderr", () => {
    const nb = run([
      code("const a = 1;", []),
      code('const x: number = "a";', [stderr("1:7 - Type 'string' is not assignable to type 'number'.\n")]),
      code("a + 1", []),
    ]);
    assert.deepEqual(named(nb), [
      "t.ipynb",
      1,
      'const x: number = "a";',
      "1:7 - Type 'string' is not assignable to type 'number'.",
    ]);
  });

  it("finds a runtime error's stack printed by tslab", () => {
    const text =
      'evalmachine.<anonymous>:3\nfunction f() { throw new Error("boom"); }\n               ^\n\nError: ' +
      "boom\n    at f (evalmachine.<anonymous>:3:22)\n";
    assert.equal(notebookExecutionError(run([code("f()", [stderr(text)])]), "t.ipynb")?.cellIndex, 0);
  });

  it("finds an error output", () => {
    const nb = run([
      code(
        "x",
        [{ output_type: "error", ename: "ReferenceError", evalue: "x is not defined", traceback: [] }],
        [],
        "error",
      ),
    ]);
    assert.equal(notebookExecutionError(nb, "t.ipynb")?.errorText, "ReferenceError: x is not defined");
  });

  it("does not mistake a warning on stderr for an error", () => {
    assert.equal(
      notebookExecutionError(run([code("warn()", [stderr("warning: 3 runs have no timing\n")])]), "t.ipynb"),
      null,
    );
    assert.equal(
      notebookExecutionError(run([code("warn()", [stderr("Error bars are wide for 2 points\n")])]), "t.ipynb"),
      null,
    );
  });

  it("exempts cells tagged raises-exception", () => {
    assert.equal(
      notebookExecutionError(
        run([code("boom()", [stderr("Error: expected\n")], ["raises-exception"], "error")]),
        "t.ipynb",
      ),
      null,
    );
  });

  it("names the first failing cell, not the cells the kernel aborted behind it", () => {
    const nb = run([
      code("const a = 1;", []),
      code(
        "boom()",
        [{ output_type: "error", ename: "Error", evalue: "boom", traceback: ["Error: boom", "    at boom"] }],
        [],
        "error",
      ),
      code("a", [], [], "abort"),
    ]);
    assert.deepEqual(named(nb), ["t.ipynb", 1, "boom()", "Error: boom\n    at boom"]);
  });

  it("names the cell nbclient was running when it failed, with nbclient's message first", () => {
    const nb = run(
      [code("const a = 1;", []), code("await sleep()", [stderr("still waiting\n")], [], null), code("a", [], [], null)],
      {
        text: "CellTimeoutError: A cell timed out while it was being executed, after 3 seconds.\n",
        cell: 1,
      },
    );
    assert.deepEqual(named(nb), [
      "t.ipynb",
      1,
      "await sleep()",
      "CellTimeoutError: A cell timed out while it was being executed, after 3 seconds.\nstill waiting",
    ]);
  });

  it("reports a failure outside any cell without a cell", () => {
    const error = notebookExecutionError(
      run([code("1", [], [], null)], { text: "RuntimeError: Kernel didn't respond in 60 seconds", cell: null }),
      "t.ipynb",
    );
    assert.equal(error?.cellIndex, null);
    assert.equal(error?.message, "t.ipynb: execution failed: RuntimeError: Kernel didn't respond in 60 seconds");
  });

  it("lets stray stderr, an empty cell and a missing chart through", () => {
    const nb = run([
      code("console.error('note')", [stderr("note\n")]),
      code("  ", [], [], null),
      code("await show(fig)", []),
    ]);
    assert.equal(notebookExecutionError(nb, "t.ipynb"), null);
  });
});
