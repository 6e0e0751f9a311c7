import assert from "node:assert/strict";
import { assignRoles } from "../../src/ingest/assignRoles";
import type { RecordRow } from "../../src/types";

const row = (track: "track1" | "track2", record: number, rowIndex: number, logPaths: string[]): RecordRow => ({
  track,
  record,
  rowIndex,
  date: null,
  timeS: 60,
  description: "",
  logPaths,
  contributors: "",
  source: "t:1",
});

describe("assignRoles", () => {
  const rows = [
    row("track1", 14, 13, ["records/track_1_short/2024-12-04_ValueEmbed"]),
    row("track1", 30, 32, ["records/track_1_short/2025-09-05_SkipMLPBlocks/07e7.txt"]),
    row("track1", 85, 90, ["records/track_1_short/2026-05-27-MuddGatedAndDC"]),
    row("track1", 53, 55, ["records/track_1_short/2025-12-22_MultiTokenPrediction/17aa.txt"]),
    row("track2", 1, 0, ["records/track_2_medium/2025-01-18/main.log"]),
    row("track2", 2, 1, ["records/track_2_medium/2025-01-18/241d.txt"]),
  ];
  const paths = [
    "records/track_1_short/2024-12-04_ValueEmbed/a.txt",
    "records/track_1_short/2025-09-05_SkipMLPBlocks/07e7.txt",
    "records/track_1_short/2025-09-05_SkipMLPBlocks/other.txt",
    "records/track_1_short/2026-05-27-MuddGatedAndDC/this_pr_v1/b.txt",
    "records/track_1_short/2026-05-27-MuddGatedAndDC/xsa-baseline-s1335/c.txt",
    "records/track_1_short/2025-12-22_MultiTokenPrediction/extra/d.txt",
    "records/track_1_short/2024-10-20_ScaleUp1B/e.txt",
    "records/track_2_medium/2025-01-18/main.log",
    "records/track_2_medium/2025-01-18/241d.txt",
    "records/track_2_medium/2025-01-18/f.txt",
  ];
  const placed = assignRoles(rows, paths);
  const get = (p: string): [number | null, string] => {
    const x = placed.get(p);
    assert.ok(x !== undefined, p);
    return [x.row?.record ?? null, x.role];
  };

  it("makes runs in a linked folder record runs", () => assert.deepEqual(get(paths[0]), [14, "record"]));
  it("makes the linked log the record run and its unlinked siblings reruns", () => {
    assert.deepEqual(get(paths[1]), [30, "record"]);
    assert.deepEqual(get(paths[2]), [30, "rerun"]);
  });
  it("tells baselines apart from the record's runs by sub-folder name", () => {
    assert.deepEqual(get(paths[3]), [85, "record"]);
    assert.deepEqual(get(paths[4]), [85, "baseline"]);
  });
  it("makes an extra/ sub-folder an ablation", () => assert.deepEqual(get(paths[5]), [53, "ablation"]));
  it("gives the unlinked ScaleUp1B folder the scaleup role and no record", () =>
    assert.deepEqual(get(paths[6]), [null, "scaleup"]));
  it("splits track 2's shared 2025-01-18 folder between the llm.c row and the speedrun row", () => {
    assert.deepEqual(get(paths[7]), [1, "record"]);
    assert.deepEqual(get(paths[8]), [2, "record"]);
    assert.deepEqual(get(paths[9]), [2, "rerun"]);
  });
});
