// Items 1 and 8 of issue 12: npm run publish refuses, before any notebook runs, an --out folder that is not a site, a
// --notebooks folder with no notebooks and a missing --records or --summary file, with exit code 1 and a message naming
// the path; the previous site is left byte for byte. Run as processes in a temp folder.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashTree, REPO, runCli } from "../helpers/cli";

const fixtures = join(REPO, "test", "fixtures", "publish");

describe("npm run publish: refusals leave the previous site", function () {
  this.timeout(180_000);
  let root = "";
  let site = "";
  const common = () => [
    "--summary",
    join(fixtures, "summary.json"),
    "--records",
    join(fixtures, "records.csv"),
    "--no-execute",
  ];
  before(() => {
    root = mkdtempSync(join(tmpdir(), "publish-refuse-"));
    site = join(root, "site");
    const r = runCli("src/cli/publish.ts", [...common(), "--notebooks", join(fixtures, "notebooks"), "--out", site]);
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const refuses = (args: string[], message: string) => {
    const before = hashTree(root);
    const r = runCli("src/cli/publish.ts", args);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, `publish failed (the previous site is unchanged): ${message}\n`);
    assert.equal(hashTree(root), before);
  };

  it("refuses a mistyped --notebooks folder", () => {
    refuses(
      [...common(), "--notebooks", join(root, "notebok"), "--out", site],
      `${join(root, "notebok")}: notebooks folder (--notebooks) not found`,
    );
  });

  it("refuses a --notebooks folder with no notebooks", () => {
    mkdirSync(join(root, "empty"), { recursive: true });
    writeFileSync(join(root, "empty", "README.md"), "no notebooks here\n");
    refuses(
      [...common(), "--notebooks", join(root, "empty"), "--out", site],
      `${join(root, "empty")}: no notebooks (*.ipynb) in the --notebooks folder`,
    );
  });

  it("refuses a missing --records file and a missing --summary file", () => {
    const nb = join(fixtures, "notebooks");
    refuses(
      [
        "--summary",
        join(fixtures, "summary.json"),
        "--records",
        join(root, "record.csv"),
        "--no-execute",
        "--notebooks",
        nb,
        "--out",
        site,
      ],
      `${join(root, "record.csv")}: records table (--records) not found`,
    );
    refuses(
      [
        "--summary",
        join(root, "summ.json"),
        "--records",
        join(fixtures, "records.csv"),
        "--no-execute",
        "--notebooks",
        nb,
        "--out",
        site,
      ],
      `${join(root, "summ.json")}: results summary (--summary) not found`,
    );
  });

  it("refuses an --out folder that is not a site (a checkout), naming what it holds", () => {
    const checkout = join(root, "checkout");
    mkdirSync(join(checkout, ".git"), { recursive: true });
    writeFileSync(join(checkout, "main.ts"), "code\n");
    refuses(
      [...common(), "--notebooks", join(fixtures, "notebooks"), "--out", checkout],
      `refusing to write the site into ${checkout}: the folder is not empty (.git, main.ts) and has no ` +
        `.speedrun-output marker from npm run publish; give an absent or empty folder`,
    );
  });

  it("replaces its own earlier site", () => {
    const r = runCli("src/cli/publish.ts", [...common(), "--notebooks", join(fixtures, "notebooks"), "--out", site]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^publish: wrote .*\/site: 2 notebook page\(s\), records table/m);
  });
});
