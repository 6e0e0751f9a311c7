// The declaration files a notebook's `import ... from "../build"` brings into every cell's program (tslab parses and
// binds each once per kernel, and type-checks every cell against them): the library's own, and no compiler. Until
// issue 22 build/notebook/tslabPatches.d.ts named `typeof import("typescript")`, so each kernel also parsed TypeScript
// 5.9's typescript.d.ts (0.6 MB, more than the library's declarations together).
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";
import { repoRoot } from "../../src/notebook/jupyterEnv";

/**
 * Every file reachable from `entry` through imports, import types and references, resolved as tslab resolves
 * (Node10).
 */
function declarationClosure(entry: string): string[] {
  const options: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Node10, types: [] };
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const info = ts.preProcessFile(ts.sys.readFile(file) ?? "", true, true);
    const names = [...info.importedFiles, ...info.referencedFiles].map((r) => r.fileName);
    for (const name of names) {
      const resolved = ts.resolveModuleName(name, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved && !seen.has(resolved)) {
        seen.add(resolved);
        queue.push(resolved);
      }
    }
  }
  return [...seen].map((f) => relative(repoRoot, f));
}

describe("the library's declarations as a notebook's cells see them (build/index.d.ts)", () => {
  it("bring in the library's own files and no TypeScript compiler types", () => {
    const entry = join(repoRoot, "build", "index.d.ts");
    assert.ok(existsSync(entry), `${entry}: not built (npm test builds first, with its set-up)`);
    const files = declarationClosure(entry);
    assert.ok(files.includes(join("build", "notebook", "tslabPatches.d.ts")), files.join("\n"));
    const compiler = files.filter((f) => /node_modules\/(@tslab\/)?typescript(-for-tslab)?\//.test(f));
    assert.deepEqual(compiler, []);
  });
});
