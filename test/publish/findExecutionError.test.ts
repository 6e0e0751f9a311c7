import { strict as assert } from "node:assert";
import { findExecutionError, parseNotebook } from "../../src";

function notebook(cells: object[]) {
  return parseNotebook(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }), "t.ipynb");
}
const code = (source: string, outputs: object[], tags?: string[]) => ({
  cell_type: "code", source, execution_count: null, outputs, metadata: tags ? { tags } : {},
});
const stderr = (text: string) => ({ output_type: "stream", name: "stderr", text });

describe("findExecutionError", () => {
  it("finds a tslab compile error reported only on stderr", () => {
    const nb = notebook([
      code("const a = 1;", []),
      code('const x: number = "a";', [stderr("1:7 - Type 'string' is not assignable to type 'number'.\n")]),
      code("a + 1", []),
    ]);
    assert.deepEqual(findExecutionError(nb), {
      cellIndex: 1,
      source: 'const x: number = "a";',
      message: "1:7 - Type 'string' is not assignable to type 'number'.",
    });
  });

  it("finds a runtime error's stack printed by tslab", () => {
    const text = 'evalmachine.<anonymous>:3\nfunction f() { throw new Error("boom"); }\n               ^\n\nError: boom\n    at f (evalmachine.<anonymous>:3:22)\n';
    assert.equal(findExecutionError(notebook([code("f()", [stderr(text)])]))?.cellIndex, 0);
  });

  it("finds an error output", () => {
    const nb = notebook([code("x", [{ output_type: "error", ename: "ReferenceError", evalue: "x is not defined", traceback: [] }])]);
    assert.equal(findExecutionError(nb)?.message, "ReferenceError: x is not defined");
  });

  it("does not mistake a warning on stderr for an error", () => {
    assert.equal(findExecutionError(notebook([code("warn()", [stderr("warning: 3 runs have no timing\n")])])), null);
    assert.equal(findExecutionError(notebook([code("warn()", [stderr("Error bars are wide for 2 points\n")])])), null);
  });

  it("exempts cells tagged raises-exception", () => {
    assert.equal(findExecutionError(notebook([code("boom()", [stderr("Error: expected\n")], ["raises-exception"])])), null);
  });
});
