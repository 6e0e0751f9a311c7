// Publishing, `npm start` and `npm run notebooks` run the project's own notebooks (notebooks/manifest.json), never a
// scratch notebook saved beside them.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listNotebooks } from "../../src/publish/publishSite";

const repoRoot = join(__dirname, "..", "..");

describe("notebooks/manifest.json", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "manifest-"));
    for (const name of ["01-a.ipynb", "02-b.ipynb", "Untitled.ipynb"]) writeFileSync(join(dir, name), "{}");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("lists only the manifest's notebooks, so a scratch Untitled.ipynb beside them is never run", () => {
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ notebooks: ["02-b.ipynb", "01-a.ipynb"] }));
    assert.deepEqual(listNotebooks(dir), [join(dir, "01-a.ipynb"), join(dir, "02-b.ipynb")]);
  });

  it("publishes every notebook of a folder without a manifest (a user's --notebooks folder)", () => {
    assert.deepEqual(
      listNotebooks(dir).map((p) => p.slice(dir.length + 1)),
      ["01-a.ipynb", "02-b.ipynb", "Untitled.ipynb"],
    );
  });

  it("names a manifest that is malformed or lists a missing notebook", () => {
    writeFileSync(join(dir, "manifest.json"), "{ notebooks: [");
    assert.throws(() => listNotebooks(dir), /manifest\.json: not valid JSON/);
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ notebooks: ["../x.ipynb"] }));
    assert.throws(() => listNotebooks(dir), /expected \{ "notebooks": \["name\.ipynb", \.\.\.\] \}/);
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ notebooks: ["03-gone.ipynb"] }));
    assert.throws(() => listNotebooks(dir), /lists 03-gone\.ipynb, which is not in the folder/);
  });

  it("lists every notebook committed in notebooks/", () => {
    const committed = execFileSync("git", ["-C", repoRoot, "ls-files", "notebooks/*.ipynb"], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((p) => p.replace("notebooks/", ""))
      .sort();
    assert.deepEqual(
      JSON.parse(readFileSync(join(repoRoot, "notebooks", "manifest.json"), "utf8")).notebooks,
      committed,
    );
  });
});
