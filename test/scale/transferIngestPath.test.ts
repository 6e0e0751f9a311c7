// Section 4 of issue 9: a user's new runs enter through `npm run ingest` on a folder of logs plus catalogue rows.
// Small synthetic logs in the real modded-nanogpt format (the script printed between lines of `=`, then step lines)
// go through the ingest, the dataset files, loadAnalysisInput (which reads the catalogue beside data/speedrun) and
// measureTransferPairs, and give the multiplier computed here by hand.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measureTransferPairs } from "../../src/scale/measureTransferPairs";
import { loadAnalysisInput } from "../../src/analysis/io/analysisIo";
import { datasetFiles } from "../../src/dataset/datasetFiles";
import { ingestSource } from "../../src/ingest/ingestSource";

const RULE = "=".repeat(100);

/** A 2024-10-style modded-nanogpt log: 8 x 64 sequences of 1024 tokens a step (524,288), a GPT-2 block stack. */
function log(nLayer: number, steps: number, vals: readonly [number, number][]): string {
  const script = [
    "import os",
    "@dataclass",
    "class Hyperparameters:",
    "    batch_size : int = 8*64 # batch size, in sequences, across all devices",
    "    sequence_length : int = 1024 # sequence length, in tokens",
    `    num_iterations : int = ${steps} # number of iterations to run`,
    "class GPT(nn.Module):",
    "    def __init__(self, config):",
    "        self.transformer.wte.weight = self.lm_head.weight # https://paperswithcode.com/method/weight-tying",
    "num_vocab = 50304",
    `model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=${nLayer}, n_head=2, n_embd=64))`,
  ];
  const body: string[] = [];
  let t = 0;
  for (let s = 0; s <= steps; s++) {
    const v = vals.find(([k]) => k === s);
    if (v)
      body.push(
        `step:${s}/${steps} val_loss:${v[1].toFixed(4)} train_time:${t}ms ` +
          `step_avg:${s === 0 ? "nan" : (t / s).toFixed(2)}ms`,
      );
    if (s < steps) {
      t += 100;
      body.push(
        `step:${s + 1}/${steps} train_loss:${(v ? v[1] : 4).toFixed(4)} train_time:${t}ms ` +
          `step_avg:${(t / (s + 1)).toFixed(2)}ms`,
      );
    }
  }
  return [RULE, ...script, RULE, ...body, ""].join("\n");
}

describe("a user's own runs: ingest a folder of logs, add catalogue rows, measure", function () {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "transfer-path-"));
    const folder = join(dir, "clone", "records", "track_1_short", "2099-01-01_MyScaleTest");
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(dir, "clone", "README.md"),
      "| # | Record time | Description | Date | Log | Contributors |\n| - | - | - | - | - | - |\n" +
        "1 | 10 minutes | my baseline | 01/01/99 | " +
        "[log](records/track_1_short/2099-01-01_MyScaleTest/baseline.txt) | @me\n",
    );
    writeFileSync(
      join(folder, "baseline.txt"),
      log(2, 4, [
        [0, 10.8],
        [2, 4.0],
        [4, 3.0],
      ]),
    );
    writeFileSync(
      join(folder, "treatment.txt"),
      log(4, 2, [
        [0, 10.8],
        [1, 3.9],
        [2, 2.9],
      ]),
    );
    const result = ingestSource({ source: join(dir, "clone"), nanochat: null, workers: 0 });
    assert.deepEqual(result.warnings, []);
    const data = join(dir, "data", "speedrun");
    mkdirSync(data, { recursive: true });
    for (const [name, text] of datasetFiles(result)) writeFileSync(join(data, name), text);
    writeFileSync(
      join(dir, "data", "transfer_pairs.csv"),
      [
        "id,pair_id,innovation,category,scale_label,baseline,treatment,target_rule,method,preferred,reason",
        "mine@tiny,my_change,my " +
          "change,architecture,tiny,run:track_1_short/2099-01-01_MyScaleTest/baseline,run:track_1_short/2099-01-" +
          "01_MyScaleTest/treatment,baseline_final,crossing,yes,my runs",
        "",
      ].join("\n"),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(
    "measures the pair from the ingested logs: FLOPs per token from the printed shapes, crossing at 95% of the " +
      "treatment's tokens",
    () => {
      const input = loadAnalysisInput(join(dir, "data", "speedrun"));
      assert.equal(input.transferPairs?.length, 1);
      const runs = new Map(input.runs.map((r) => [r.runId.split("/").pop(), r]));
      // 2 layers x 64 wide, tied head: 12*2*64^2 + 50304*64 = 3,317,760 matmul weights; 6 N + 12*2*64*512.5 attention
      assert.deepEqual(
        [runs.get("baseline")?.nParamsMatmul, runs.get("baseline")?.flopsPerToken],
        [3_317_760, 20_693_760],
      );
      // 4 layers: 12*4*64^2 + 50304*64 = 3,416,064; 6 N + 12*4*64*512.5
      assert.deepEqual(
        [runs.get("treatment")?.nParamsMatmul, runs.get("treatment")?.flopsPerToken],
        [3_416_064, 22_070_784],
      );
      const [m] = measureTransferPairs(input, input.transferPairs ?? []).measurements;
      // Baseline: 4 steps x 524,288 tokens, ends at 3.0. Treatment crosses 3.0 at step 1 + (3.9-3.0)/(3.9-2.9) = 1.9
      // steps.
      const want = (4 * 524288 * 20_693_760) / (1.9 * 524288 * 22_070_784);
      assert.equal(m.kind, "estimate");
      assert.ok(Math.abs((m.multiplier as number) / want - 1) < 1e-12, `${m.multiplier} vs ${want}`);
      assert.equal(m.targetLoss, 3.0);
      assert.equal(m.flopsPerToken, 22_070_784);
      assert.ok(Math.abs((m.flops as number) / (1.9 * 524288 * 22_070_784) - 1) < 1e-12);
      assert.match(
        m.source,
        /transfer_pairs\.csv:2; baseline records\/track_1_short\/2099-01-01_MyScaleTest\/baseline\.txt; treatment /,
      );
    },
  );
});
