// Item 10 of issue 12: a corrupt loss value is its own warning and does not make a run diverged; a final -inf loss is
// a diverged run, not a truncated file; terminal output escapes control characters in file names and values.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRun } from "../../src/ingest/buildRun";
import { parseLog } from "../../src/ingest/parseLog";
import { terminalText } from "../../src/terminalText";
import { hashTree, runCli } from "../helpers/cli";

const HEAD = [
  "    batch_size : int = 8*64 # batch size, in sequences, across all devices",
  "    sequence_length : int = 1024 # sequence length, in tokens",
];
const ctx = {
  track: "track1" as const,
  record: 1,
  recordRow: 0,
  role: "record" as const,
  rule: "",
  date: "2024-05-28",
  sourcePath: "records/track_1_short/A/x.txt",
};

describe("loss labels and terminal text", () => {
  it("reports a corrupt loss value as corrupt_loss and keeps the run's status", () => {
    const text = [
      ...HEAD,
      "step:0/250 val_loss:10.8258 train_time:0ms step_avg:nanms",
      "step:125/250 val_loss:4.2x00 train_time:100ms step_avg:1ms",
      "step:250/250 val_loss:3.2700 train_time:200ms step_avg:1ms",
    ].join("\n");
    const log = parseLog(text, "c.txt");
    assert.deepEqual(
      log.warnings.map((w) => [w.kind, w.line, w.message]),
      [["corrupt_loss", 4, 'val loss "4.2x00" at step 125 is not a number; dropped']],
    );
    assert.equal(log.sawNonFiniteLoss, false);
    const built = buildRun(log, ctx as never);
    assert.equal(built.run.diverged, false);
    assert.equal(built.run.status, "reached_target");
    assert.deepEqual(built.warnings, []);
  });

  it("reports a final -inf loss as a diverged run, not a truncated file", () => {
    const text = [
      ...HEAD,
      "step:0/250 val_loss:10.8258 train_time:0ms step_avg:nanms",
      "step:125/250 val_loss:4.2000 train_time:100ms step_avg:1ms",
      "step:250/250 val_loss:-inf train_time:200ms step_avg:1ms",
    ].join("\n");
    const log = parseLog(text, "i.txt");
    assert.deepEqual(
      log.warnings.map((w) => [w.kind, w.line, w.message]),
      [["nonfinite_loss", 5, "val loss -inf at step 250"]],
    );
    const built = buildRun(log, ctx as never);
    assert.equal(built.run.status, "diverged");
    assert.deepEqual(
      built.warnings.map((w) => w.kind),
      ["diverged_run"],
    );
  });

  it("still reports a log cut off in its last value as truncated", () => {
    const text = [
      ...HEAD,
      "step:0/250 val_loss:10.8258 train_time:0ms step_avg:nanms",
      "step:125/250 val_loss:4.2000 train_time:100ms step_avg:1ms",
      "step:250/250 val_loss:",
    ].join("\n");
    assert.deepEqual(
      parseLog(text, "t.txt").warnings.map((w) => w.kind),
      ["malformed_line", "truncated_file"],
    );
  });

  it("escapes control characters, escape sequences, newlines and bidi overrides for the terminal", () => {
    assert.equal(
      terminalText("a\x1b[31mred\x1b[0m\nforged: line\r\x07\u202egnp.txt"),
      "a\\e[31mred\\e[0m\\nforged: line\\r\\x07\\u202egnp.txt",
    );
    assert.equal(terminalText("two\nlines\x1b", { keepNewlines: true }), "two\nlines\\e");
  });

  it("npm run ingest prints a file name holding an escape code and a newline escaped, forging no summary line", () => {
    const root = mkdtempSync(join(tmpdir(), "ingest-names-"));
    try {
      const dir = join(root, "src", "records", "track_1_short", "A");
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(root, "src", "README.md"),
        "| # | Record time | Description | Date | Log | Contributors |\n| - | - | - | - | - | - |\n1 | 10 " +
          "minutes | good | 05/28/24 | [log](records/track_1_short/A) | @a\n",
      );
      writeFileSync(
        join(dir, "good.txt"),
        "    batch_size = 8*64*1024 # batch size in tokens\nstep:0/10 val_loss:10.9 train_time:0ms " +
          "step_avg:nanms\nstep:10/10 val_loss:3.1 train_time:5ms step_avg:1ms\n",
      );
      writeFileSync(join(dir, "\x1b[2Kx\nwarnings: none.txt"), "");
      const before = hashTree(root, ["out"]);
      const r = runCli("src/cli/ingest.ts", [
        "--source",
        join(root, "src"),
        "--no-nanochat",
        "--out",
        join(root, "out"),
      ]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(!r.stdout.includes("\x1b"), "no raw escape in the output");
      assert.ok(!/^warnings: none/m.test(r.stdout), "no forged summary line");
      assert.match(
        r.stdout,
        /^ {2}empty_file: records\/track_1_short\/A\/\\e\[2Kx\\nwarnings: none\.txt: file is empty$/m,
      );
      assert.equal(hashTree(root, ["out"]), before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
