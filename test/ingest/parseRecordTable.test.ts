import assert from "node:assert/strict";
import { parseRecordTables } from "../../src/ingest/parseRecordTable";

// Rows copied from the README.md of the modded-nanogpt clone (../shared/upstream/modded-nanogpt).
const TABLE =
  `## Track 1: GPT-2 Small (124M), target 3.28 val loss on FineWeb, 8xH100

| # | Record time | Description | Date | Log | Contributors |
| - | - | - | - | - | - |
1 | 45 minutes | [llm.c baseline](https://github.com/karpathy/llm.c/discussions/481) | 05/28/24 | ` +
  `[log](records/track_1_short/2024-10-13_llmc/main.log) | @karpathy, llm.c contributors
3 | 24.9 minutes | [Introduced the Muon optimizer](https://x.com/kellerjordan0/status/1842300916864844014) | ` +
  `10/04/24 | none | @kellerjordan0, @jxbz
14 | 4.41 minutes | [Value Embeddings](https://x.com/KoszarskyB/status/1864746625572257852) | 12/04/24 | ` +
  `[log](records/track_1_short/2024-12-04_ValueEmbed) | @KoszarskyB
21 | 2.933 minutes | [Reduced batch size](https://x.com/leloykun/status/1885640350368420160) | 01/26/25 | ` +
  `[log](records/track_1_short/2025-01-26_BatchSize/c44090cc-1b99-4c95-8624-38fb4b5834f9.txt) | @leloykun
21 | 2.997 minutes | 21st record with new timing | 02/01/25 | ` +
  `[log](records/track_1_short/2025-02-01_RuleTweak/eff63a8c-2f7e-4fc5-97ce-7f600dae0bc7.txt) | not a new ` +
  `record, just re-timing #21 with the [updated rules](#timing-change-after-record-21)
27 | 2.817 minutes | Transpose one of the MLP matrices + add Triton kernel for symmetric matmul | 07/18/25 | ` +
  `[log](records/track_1_short/2025-07-18_TritonMuon/record.txt),[PR](https://github.com/KellerJordan/modded-` +
  `nanogpt/pull/109) | @byronxu99
66 | 1.595 minutes | Torch 2.10 | 01/31/26 | - | -

## Track 2: GPT-2 Medium (350M), target 2.92 val loss on FineWeb, 8xH100

| # | Record time | Description | Date | Log | Contributors |
| - | - | - | - | - | - |
1 | 5.8 hours | [llm.c baseline (350M parameters)](https://github.com/karpathy/llm.c/discussions/481) | ` +
  `05/28/24 | [log](records/track_2_medium/2025-01-18/main.log) | @karpathy, llm.c contributors
6 | 25.95 minutes* | [2x MLP wd, qkv norm, all_reduce/opt.step() overlap, optimized skip ` +
  `pattern](https://x.com/YouJiacheng/status/1905861218138804534) | 03/25/25 | ` +
  `[log](records/track_2_medium/2025-03-25_ArchOptTweaks/train_gpt-20250329.txt) | @YouJiacheng
11 | 23.45 minutes | Upgrade from torch 2.7 to torch==2.10.0.dev20251210+cu126 | - | - | -
`;

describe("parseRecordTables", () => {
  const { rows, warnings } = parseRecordTables(TABLE, "RECORDS.md");

  it("reads both tracks and keeps the repeated record 21 rows apart by row index", () => {
    assert.deepEqual(
      rows.map((r) => [r.track, r.record, r.rowIndex]),
      [
        ["track1", 1, 0],
        ["track1", 3, 1],
        ["track1", 14, 2],
        ["track1", 21, 3],
        ["track1", 21, 4],
        ["track1", 27, 5],
        ["track1", 66, 6],
        ["track2", 1, 0],
        ["track2", 6, 1],
        ["track2", 11, 2],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it("converts minutes and hours to seconds and drops the * marker", () => {
    assert.deepEqual(
      rows.map((r) => r.timeS),
      [2700, 1494, 264.6, 175.98, 179.82, 169.02, 95.7, 20880, 1557, 1407],
    );
  });

  it("reads US dates as ISO and a dash as null", () => {
    assert.equal(rows[0].date, "2024-05-28");
    assert.equal(rows[3].date, "2025-01-26");
    assert.equal(rows[9].date, null);
  });

  it("keeps every log link into records/ (files and folders) and drops PR links", () => {
    assert.deepEqual(rows[2].logPaths, ["records/track_1_short/2024-12-04_ValueEmbed"]);
    assert.deepEqual(rows[5].logPaths, ["records/track_1_short/2025-07-18_TritonMuon/record.txt"]);
    assert.deepEqual(rows[1].logPaths, []);
    assert.deepEqual(rows[6].logPaths, []);
  });

  it("keeps the description's link text and the contributors verbatim, with the source line", () => {
    assert.equal(rows[0].description, "llm.c baseline");
    assert.equal(
      rows[4].contributors,
      "not a new record, just re-timing #21 with the [updated rules](#timing-change-after-record-21)",
    );
    assert.equal(rows[0].source, "RECORDS.md:5");
  });

  it("reports a row that does not parse with file and line, and keeps going", () => {
    const bad = TABLE.replace("| 24.9 minutes |", "| about 25 minutes |");
    const parsed = parseRecordTables(bad, "README.md");
    assert.equal(parsed.rows.length, rows.length - 1);
    assert.deepEqual(
      parsed.warnings.map((w) => [w.kind, w.file, w.line]),
      [["bad_table_row", "README.md", 6]],
    );
    assert.match(parsed.warnings[0].message, /^record time not readable \(about 25 minutes\)/);
  });

  it(
    "warns of a row with the wrong number of cells instead of joining the extra ones into contributors " + "(issue 21)",
    () => {
      const head = "| # | Record time | Description | Date | Log | Contributors |\n| - | - | - | - | - | - |\n";
      const text =
        head +
        "1 | 3 minutes | d | 05/28/24 | [log](records/x) | @a | b | c | d | e\n2 | 2 minutes | e | 05/29/24 | " +
        "none | @b\n";
      const parsed = parseRecordTables(text, "README.md");
      assert.deepEqual(
        parsed.rows.map((r) => r.record),
        [2],
      );
      assert.deepEqual(
        parsed.warnings.map((w) => [w.kind, w.line, w.message.split(":")[0]]),
        [["bad_table_row", 3, "expected 6 cells, found 10"]],
      );
    },
  );

  it("keeps a URL's closing parenthesis inside the link: the text is the link text alone (issue 21)", () => {
    const head = "| # | Record time | Description | Date | Log | Contributors |\n| - | - | - | - | - | - |\n";
    const text = head + "1 | 3 minutes | [a](https://e.com/x_(y)) | 05/28/24 | [log](records/x_(1)) | @a\n";
    const parsed = parseRecordTables(text, "README.md");
    assert.equal(parsed.rows[0].description, "a");
    assert.deepEqual(parsed.rows[0].logPaths, ["records/x_(1)"]);
  });
});
