import { strict as assert } from "node:assert";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../src/notebook/jupyterEnv";
import { parseErrorText } from "../../src/notebook/kernelErrors";

describe("parseErrorText", () => {
  it("takes name and message from a thrown error that tslab prints with its source line and caret", () => {
    // What tslab 1.0.22 wrote to stderr for `function f(): number { throw new RangeError("boom " + 42); }; f();`
    const text = [
      "evalmachine.<anonymous>:3",
      'function f() { throw new RangeError("boom " + 42); }',
      "               ^",
      "",
      "RangeError: boom 42",
      "    at f (evalmachine.<anonymous>:3:22)",
      "    at evalmachine.<anonymous>:5:22",
      "    at sigintHandlersWrap (node:vm:280:12)",
      "    at Script.runInThisContext (node:vm:135:14)",
      "    at Object.execute (/work/main/node_modules/tslab/dist/executor.js:160:38)",
      "    at async proto.handleExecute (/work/wt/display/build/notebook/tslabPatches.js:83:25)",
      "",
    ].join("\n");
    const fields = parseErrorText(text);
    assert.equal(fields.ename, "RangeError");
    assert.equal(fields.evalue, "boom 42");
    assert.equal(fields.traceback.length, 7, "kernel frames (node:vm, tslab, this patch) are left out");
    assert.equal(fields.traceback[5], "    at f (evalmachine.<anonymous>:3:22)");
  });

  it("shows paths relative to the checkout, so committed error outputs are the same on every machine", () => {
    const modules = realpathSync(join(repoRoot, "node_modules"));
    const fields = parseErrorText(
      [
        `Error: cannot read ${repoRoot}/data/x.csv`,
        `    at checkNumber (${repoRoot}/build/plot/style.js:96:15)`,
        `    at DataFrame.f (${modules}/danfojs-node/dist/index.js:1:2)`,
      ].join("\n"),
    );
    assert.deepEqual(fields.traceback, [
      "Error: cannot read data/x.csv",
      "    at checkNumber (build/plot/style.js:96:15)",
      "    at DataFrame.f (node_modules/danfojs-node/dist/index.js:1:2)",
    ]);
    assert.equal(fields.evalue, "cannot read data/x.csv");
  });

  it("reads a Node error with a code", () => {
    const fields = parseErrorText("Error [ERR_X]: cannot read /tmp/x\n    at a (b.js:1:1)\n");
    assert.deepEqual([fields.ename, fields.evalue], ["Error", "cannot read /tmp/x"]);
  });

  it("reads a type-check diagnostic as a TypeScriptError", () => {
    const fields = parseErrorText("1:7 - Type 'string' is not assignable to type 'number'.\n");
    assert.deepEqual(
      [fields.ename, fields.evalue],
      ["TypeScriptError", "Type 'string' is not assignable to type 'number'."],
    );
  });

  it("falls back to the first line for a thrown non-error", () => {
    assert.deepEqual(parseErrorText("'just a string'\n"), {
      ename: "Error",
      evalue: "'just a string'",
      traceback: ["'just a string'"],
    });
  });
});
