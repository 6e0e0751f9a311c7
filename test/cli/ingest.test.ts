import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { TSX_NODE_ARGS } from "../helpers/cli";

const ROOT = resolve(__dirname, "..", "..");

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...TSX_NODE_ARGS, join(ROOT, "src", "cli", "ingest.ts"), ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run ingest (src/cli/ingest.ts)", function () {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ingest-cli-"));
    mkdirSync(join(dir, "src", "records", "track_1_short", "A"), { recursive: true });
    writeFileSync(
      join(dir, "src", "README.md"),
      "| # | Record time | Description | Date | Log | Contributors |\n| - | - | - | - | - | - |\n" +
        "1 | 10 minutes | good | 05/28/24 | [log](records/track_1_short/A/good.txt) | @a\n",
    );
    writeFileSync(
      join(dir, "src", "records", "track_1_short", "A", "good.txt"),
      "    batch_size = 8*64*1024 # batch size in tokens\nstep:0/10 val_loss:10.9 train_time:0ms " +
        "step_avg:nanms\nstep:10/10 val_loss:3.1 train_time:5ms step_avg:1ms\n",
    );
    writeFileSync(join(dir, "src", "records", "track_1_short", "A", "empty.txt"), "");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the dataset and ends with a summary of files, runs per track and warnings by kind", () => {
    const out = join(dir, "out");
    const r = runCli(["--source", join(dir, "src"), "--no-nanochat", "--out", out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ingest: read 2 log files from .* in [0-9.]+ s; wrote /m);
    assert.match(r.stdout, /^runs per track: track1 1; record rows: 1$/m);
    assert.match(
      r.stdout,
      /^warnings empty_file: 1\n {2}empty_file: records\/track_1_short\/A\/empty\.txt: file is empty$/m,
    );
    assert.ok(existsSync(join(out, "runs.csv")));
    assert.match(readFileSync(join(out, "runs.csv"), "utf8"), /\ntrack_1_short\/A\/good,track1,1,record,/);
  });

  it("stops with --strict at the first bad input, exit code 1, and leaves the previous output as it was", () => {
    const out = join(dir, "out");
    const before = readFileSync(join(out, "runs.csv"), "utf8");
    const r = runCli(["--source", join(dir, "src"), "--no-nanochat", "--out", out, "--strict"]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /ingest --strict stopped: empty_file: records\/track_1_short\/A\/empty\.txt: file is empty/);
    assert.equal(readFileSync(join(out, "runs.csv"), "utf8"), before);
  });

  it("names an unknown option, prints the usage and exits 2", () => {
    const r = runCli(["--sorce", "x"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^Unknown option '--sorce'\n\nusage: npm run ingest -- \[options\]\n/);
  });
});
