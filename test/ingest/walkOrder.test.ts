// Issue 18: the ingest listed its jobs in the walk's order (names sorted folder by folder) and matched outcomes against
// paths sorted as whole strings; `12-31-gates-to-adam` and `12-31-gates-to-adam-20stps` sort differently the two ways
// ('-' < '/'), and from the first mismatch every later file was skipped without a word. These trees mix every such
// character, and the ingest must account for every file, on the main thread and with worker threads alike.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findLogs } from "../../src/ingest/findLogs";
import { checkEveryFileAccounted, ingestSource } from "../../src/ingest/ingestSource";
import { SMALL_LOG } from "../helpers/smallLog";

/** Folder names whose per-folder order differs from the whole-path order: '-', '.', ' ' sort before '/'. */
const FOLDERS = [
  "12-31-gates-to-adam",
  "12-31-gates-to-adam-20stps",
  "12-31-gates-to-adam.v2",
  "12-31-gates-to-adam 2",
  "Upper",
  "upper",
  "é-accent",
  "z",
  "a.b",
  "a",
  "a-b",
  "a b",
];

describe("ingest walk order (issue 18): every file found ends as a run, a duplicate or a named warning", function () {
  let dir = "";
  let expected: string[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ingest-order-"));
    const rel: string[] = [];
    for (const [i, folder] of FOLDERS.entries()) {
      const d = join(dir, "records", "track_1_short", folder);
      mkdirSync(join(d, "sub-run"), { recursive: true });
      mkdirSync(join(d, "sub"), { recursive: true });
      // Five distinct logs per folder (a different last loss each: no byte-identical copies), two of them one level
      // down.
      const files = ["a.txt", "b-1.txt", "b.txt", "sub/x.txt", "sub-run/x.txt"];
      for (const [k, f] of files.entries()) {
        writeFileSync(join(d, f), SMALL_LOG.replace("3.2700", `3.27${String(i).padStart(2, "0")}${k}`));
        rel.push(`records/track_1_short/${folder}/${f}`);
      }
    }
    // One file that gives no run (empty) and one byte-identical copy, placed where the two orders disagree most.
    writeFileSync(join(dir, "records", "track_1_short", "12-31-gates-to-adam", "empty.txt"), "");
    writeFileSync(
      join(dir, "records", "track_1_short", "12-31-gates-to-adam-20stps", "copy.txt"),
      SMALL_LOG.replace("3.2700", "3.26999"),
    );
    writeFileSync(join(dir, "records", "track_1_short", "z", "copy.txt"), SMALL_LOG.replace("3.2700", "3.26999"));
    writeFileSync(
      join(dir, "README.md"),
      "| # | Record time | Description | Date | Log | Contributors |\n| - | - | - | - | - | - |\n" +
        "1 | 1 minutes | x | 01/01/25 | [log](records/track_1_short/z/a.txt) | -\n",
    );
    rel.push("records/track_1_short/12-31-gates-to-adam-20stps/copy.txt");
    expected = rel.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("builds trees whose walk order really differs from the whole-path order", () => {
    const walked = findLogs(join(dir, "records"), dir).paths.map((p) => p.slice(dir.length + 1));
    const sorted = [...walked].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.notDeepEqual(walked, sorted);
    assert.equal(walked.length, FOLDERS.length * 5 + 3);
  });

  for (const workers of [0, 2]) {
    it(`accounts for all ${FOLDERS.length * 5 + 3} files with ${workers} worker threads`, () => {
      // Worker threads take part from the second call in a process (ingestFiles.ts): run twice, check both.
      for (let round = 0; round < (workers === 0 ? 1 : 2); round++) {
        const r = ingestSource({ source: dir, workers });
        assert.deepEqual(r.runs.map((x) => x.sourcePath).sort(), [...expected].sort());
        assert.deepEqual(
          r.warnings.map((w) => `${w.kind} ${w.file}`),
          ["empty_file records/track_1_short/12-31-gates-to-adam/empty.txt"],
        );
        assert.deepEqual(
          r.issues.filter((i) => i.kind === "duplicate_log").map((i) => i.path),
          ["records/track_1_short/z/copy.txt"],
        );
        const fates = new Map<string, number>();
        for (const f of r.files) fates.set(f.fate, (fates.get(f.fate) ?? 0) + 1);
        assert.deepEqual(Object.fromEntries(fates), { run: FOLDERS.length * 5 + 1, duplicate: 1, empty_file: 1 });
        // The run with the copy kept is the first path in sorted order ('-20stps' before 'z').
        assert.ok(r.runs.some((x) => x.sourcePath === "records/track_1_short/12-31-gates-to-adam-20stps/copy.txt"));
      }
    });
  }

  it("reports progress while the files are read, before the outcomes are reported in path order", () => {
    const events: string[] = [];
    ingestSource({
      source: dir,
      workers: 0,
      onProgress: (done, total) => events.push(`read ${done}/${total}`),
      onFile: (done, total) => events.push(`file ${done}/${total}`),
    });
    const reads = events.filter((e) => e.startsWith("read"));
    // 63 files found, all read (a byte-identical copy too: its hash is taken as it is parsed; its outcome is dropped).
    assert.deepEqual(
      [reads.length >= 63, reads[reads.length - 1], events.indexOf("file 1/63") > events.lastIndexOf("read 63/63")],
      [true, "read 63/63", true],
    );
    assert.equal(events[events.length - 1], "file 63/63");
  });

  it("raises an error, never a quiet drop, when a file found has no outcome", () => {
    const paths = ["records/a/x.txt", "records/a-b/y.txt"];
    assert.throws(
      () => checkEveryFileAccounted(paths, new Map([["records/a/x.txt", "run"]]), [], new Set(), []),
      new RegExp(
        String.raw`files found and outcomes disagree .*1 files with no outcome \(records\/a-b\/y\.txt\).*counted ` +
          String.raw`as a run but no run names it`,
      ),
    );
    assert.throws(
      () =>
        checkEveryFileAccounted(["records/a/x.txt"], new Map([["records/a/x.txt", "empty_file"]]), [], new Set(), []),
      /skipped as empty_file but no such warning names it/,
    );
  });
});
