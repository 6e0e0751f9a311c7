import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasetFiles } from "../../src/dataset/datasetFiles";
import { writeFilesAtomically } from "../../src/dataset/writeFilesAtomically";
import { ingestSource, IngestError } from "../../src/ingest/ingestSource";
import { parseLog } from "../../src/ingest/parseLog";
import { SMALL_LOG as GOOD } from "../helpers/smallLog";

describe("bad input", () => {
  it("reports an empty file", () => {
    assert.deepEqual(parseLog("", "e.txt").warnings, [
      { kind: "empty_file", file: "e.txt", line: null, message: "file is empty" },
    ]);
  });

  it("reports a binary file", () => {
    const w = parseLog("PK\u0003\u0004\u0000\u0000garbage", "b.txt").warnings;
    assert.deepEqual(
      w.map((x) => x.kind),
      ["binary_file"],
    );
  });

  it("reports a file of unknown format", () => {
    const w = parseLog("hello\nworld\n", "u.txt").warnings;
    assert.deepEqual(
      w.map((x) => [x.kind, x.message]),
      [["unknown_format", "no `step:N/M val_loss:` or llm.c `s:N tel:` lines"]],
    );
  });

  it("reports a truncated log whose last evaluation is before the declared step count", () => {
    const text = GOOD.split("\n").slice(0, 4).join("\n") + "\nstep:130/250 train_time:1";
    const w = parseLog(text, "t.txt").warnings;
    assert.deepEqual(
      w.map((x) => [x.kind, x.line]),
      [["truncated_file", 5]],
    );
    assert.match(w[0].message, /last val_loss at step 125 of 250/);
  });

  it("reports NaN and inf losses by line and flags the run", () => {
    const text =
      GOOD.replace("val_loss:4.2000", "val_loss:nan") + "\nstep:251/250 train_loss:inf train_time:1ms step_avg:1ms";
    const log = parseLog(text, "n.txt");
    assert.deepEqual(
      log.warnings.map((x) => [x.kind, x.line, x.message]),
      [
        ["nonfinite_loss", 4, "val loss nan at step 125"],
        ["nonfinite_loss", 6, "train loss inf at step 251"],
      ],
    );
    assert.equal(log.sawNonFiniteLoss, true);
  });

  it("reports a step evaluated twice with different losses, keeping the first", () => {
    const text = GOOD + "\nstep:250/250 val_loss:3.2800 train_time:201ms step_avg:1ms";
    const log = parseLog(text, "d.txt");
    assert.deepEqual(
      log.warnings.map((x) => [x.kind, x.line]),
      [["duplicate_step", 6]],
    );
    assert.equal(log.evals[log.evals.length - 1].valLoss, 3.27);
  });

  it("reports and drops an out-of-order step", () => {
    const lines = GOOD.split("\n");
    const text = [...lines.slice(0, 4), "step:100/250 val_loss:4.5000 train_time:90ms step_avg:1ms", lines[4]].join(
      "\n",
    );
    const log = parseLog(text, "o.txt");
    assert.deepEqual(
      log.warnings.map((x) => [x.kind, x.line]),
      [["out_of_order_step", 5]],
    );
    assert.deepEqual(
      log.evals.map((e) => e.step),
      [0, 125, 250],
    );
  });

  it("reports an unreadable step line", () => {
    const w = parseLog("step:12x/250 val_loss:3 train_time:1ms\n" + GOOD, "m.txt").warnings;
    assert.deepEqual(
      w.map((x) => [x.kind, x.line]),
      [["malformed_line", 1]],
    );
  });

  describe("a whole checkout with every kind of bad input", () => {
    let dir = "";
    const table = [
      "## Track 1: GPT-2 Small (124M)",
      "",
      "| # | Record time | Description | Date | Log | Contributors |",
      "| - | - | - | - | - | - |",
      "1 | 10 minutes | good | 05/28/24 | [log](records/track_1_short/A/good.txt) | @a",
      "2 | soon | unreadable time | 06/06/24 | [log](records/track_1_short/B/x.txt) | @b",
      "3 | 9 minutes | diverged | 06/07/24 | [log](records/track_1_short/C) | @c",
      "",
    ].join("\n");
    const write = (rel: string, text: string | Buffer): void => {
      const p = join(dir, rel);
      mkdirSync(join(p, ".."), { recursive: true });
      writeFileSync(p, text);
    };
    before(() => {
      dir = mkdtempSync(join(tmpdir(), "ingest-bad-"));
      write("RECORDS.md", table);
      write("records/track_1_short/A/good.txt", GOOD);
      write("records/track_1_short/A/empty.txt", "");
      write("records/track_1_short/A/binary.log", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
      write("records/track_1_short/A/unknown.txt", "just some notes\n");
      write("records/track_1_short/C/div.txt", GOOD.replace("val_loss:3.2700", "val_loss:7.5000"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("keeps going, counts each kind with file and line, and keeps the diverged run flagged", () => {
      const r = ingestSource({ source: dir });
      assert.deepEqual(
        r.warnings.map((w) => [w.kind, w.file, w.line]),
        [
          ["bad_table_row", "RECORDS.md", 6],
          ["binary_file", "records/track_1_short/A/binary.log", null],
          ["empty_file", "records/track_1_short/A/empty.txt", null],
          ["unknown_format", "records/track_1_short/A/unknown.txt", null],
          ["diverged_run", "records/track_1_short/C/div.txt", 5],
        ],
      );
      assert.equal(r.filesRead, 5);
      const div = r.runs.find((x) => x.runId === "track_1_short/C/div");
      assert.equal(div?.status, "diverged");
      assert.equal(div?.diverged, true);
      assert.equal(r.runs.find((x) => x.runId === "track_1_short/A/good")?.status, "reached_target");
    });

    it("stops at the first bad input with --strict, naming kind, file and line", () => {
      assert.throws(
        () => ingestSource({ source: dir, strict: true }),
        (err: unknown) =>
          err instanceof IngestError &&
          err.message ===
            "bad_table_row: RECORDS.md:6: record time not readable (soon): 2 | soon | unreadable time | " +
              "06/06/24 | [log](records/track_1_short/B/x.txt) | @b",
      );
    });

    it("leaves the previous dataset intact when writing fails", () => {
      const out = join(dir, "out", "speedrun");
      const files = datasetFiles(ingestSource({ source: dir }));
      writeFilesAtomically(out, files);
      const before = readFileSync(join(out, "runs.csv"), "utf8");
      const broken = new Map([
        ["runs.csv", "new,content\n"],
        ["../escape.csv", "x"],
      ]);
      assert.throws(() => writeFilesAtomically(out, broken), /invalid output file name: \.\.\/escape\.csv/);
      assert.equal(readFileSync(join(out, "runs.csv"), "utf8"), before);
    });
  });
});
