// No import cycles in src/ (issue 23): a module graph that is a tree of layers can be read from the bottom up, and
// a cycle is where a change in one file silently reorders another's initialisation. The graph is read with the
// TypeScript compiler's own import scanner (ts.preProcessFile), type-only imports and re-exports included, so a
// cycle that only types close is a failure too.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { REPO } from "../helpers/cli";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return name.endsWith(".ts") ? [path] : [];
    });
}

/** The .ts file a relative specifier names (`./x` -> x.ts or x/index.ts), or null for packages and other files. */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, "index.ts"), base]) {
    if (candidate.endsWith(".ts") && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Each file of `root` with the files of `root` it imports. */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = info.importedFiles.map((f) => resolveImport(file, f.fileName));
    graph.set(file, [...new Set(targets.filter((t): t is string => t !== null && t.startsWith(root)))].sort());
  }
  return graph;
}

/** The strongly connected components with more than one file, or one file importing itself (Tarjan 1972). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe("import structure of src/", () => {
  it("finds a cycle that a graph has, and none in one that has none", () => {
    const cyclic = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    assert.deepEqual(importCycles(cyclic), [["a", "b", "c"]]);
    assert.deepEqual(importCycles(new Map([["x", ["x"]]])), [["x"]]);
    assert.deepEqual(
      importCycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
          ["c", ["a", "b"]],
        ]),
      ),
      [],
    );
  });

  it("has no import cycles between the files of src/ (type-only imports included)", () => {
    const root = join(REPO, "src");
    const graph = importGraph(root);
    assert.ok(graph.size > 100, `read only ${graph.size} files under ${root}`);
    const cycles = importCycles(graph).map((c) => c.map((f) => relative(REPO, f)).join(" <-> "));
    assert.deepEqual(cycles, [], `import cycles:\n${cycles.join("\n")}`);
  });
});
