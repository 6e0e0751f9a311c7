import { strict as assert } from "node:assert";
import * as ts from "typescript";
import { keepAssignedDeclarations } from "../../src/notebook/kernelExecutor";

// tslab's declaration output for a cell `import { show } from "../build"; interface P {...}; const a = 1, b = "x";
// let p: P; function f...; throw ...; class K {...}; const late = 3;` that follows a cell declaring `earlier`.
const declOutput = [
  'import { show } from "../build";',
  "interface P {\n    a: number;\n}",
  'declare const a = 1, b = "x";',
  "declare let p: P;",
  "declare function f(x: number): number;",
  "declare class K {\n    y: number;\n}",
  "declare const late = 3;",
  "declare const earlier: string;",
  "",
].join("\n");

describe("keepAssignedDeclarations (what a cell that threw at run time leaves declared)", () => {
  it("keeps the declarations assigned before the throw, the types and the earlier cells' ones; drops the skipped", () => {
    const declared = new Set(["show", "a", "b", "p", "f", "K", "late"]);
    const assigned = new Set(["show", "a", "b", "p", "f"]);
    assert.equal(
      keepAssignedDeclarations(ts, declOutput, declared, assigned),
      ['import { show } from "../build";', "interface P {\n    a: number;\n}", 'declare const a = 1, b = "x";', "declare let p: P;", "declare function f(x: number): number;", "declare const earlier: string;", ""].join("\n"),
    );
  });

  it("drops a whole statement when one of its names was skipped, and everything when the import itself threw", () => {
    const declared = new Set(["show", "a", "b", "p", "f", "K", "late"]);
    assert.equal(keepAssignedDeclarations(ts, declOutput, declared, new Set(["show", "a"])), ['import { show } from "../build";', "interface P {\n    a: number;\n}", "declare const earlier: string;", ""].join("\n"));
    assert.equal(keepAssignedDeclarations(ts, declOutput, declared, new Set()), ["interface P {\n    a: number;\n}", "declare const earlier: string;", ""].join("\n"));
  });
});
