import assert from "node:assert/strict";
import { parseLeaderboard } from "../../src/ingest/parseLeaderboard";
import { nanochatRun } from "../../src/ingest/nanochatRuns";

// Excerpt of ../shared/nanochat/LEADERBOARD.md.
const BOARD =
  `| # | time | val_bpb | CORE | Description | Date | Commit | Contributors |
|---|-------------|---------|------|-------------|------|--------|--------------|
| 0 | 168 hours | - | 0.2565 | Original OpenAI GPT-2 checkpoint | 2019 | - | OpenAI |
| 1 | 3.04 | 0.74833 | 0.2585 | d24 baseline, slightly overtrained | Jan 29 2026 | 348fbb3 | @karpathy |
| 3 | 2.76 | 0.74645 | 0.2602 | bump total batch size to 1M tokens | Feb 5 2026 | 2c062aa | @karpathy |

| run | depth | target tokens:params ratio | CORE | steps | total training FLOPs | training time (s) | total ` +
  `batch (tokens) |
|---|---|---|---|---|---|---|---|
| 1 | 24 | 12 | 0.25851 | 16704 | 4.330784131228946e+19 | 10949.46713 | 524288 |
| 3 | 26 | 8.25 | 0.26024 | 7226 | | 9922 | 1048576 |
`;

describe("parseLeaderboard", () => {
  const { runs, warnings } = parseLeaderboard(BOARD, "nanochat/LEADERBOARD.md");

  it("reads the main table with hours as the bare time unit", () => {
    assert.deepEqual(
      runs.map((r) => [r.row.record, r.row.timeS, r.row.date]),
      [
        [0, 604800, null],
        [1, 10944, "2026-01-29"],
        [3, 9936, "2026-02-05"],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it("joins the per-run table: steps x total batch give the tokens", () => {
    const run = nanochatRun(runs[1], "nanochat/LEADERBOARD.md");
    assert.equal(run.totalTokens, 16704 * 524288);
    assert.equal(run.trainTimeS, 10949.46713);
    assert.equal(run.nLayer, 24);
    assert.equal(run.valBpb, 0.74833);
    assert.equal(run.status, "reached_target");
    assert.equal(nanochatRun(runs[2], "x").totalTokens, 7226 * 1048576);
  });

  it("marks OpenAI's row as the baseline and leaves its tokens null with the reason", () => {
    const run = nanochatRun(runs[0], "x");
    assert.equal(run.role, "baseline");
    assert.equal(run.totalTokens, null);
    assert.match(run.note, /tokens: the leaderboard gives no steps x batch/);
  });
});
