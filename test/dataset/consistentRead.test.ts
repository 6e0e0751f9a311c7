// Issue 21, item 5: readers see one version. A writer replaces a dataset folder in a loop, alternating between two
// versions; every loadDataset meanwhile returns one of them whole (before: 2 of 6 reads mixed them, e.g. "109 record
// rows, 14 runs, 551 evals"). A folder left between the two renames by a killed writer is recovered by every reader.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  copyFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "../../src/dataset/loadDataset";
import { MARKER_FILE } from "../../src/dataset/outputFolder";
import { folderBackOrSwapping, readOutputFolder } from "../../src/dataset/readOutputFolder";
import { copySiteDownloads, neutralizeCell, readSiteInputs } from "../../src/publish/siteDownloads";
import { REPO, runCli, TSX_NODE_ARGS } from "../helpers/cli";

const DATASET = join(REPO, "data", "speedrun");
const TABLES = [
  "records.csv",
  "runs.csv",
  "evals.csv",
  "train_losses.csv",
  "data_issues.csv",
  "sources.csv",
  "provenance.csv",
];

/** The first `keep` lines of each table of the embedded dataset: a smaller but well-formed dataset. */
function truncatedDataset(dir: string, keep: number): void {
  mkdirSync(dir, { recursive: true });
  for (const name of TABLES) {
    const lines = readFileSync(join(DATASET, name), "utf8").replace(/\n$/, "").split("\n");
    writeFileSync(join(dir, name), lines.slice(0, keep).join("\n") + "\n");
  }
}

const shape = (d: ReturnType<typeof loadDataset>) =>
  `${d.records.length} records, ${d.runs.length} runs, ${d.runs.reduce((n, r) => n + r.evals.length, 0)} evals`;

describe("readers see one version (issue 21)", function () {
  this.timeout(180_000);
  let root = "";
  let writer: ChildProcess | null = null;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "consistent-read-"));
    // Two versions of different sizes, both smaller than the embedded dataset (6.7 MB): each of the test's reads and
    // each of the writer's swaps then costs a fraction as much, while a read still spans many writes.
    truncatedDataset(join(root, "a"), 4000);
    truncatedDataset(join(root, "b"), 40);
  });
  afterEach(() => {
    if (writer !== null && writer.pid !== undefined) writer.kill("SIGKILL");
    writer = null;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it(
    "reads again, not 'missing', when the marker was missing but the folder is back or a swap is under way, in " +
      "one listing",
    () => {
      const parent = join(root, "listing");
      const dir = join(parent, "data");
      mkdirSync(parent);
      assert.equal(folderBackOrSwapping(dir), false, "nothing there: missing");
      writeFileSync(dir, "a file, not a folder");
      assert.equal(folderBackOrSwapping(dir), false, "a file of that name is no folder coming back");
      rmSync(dir);
      mkdirSync(join(parent, ".data.tmp-12"));
      assert.equal(folderBackOrSwapping(dir), true, "a writer's temp folder: a swap is under way");
      rmSync(join(parent, ".data.tmp-12"), { recursive: true });
      // The case that raced: the swap finished (temp and old folders gone) after the marker's read failed.
      mkdirSync(dir);
      assert.equal(folderBackOrSwapping(dir), true, "the folder is back: read it again");
      assert.equal(folderBackOrSwapping(join(parent, "other")), false, "another folder's listing says nothing");
    },
  );

  it("loadDataset returns one version whole while a writer swaps the folder in a loop", async () => {
    const dir = join(root, "swapped");
    const expected = new Set([shape(loadDataset(join(root, "a"))), shape(loadDataset(join(root, "b")))]);
    assert.equal(expected.size, 2);
    writer = spawn(
      process.execPath,
      [...TSX_NODE_ARGS, join(REPO, "test/helpers/swapWriter.ts"), dir, "dataset", join(root, "a"), join(root, "b")],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((ok, fail) => {
      writer!.stdout!.once("data", () => ok());
      writer!.once("exit", (code) => fail(new Error(`writer exited ${code}`)));
    });
    for (let i = 0; i < 10; i++) {
      const s = shape(loadDataset(dir));
      assert.ok(expected.has(s), `read a mix: ${s} (expected one of ${[...expected].join(" / ")})`);
    }
    // Many more reads of the raw files, each set checked to be one version's bytes.
    const versions = ["a", "b"].map((v) => new Map(TABLES.map((n) => [n, readFileSync(join(root, v, n), "utf8")])));
    const counts = [0, 0];
    // At least 200 reads, and on until the writer has swapped at least once (a loaded machine may starve it for a
    // while).
    for (let i = 0; i < 200 || (i < 20_000 && (counts[0] === 0 || counts[1] === 0)); i++) {
      const files = readOutputFolder(dir, "dataset", TABLES).files;
      const k = versions.findIndex((v) => TABLES.every((n) => files.get(n)!.toString("utf8") === v.get(n)));
      assert.ok(k >= 0, `read ${i} mixed two versions`);
      counts[k]++;
    }
    assert.ok(counts[0] > 0 && counts[1] > 0, `both versions seen while the writer swapped (${counts})`);
  });

  it("main.ts --data DIR recovers a dataset left between the two renames by a killed ingest", () => {
    const dir = join(root, "killed");
    mkdirSync(join(root, ".killed.old-999999999"));
    for (const name of TABLES) copyFileSync(join(DATASET, name), join(root, ".killed.old-999999999", name));
    copyFileSync(join(DATASET, MARKER_FILE), join(root, ".killed.old-999999999", MARKER_FILE));
    const r = runCli("src/cli/main.ts", ["--data", dir, "--out", join(root, "results-killed")]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /dataset: \d+ record rows, \d+ runs( \(\d+ in tracks without a target loss\))?, \d+ evals/);
    assert.deepEqual(readdirSync(dir).sort(), [MARKER_FILE, ...TABLES].sort());
    assert.ok(!readdirSync(root).some((n) => n.startsWith(".killed.")));
  });

  it("offers for download only the files the writer listed: no planted link, no pipe, no stray CSV", () => {
    const results = join(root, "results");
    const ok = runCli("src/cli/main.ts", ["--out", results]);
    assert.equal(ok.status, 0, ok.stderr);
    const listed = readOutputFolder(results, "results", (m) => [...m!.keys()]).files;
    symlinkSync("/etc/passwd", join(results, "shadow.csv"));
    writeFileSync(join(results, "stray.csv"), "a\n=1+1\n");
    const site = join(root, "site");
    mkdirSync(site);
    const downloads = copySiteDownloads(
      site,
      readSiteInputs(join(results, "summary.json"), join(DATASET, "records.csv")),
    );
    const offered = downloads.results.map((h) => h.replace("results/", ""));
    assert.deepEqual(
      offered,
      [...listed.keys()]
        .filter((n) => n === "summary.json" || n === "summary_reference.md" || n.endsWith(".csv"))
        .sort(),
    );
    assert.ok(!offered.includes("shadow.csv") && !offered.includes("stray.csv"));
  });

  it("neutralises formula-like cells in offered CSVs and keeps plain numbers", () => {
    assert.equal(neutralizeCell('=HYPERLINK("http://e.com","x")'), `'=HYPERLINK("http://e.com","x")`);
    assert.equal(neutralizeCell("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(neutralizeCell("+1+2"), "'+1+2");
    assert.equal(neutralizeCell("-1+2"), "'-1+2");
    assert.equal(neutralizeCell("-0.5"), "-0.5");
    assert.equal(neutralizeCell("1e-3"), "1e-3");
    assert.equal(neutralizeCell("plain"), "plain");
    const data = join(root, "ds-formula");
    mkdirSync(data);
    const records = 'track,description\ntrack1,"=HYPERLINK(""http://e.com"",""x"")"\ntrack1,-0.5\n';
    writeFileSync(join(data, "records.csv"), records);
    const site = join(root, "site-formula");
    mkdirSync(site);
    copySiteDownloads(site, readSiteInputs(join(REPO, "results", "summary.json"), join(data, "records.csv")));
    assert.equal(
      readFileSync(join(site, "data/speedrun/records.csv"), "utf8"),
      'track,description\ntrack1,"\'=HYPERLINK(""http://e.com"",""x"")"\ntrack1,-0.5\n',
    );
  });
});
