// Every committed notebook runs clean with the tslab kernel, and its committed outputs are what it produces now
// (so GitHub shows current results, and re-executing changes nothing).
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { executeNotebook, notebookProblems, repoRoot, type NotebookOutput } from "../../src/notebook/executeNotebook";

const dir = join(repoRoot, "notebooks");
const notebooks = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();

/** Outputs with each PNG replaced by its pixel size: its bytes depend on the machine's Chromium and fonts. */
function comparable(outputs: readonly NotebookOutput[]): unknown {
  return outputs.map((o) => {
    const png = o.data?.["image/png"];
    if (typeof png !== "string") return o;
    const bytes = Buffer.from(png, "base64");
    return { ...o, data: { ...o.data, "image/png": `PNG ${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}` } };
  });
}

/** nbformat stores a multi-line string as a list of lines on disk (JSON MIME types excepted); join them back. */
function inMemoryForm(o: NotebookOutput): NotebookOutput {
  const join = (v: unknown) => (Array.isArray(v) ? v.join("") : v);
  const data = o.data && Object.fromEntries(Object.entries(o.data).map(([mime, v]) => [mime, /json$/.test(mime) ? v : join(v)]));
  return { ...o, ...(o.text !== undefined ? { text: join(o.text) as string } : {}), ...(data ? { data } : {}) };
}

describe("notebooks", () => {
  before(() => {
    execFileSync("bash", [join(repoRoot, "scripts", "build.sh")]);
  });

  it("has notebooks to run", () => {
    assert.ok(notebooks.length > 0);
  });

  for (const name of notebooks) {
    it(`${name} runs without errors, aborted cells, stderr or missing charts, and matches its committed outputs`, async () => {
      const path = join(dir, name);
      const run = await executeNotebook(path);
      assert.deepEqual(notebookProblems(run), []);
      const committed = JSON.parse(readFileSync(path, "utf8")) as { cells: { outputs?: NotebookOutput[] }[] };
      run.cells.forEach((cell, i) => {
        const saved = (committed.cells[i].outputs ?? []).map(inMemoryForm);
        assert.deepEqual(comparable(cell.outputs), comparable(saved), `${name} cell ${i}: outputs differ from the committed ones; run npm run notebooks`);
      });
    });
  }
});
