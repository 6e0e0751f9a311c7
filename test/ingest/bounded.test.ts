// Issue 21, items 1, 2 and 7 (ingest side): every cap bounds what it caps before the bytes are read, the source tree is
// the tree, and the table files get the care the logs get. Each attack of the issue, at a size fit for CI.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findLogs } from "../../src/ingest/findLogs";
import { ingestFile } from "../../src/ingest/ingestFile";
import { ingestSource } from "../../src/ingest/ingestSource";
import { hashLog, MAX_LOG_BYTES, MAX_LOG_LINES } from "../../src/ingest/loadRun";
import { runCli } from "../helpers/cli";
import { SMALL_LOG as GOOD } from "../helpers/smallLog";

const TABLE = [
  "## Track 1: GPT-2 Small (124M)",
  "",
  "| # | Record time | Description | Date | Log | Contributors |",
  "| - | - | - | - | - | - |",
  "1 | 10 minutes | good | 05/28/24 | [log](records/track_1_short/A) | @a",
  "",
].join("\n");
const A = "records/track_1_short/A";
const placement = { track: "track1", record: 1, recordRow: 0, role: "record", rule: "" } as never;

describe("ingest: bounded by design (issue 21)", function () {
  this.timeout(120_000);
  let root = "";
  /** A fresh checkout with the table and one good log; returns its folder. */
  const checkout = (name: string): string => {
    const source = join(root, name);
    mkdirSync(join(source, A), { recursive: true });
    writeFileSync(join(source, "RECORDS.md"), TABLE);
    writeFileSync(join(source, A, "good.txt"), GOOD);
    return source;
  };
  before(() => {
    root = mkdtempSync(join(tmpdir(), "ingest-bounded-"));
  });
  after(() => execFileSync("rm", ["-rf", root])); // rm: the PATH_MAX tree is too deep for fs.rmSync

  it("refuses a file over the size cap before reading a byte, in the duplicate hash too", () => {
    const source = checkout("sparse");
    const fd = openSync(join(source, A, "huge.txt"), "w");
    ftruncateSync(fd, 8 * MAX_LOG_BYTES); // 2 GiB, sparse: the old hash read all of it
    closeSync(fd);
    assert.equal(hashLog(join(source, A, "huge.txt")), null);
    const r = ingestSource({ source, workers: 0 });
    assert.deepEqual(
      r.warnings.map((w) => [w.kind, w.file]),
      [["file_too_large", `${A}/huge.txt`]],
    );
    assert.deepEqual(
      r.runs.map((x) => x.runId),
      ["track_1_short/A/good"],
    );
  });

  it("stops a log at MAX_LOG_LINES lines (the 5-million-line log took 276 s and 3.8 GB)", () => {
    const source = checkout("lines");
    writeFileSync(join(source, A, "many.txt"), "step:0/9 val_loss:10.8\n" + "\n".repeat(MAX_LOG_LINES));
    const r = ingestSource({ source, workers: 0 });
    assert.deepEqual(
      r.warnings.map((w) => [w.kind, w.file, w.message]),
      [["file_too_large", `${A}/many.txt`, "file has over 1,000,000 lines, the limit for a log; skipped"]],
    );
  });

  it("reads a long log of step lines without train_time whole, with the same points as a short one", () => {
    // Each such line made the parser search the rest of its 64 KiB piece for `train_time:`; now only the line.
    const source = checkout("steps");
    const lines = ["step:0/200000 val_loss:10.8"];
    for (let i = 1; i <= 200_000; i++)
      lines.push(i % 1000 === 0 ? `step:${i}/200000 val_loss:3.${i % 7}` : `step:${i}/200000`);
    writeFileSync(join(source, A, "steps.txt"), lines.join("\n") + "\n");
    const r = ingestSource({ source, workers: 0 });
    const run = r.runs.find((x) => x.runId === "track_1_short/A/steps");
    assert.ok(run !== undefined, JSON.stringify(r.warnings));
    assert.equal(run.evals.length, 201);
    assert.equal(run.evals[200].step, 200_000);
  });

  for (const [what, make, message] of [
    [
      "a named pipe",
      (p: string) => execFileSync("mkfifo", [p]),
      "the record table file is a named pipe, not a regular file; not read",
    ],
    [
      "a link to /dev/zero",
      (p: string) => symlinkSync("/dev/zero", p),
      "the record table file is a symbolic link leaving the source tree (to /dev/zero); refused",
    ],
    ["a folder", (p: string) => mkdirSync(p), "the record table file is a folder, not a regular file; not read"],
  ] as const) {
    it(`refuses a record table that is ${what}, naming it, without hanging or growing`, () => {
      const source = checkout(`table-${what.replace(/\W/g, "")}`);
      rmSync(join(source, "RECORDS.md"));
      make(join(source, "README.md"));
      writeFileSync(join(source, "RECORDS.md"), TABLE);
      assert.throws(() => ingestSource({ source, workers: 0 }), {
        message: `${join(source, "README.md")}: ${message}`,
      });
    });
  }

  it(
    "refuses records/ as a link leaving the tree (records -> /var/log read six system logs; -> / walked " +
      "everything)",
    () => {
      for (const target of ["/var/log", "/"]) {
        const source = join(root, `out-${target.length}`);
        mkdirSync(source);
        writeFileSync(join(source, "RECORDS.md"), TABLE);
        symlinkSync(target, join(source, "records"));
        assert.throws(() => ingestSource({ source, workers: 0 }), {
          message:
            `${join(source, "records")}: the records folder is a symbolic link leaving the source tree ` +
            `(to ${target}); refused`,
        });
      }
    },
  );

  it("reports a log nested past PATH_MAX instead of skipping it in silence", () => {
    const source = checkout("deep");
    // 100 levels of 60 characters: 6,000 bytes, past Linux's PATH_MAX of 4,096. Made with relative paths.
    const script =
      "import os\nos.chdir(os.sys.argv[1])\nfor i in range(100):\n  os.mkdir('d'*60); " +
      "os.chdir('d'*60)\nopen('deep.txt','w').write('x')\n";
    execFileSync("python3", ["-c", script, join(source, A)]);
    const r = ingestSource({ source, workers: 0 });
    assert.equal(r.warnings.length, 1);
    assert.equal(r.warnings[0].kind, "path_too_deep");
    assert.match(r.warnings[0].file, /^records\/track_1_short\/A\/(d{60}\/)+d{60}$/);
  });

  it("does not read a log swapped for a link or another file between listing and reading", () => {
    const source = checkout("swap");
    writeFileSync(join(root, "secret.txt"), GOOD.replace("3.2700", "3.1000"));
    const found = findLogs(join(source, "records"), source);
    const path = join(source, A, "good.txt");
    const file = found.files.get(path)!;
    const job = { path: file.open, sourcePath: `${A}/good.txt`, placement, identity: file.identity };
    assert.equal(ingestFile(job).parseWarnings.length, 0);
    renameSync(path, join(source, A, "old"));
    symlinkSync(join(root, "secret.txt"), path);
    assert.deepEqual(
      ingestFile(job).parseWarnings.map((w) => [w.kind, w.message]),
      [["changed_file", "file was replaced by a symbolic link after the folder was listed; not read"]],
    );
    rmSync(path);
    writeFileSync(path, GOOD); // same name and content, another file
    assert.deepEqual(
      ingestFile(job).parseWarnings.map((w) => [w.kind, w.message]),
      [["changed_file", "file was replaced by another after the folder was listed; not read"]],
    );
  });

  it("npm run ingest warns of a --nanochat file with no leaderboard, and refuses a device by what it is", () => {
    const source = checkout("nanochat");
    const passwd = runCli("src/cli/ingest.ts", [
      "--source",
      source,
      "--nanochat",
      "/etc/passwd",
      "--out",
      join(root, "o1"),
    ]);
    assert.equal(passwd.status, 0, passwd.stderr);
    assert.match(
      passwd.stdout,
      /unknown_format: nanochat\/LEADERBOARD\.md: no leaderboard rows in \/etc\/passwd; no nanochat runs read/,
    );
    const zero = runCli("src/cli/ingest.ts", [
      "--source",
      source,
      "--nanochat",
      "/dev/zero",
      "--out",
      join(root, "o2"),
    ]);
    assert.equal(zero.status, 1);
    assert.match(zero.stderr, /\/dev\/zero: the nanochat leaderboard is a device, not a regular file; not read/);
  });
});
