import { strict as assert } from "node:assert";
import { loadDataset } from "../../src/dataset/loadDataset";
import { logFormatEras } from "../../src/dataset/logFormatEras";
import type { Run } from "../../src/types";

const run = (over: Partial<Run>): Run =>
  ({
    track: "track1",
    format: "modded_nanogpt",
    tokenSchedule: "constant",
    tokensPerStep: "constant 524288 = x",
    date: "2024-10-11",
    recordRow: 3,
    ...over,
  }) as Run;

describe("logFormatEras", () => {
  it("groups runs by format, schedule and constant tokens per step, with their date range and record rows", () => {
    const eras = logFormatEras([
      run({ date: "2024-11-01", recordRow: 4 }),
      run({ date: "2024-10-11" }),
      run({ tokensPerStep: "constant 393216 = y", date: "2025-01-26", recordRow: 20 }),
      run({ format: "llmc_cuda", tokensPerStep: "constant 524288 (llm.c)", date: "2024-05-28", recordRow: 0 }),
      run({
        tokenSchedule: "stage_schedule",
        tokensPerStep: "stage schedule 131072@[0,425)",
        date: "2026-01-30",
        recordRow: 70,
      }),
      run({ date: null }),
      run({ track: "track2", date: "2025-01-18", recordRow: 1 }),
    ]);
    assert.deepEqual(
      eras.map((e) => [
        e.track,
        e.format,
        e.tokenSchedule,
        e.tokensPerStep,
        e.firstDate,
        e.lastDate,
        e.runs,
        e.recordRows,
      ]),
      [
        ["track1", "llmc_cuda", "constant", 524288, "2024-05-28", "2024-05-28", 1, 1],
        ["track1", "modded_nanogpt", "constant", 524288, "2024-10-11", "2024-11-01", 2, 2],
        ["track1", "modded_nanogpt", "constant", 393216, "2025-01-26", "2025-01-26", 1, 1],
        ["track1", "modded_nanogpt", "stage_schedule", null, "2026-01-30", "2026-01-30", 1, 1],
        ["track2", "modded_nanogpt", "constant", 524288, "2025-01-18", "2025-01-18", 1, 1],
      ],
    );
  });

  it(
    "finds the eras FACTS.md describes in the embedded dataset (524,288 then 393,216 then 262,144 tokens per " +
      "step)",
    () => {
      const t1 = logFormatEras(loadDataset().runs).filter((e) => e.track === "track1" && e.format === "modded_nanogpt");
      assert.deepEqual(
        t1.map((e) => (e.tokenSchedule === "constant" ? e.tokensPerStep : e.tokenSchedule)),
        [524288, 393216, 262144, "index_schedule", "stage_schedule"],
      );
      assert.equal(t1[1].firstDate, "2025-01-26");
      assert.equal(t1[4].firstDate, "2026-01-30");
    },
  );
});
