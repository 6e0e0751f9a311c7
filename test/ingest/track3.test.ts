// Track 3 (the optimization benchmark) and the record-defect rules, on lines copied verbatim from the full clone
// (../shared/upstream/modded-nanogpt: records/track_3_optimization/README.md and results/*.txt, README.md).
import assert from "node:assert/strict";
import { createLogParser, parseLog } from "../../src/ingest/parseLog";
import { parseOptimizationTable, parseRecordTables } from "../../src/ingest/parseRecordTable";
import { findSelectedRuns, printedScript, printedScriptBefore, scriptDistance } from "../../src/ingest/recordDefects";
import type { RecordRow, Run } from "../../src/types";

const TRACK3_TABLE =
  `## Notable results history

| # | Steps to 3.28 | Evidence | Description | Date | Log | Contributors |
| - | - | - | - | - | - | - |
| 1 | 3600(!) | 3.2777 (n=1)Ⓧ | [Muon](https://kellerjordan.github.io/posts/muon/) with aux Adam, lr=.02 wd=.01 ` +
  `| 2026/04/26 | [log](results/7b8270c5-a9cd-4a73-b7d8-5d86a2d1e428.txt) | ` +
  `[@kellerjordan0](https://x.com/kellerjordan0) |
| 6 | 3375 | 3.2788 (n=20)✓ | Muon with aux Adam, lr=.025 wd=.025 | 2026/05/01 | ` +
  `[log](results/51ece938-03c5-4343-8dcc-3f3336b07008.txt) | ` +
  `[PR](https://github.com/KellerJordan/modded-nanogpt/pull/271) by [@nilin](https://github.com/nilin) and ` +
  `[@alint77](https://github.com/alint77) |
| 32 | 3000 | 3.2778 (n=9)✓ | Setup from #20, plus a SODA-style hidden-matrix anchor correction toward ` +
  `initialization, faded out with a cosine schedule from step 2000 to 2750 | 2026/05/18 | ` +
  `[log](results/20260518_soda_fade_3000_n9/README.md) | ` +
  `[PR](https://github.com/KellerJordan/modded-nanogpt/pull/303) by [@wakamex](https://github.com/wakamex) |
| 7 | 33x5 | 3.2752 (n=1)✓ | broken | 2026/04/29 | - | - |

Notes:
`;

describe("track 3: the optimization benchmark's table", () => {
  const { rows, warnings } = parseOptimizationTable(TRACK3_TABLE, "records/track_3_optimization/README.md");

  it("parses steps, the new-record mark and the evidence cell (mean loss, n runs, significance mark)", () => {
    assert.deepEqual(
      rows.map((r) => [r.track, r.record, r.rowIndex, r.date, r.timeS, r.evidence]),
      [
        [
          "track3",
          1,
          0,
          "2026-04-26",
          null,
          { steps: 3600, newRecord: true, meanLoss: 3.2777, nRuns: 1, mark: "not_significant" },
        ],
        [
          "track3",
          6,
          1,
          "2026-05-01",
          null,
          { steps: 3375, newRecord: false, meanLoss: 3.2788, nRuns: 20, mark: "significant" },
        ],
        [
          "track3",
          32,
          2,
          "2026-05-18",
          null,
          { steps: 3000, newRecord: false, meanLoss: 3.2778, nRuns: 9, mark: "significant" },
        ],
      ],
    );
  });

  it("makes log links relative to the checkout; a link to a folder's README.md stands for the folder", () => {
    assert.deepEqual(
      rows.map((r) => r.logPaths),
      [
        ["records/track_3_optimization/results/7b8270c5-a9cd-4a73-b7d8-5d86a2d1e428.txt"],
        ["records/track_3_optimization/results/51ece938-03c5-4343-8dcc-3f3336b07008.txt"],
        ["records/track_3_optimization/results/20260518_soda_fade_3000_n9"],
      ],
    );
  });

  it("names file, line and value of a row it cannot read", () => {
    assert.deepEqual(
      warnings.map((w) => [w.kind, w.file, w.line, w.message.split(":")[0]]),
      [["bad_table_row", "records/track_3_optimization/README.md", 8, "steps not readable (33x5)"]],
    );
  });

  it("does not take the `---` rule after track 2's table for a row", () => {
    const t = parseRecordTables(
      "## Speedrun track 2: GPT-2 Medium\n\n| # | Record time | Description | Date | Log | Contributors |\n| - " +
        "| - | - | - | - | - |\n" +
        "17 | 22.98 minutes | Remove Redundant Mask Op | 11/12/25 | " +
        "[log](records/track_2_medium/2025-11-12_BlockMaskRedundantOp/000_3b22a9d4-b52e-4916-99bf-" +
        "3d48b38747a7.txt) | @manikbhandari\n" +
        "---\n\n### Q: What is the point of NanoGPT speedrunning?\n",
      "README.md",
    );
    assert.deepEqual([t.rows.length, t.warnings], [1, []]);
  });
});

describe("track 3 logs", () => {
  it("reads train_time in seconds (track 3's scripts print `22.151s`)", () => {
    const log = parseLog(
      "step:0/3600 val_loss:10.82584 train_time:0.000s step_avg:0.37ms\nstep:125/3600 val_loss:4.60783 " +
        "train_time:22.151s step_avg:177.21ms\n",
      "x.txt",
    );
    assert.deepEqual(
      log.evals.map((e) => e.trainTimeMs),
      [0, 22151],
    );
  });

  it("starts a new run where a file prints the next run of its script (step 0 again), with no warning", () => {
    const text = [
      "step:0/250 val_loss:10.82584 train_time:0.000s step_avg:nanms",
      "step:250/250 val_loss:3.27874 train_time:496.855s step_avg:146.79ms",
      "trial:2/20 seed:1",
      "step:0/250 val_loss:10.82584 train_time:0.002s step_avg:nanms",
      "step:125/250 val_loss:4.69112 train_time:18.442s step_avg:147.54ms",
      "step:250/250 val_loss:3.2799 train_time:36.840s step_avg:147.19ms",
    ].join("\n");
    const log = parseLog(text, "r.txt");
    assert.deepEqual([log.runStarts, log.evals.length, log.warnings], [[0, 2], 5, []]);
  });
});

describe("record defects found by rules", () => {
  it("measures changed lines between printed scripts (the lines before the first ===== rule)", () => {
    const a = printedScript("import os\nlr = 0.02\n\nwd = 0.01\n" + "=".repeat(100) + "\nstep:0/10 val_loss:1\n");
    assert.deepEqual(a, ["import os", "lr = 0.02", "wd = 0.01"]);
    assert.equal(scriptDistance(a ?? [], ["import os", "lr = 0.03", "wd = 0.01", "x = 1"]), 2);
    assert.equal(printedScript("step:0/10 val_loss:1\n"), null);
  });

  it("finds where the printed script ends as it parses, so only that head is read again", () => {
    const rule = "=".repeat(100);
    const text = `import os\r\nlr = 0.02  \n\n${"x = 1\n".repeat(20000)}${rule}\nstep:0/10 val_loss:1\n${rule}\n`;
    const parser = createLogParser("r.txt"); // fed in pieces, as loadRun does: the rule is in the second
    const cut = text.indexOf("\n", 70000) + 1;
    parser.feed(text.slice(0, cut));
    parser.feed(text.slice(cut));
    const chars = parser.finish().scriptChars;
    assert.equal(chars, text.indexOf(rule));
    assert.equal(parseLog(text, "r.txt").scriptChars, chars);
    assert.deepEqual(printedScriptBefore(text.slice(0, chars ?? 0)), printedScript(text));
    assert.equal(printedScript(text)?.[1], "lr = 0.02");
    assert.equal(parseLog(`${rule}\nimport os\n`, "r.txt").scriptChars, 0);
    assert.equal(printedScriptBefore(""), null); // a rule on the first line: no script
    assert.equal(parseLog("step:0/10 val_loss:1\n", "r.txt").scriptChars, null);
  });

  it("flags a row whose linked run reaches the target while most of its runs miss it, and no other", () => {
    const row = { track: "track1", record: 9, rowIndex: 8, source: "README.md:122" } as RecordRow;
    const run = (id: string, role: string, final: number): Run =>
      ({
        runId: id,
        sourcePath: `records/${id}.txt`,
        track: "track1",
        recordRow: 8,
        role,
        finalValLoss: final,
        targetLoss: 3.28,
        status: final <= 3.28 ? "reached_target" : "missed_target",
      }) as Run;
    const six = [
      run("a", "record", 3.2791),
      run("b", "rerun", 3.2844),
      run("c", "rerun", 3.2972),
      run("d", "rerun", 3.3065),
      run("e", "rerun", 3.3151),
      run("f", "rerun", 3.3274),
    ];
    const issues = findSelectedRuns([row], six);
    assert.equal(issues.length, 1);
    assert.match(
      issues[0].detail,
      /only 1 of the row's 6 runs do; the others end at 3\.2844, 3\.2972, 3\.3065, 3\.3151, 3\.3274/,
    );
    // Half the runs reaching the target is not a selection.
    assert.deepEqual(
      findSelectedRuns([row], [...six.slice(0, 4), run("g", "rerun", 3.27), run("h", "rerun", 3.275)]),
      [],
    );
  });
});
