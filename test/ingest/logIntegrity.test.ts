import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingestSource } from "../../src/ingest/ingestSource";
import { findDuplicateLogs, findMissingLinks } from "../../src/ingest/logIntegrity";
import type { RecordRow } from "../../src/types";

const row = (record: number, rowIndex: number, logPaths: string[]): RecordRow => ({
  track: "track1",
  record,
  rowIndex,
  date: "2024-11-0" + record,
  timeS: 600,
  description: `record ${record}`,
  logPaths,
  contributors: "",
  source: `README.md:${10 + rowIndex}`,
});

describe("logIntegrity: duplicate logs and missing links", () => {
  it("keeps a byte-identical log under the row whose link names it, whatever the path order", () => {
    const rows = [row(8, 7, ["records/track_1_short/b/x.txt"]), row(9, 8, ["records/track_1_short/a/y.txt"])];
    const hashes = new Map([
      ["records/track_1_short/a/x.txt", "h1"],
      ["records/track_1_short/b/x.txt", "h1"],
      ["records/track_1_short/a/y.txt", "h2"],
    ]);
    const { drop, issues } = findDuplicateLogs(hashes, rows);
    assert.deepEqual([...drop], ["records/track_1_short/a/x.txt"]);
    assert.equal(issues.length, 1);
    assert.equal(
      issues[0].detail,
      "byte-identical to records/track_1_short/b/x.txt (sha256 h1); kept once, under the row that links it, " +
        "track1 record 8 (README.md:17)",
    );
  });

  it("lists a missing linked file and a row with no link; a linked folder with files is present", () => {
    const rows = [
      row(1, 0, ["records/track_1_short/a/gone.txt"]),
      row(2, 1, []),
      row(3, 2, ["records/track_1_short/c"]),
    ];
    const issues = findMissingLinks(rows, ["records/track_1_short/c/run.txt"]);
    assert.deepEqual(
      issues.map((i) => [i.kind, i.path]),
      [
        ["missing_linked_log", "records/track_1_short/a/gone.txt"],
        ["no_log_link", ""],
      ],
    );
  });

  it("drops the copy from an ingested fixture tree and reports it", () => {
    const dir = mkdtempSync(join(tmpdir(), "dup-"));
    try {
      // Over 4 KiB, so that `near.txt` (one letter of its script changed) has the copies' size and last 4 KiB: the
      // duplicate check's fingerprint (loadRun.tailKey) matches, and the whole-file SHA-256 tells them apart.
      const log = (loss: number, code = "code") =>
        [
          "====",
          code,
          ..."# padding line\n".repeat(400).split("\n"),
          "====",
          `step:0/2 val_loss:10.0000 train_time:0ms step_avg:nanms`,
          `step:2/2 val_loss:${loss.toFixed(4)} train_time:1000ms step_avg:500.00ms`,
          "",
        ].join("\n");
      mkdirSync(join(dir, "records/track_1_short/2024-11-03_A"), { recursive: true });
      mkdirSync(join(dir, "records/track_1_short/2024-11-06_B"), { recursive: true });
      writeFileSync(join(dir, "records/track_1_short/2024-11-03_A/same.txt"), log(3.27));
      writeFileSync(join(dir, "records/track_1_short/2024-11-06_B/same.txt"), log(3.27));
      writeFileSync(join(dir, "records/track_1_short/2024-11-06_B/own.txt"), log(3.25));
      writeFileSync(join(dir, "records/track_1_short/2024-11-06_B/near.txt"), log(3.27, "cope"));
      writeFileSync(
        join(dir, "README.md"),
        [
          "| # | Record time | Description | Date | Log | Contributors |",
          "| - | - | - | - | - | - |",
          "1 | 10 minutes | A | 11/03/24 | [log](records/track_1_short/2024-11-03_A/same.txt) | @a",
          "2 | 8 minutes | B | 11/06/24 | [log](records/track_1_short/2024-11-06_B/own.txt) | @b",
          "",
        ].join("\n"),
      );
      const result = ingestSource({ source: dir, workers: 0 });
      assert.equal(result.filesRead, 4);
      assert.deepEqual(result.runs.map((r) => `${r.runId} ${r.record} ${r.role}`).sort(), [
        "track_1_short/2024-11-03_A/same 1 record",
        "track_1_short/2024-11-06_B/near 2 rerun",
        "track_1_short/2024-11-06_B/own 2 record",
      ]);
      assert.deepEqual(
        result.issues.map((i) => `${i.kind} ${i.path}`),
        ["duplicate_log records/track_1_short/2024-11-06_B/same.txt"],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
