import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseLog } from "../../src/ingest/parseLog";
import { tokenScheduleFor } from "../../src/ingest/tokenSchedule";

// Lines below are copied verbatim from logs in ../shared/upstream/modded-nanogpt/records (file named in each test).

describe("parseLog", () => {
  it("reads llm.c C/CUDA val (tel) and train (trl) lines without timing (2024-10-13_llmc/main.log)", () => {
    const text = [
      "s:0 tel:11.0092",
      "s:0 trl:11.0091 lr:0.000001 norm:15.37",
      "s:1 trl:10.9598 lr:0.000002 norm:15.24",
      "s:19560 tel:3.2722",
    ].join("\n");
    const log = parseLog(text, "main.log");
    assert.equal(log.format, "llmc_cuda");
    assert.deepEqual(log.evals, [
      { step: 0, trainTimeMs: null, valLoss: 11.0092, sourceLine: 1 },
      { step: 19560, trainTimeMs: null, valLoss: 3.2722, sourceLine: 4 },
    ]);
    assert.deepEqual(log.trains, { steps: [0, 1], losses: [11.0091, 10.9598], lines: [2, 3] });
    assert.equal(log.gpus, null);
    assert.deepEqual(log.warnings, []);
  });

  it("tells the llm.c PyTorch variant by its six-decimal losses and bare trl lines (2024-06-06_AdamW)", () => {
    const text = "s:0 tel:10.968871\ns:0 trl:10.965596\ns:9535 trl:3.340180\ns:9536 tel:3.275959\n";
    const log = parseLog(text, "f66d43d7.log");
    assert.equal(log.format, "llmc_pytorch");
    assert.deepEqual(
      log.evals.map((e) => [e.step, e.valLoss]),
      [
        [0, 10.968871],
        [9536, 3.275959],
      ],
    );
    assert.deepEqual(log.trains.steps, [0, 9535]);
  });

  it(
    "reads 2024 modded-nanogpt val and train lines, including step_avg:nanms (2024-10-10_Muon, " +
      "2024-11-03_UntieEmbed)",
    () => {
      const text = [
        "step:10/4578 train_loss:6.7643 train_time:4554ms step_avg:nanms",
        "step:11/4578 train_loss:6.7341 train_time:84ms step_avg:nanms",
        "step:6125/6200 val_loss:3.2802 train_time:1323022ms step_avg:216.36ms",
        "step:6200/6200 train_loss:3.2533 train_time:1339065ms step_avg:216.33ms",
        "step:6200/6200 val_loss:3.2785 train_time:1339067ms step_avg:216.33ms",
      ].join("\n");
      const log = parseLog(text, "eb5659d0.txt");
      assert.equal(log.format, "modded_nanogpt");
      assert.deepEqual(log.evals, [
        { step: 6125, trainTimeMs: 1323022, valLoss: 3.2802, sourceLine: 3 },
        { step: 6200, trainTimeMs: 1339067, valLoss: 3.2785, sourceLine: 5 },
      ]);
      assert.deepEqual(log.trains, { steps: [10, 11, 6200], losses: [6.7643, 6.7341, 3.2533], lines: [1, 2, 4] });
      assert.equal(log.declaredSteps, 4578);
    },
  );

  it("reads the val_loss of a step_avg:nanms line (track 2 2025-01-18)", () => {
    const log = parseLog(
      "step:0/7500 val_loss:10.8258 train_time:0ms step_avg:nanms\nstep:1/7500 train_time:960506ms step_avg:nanms\n",
      "x.txt",
    );
    assert.deepEqual(log.evals, [{ step: 0, trainTimeMs: 0, valLoss: 10.8258, sourceLine: 1 }]);
    assert.equal(log.lastStepSeen, 1);
  });

  it("keeps the six decimals of track 2 val losses from 2025-03-25 (2025-09-17_UpdateSmoothing)", () => {
    const log = parseLog(
      "step:125/5610 val_loss:4.264874 train_time:28566ms step_avg:228.53ms\nstep:250/5610 val_loss:3.853378 " +
        "train_time:57310ms step_avg:229.24ms\n",
      "001.txt",
    );
    assert.deepEqual(
      log.evals.map((e) => e.valLoss),
      [4.264874, 3.853378],
    );
  });

  it(
    "skips the 2025-12+ warm-up chatter and reads the parameter block (2026-03-06_SimplifyHC, " +
      "2025-05-30_noallreduce)",
    () => {
      const text = [
        "Model parameters:",
        "  Total parameters: 275,742,784",
        "  Embedding parameters: 154,533,888",
        "  Non-embedding parameters: 121,208,896",
        "Compiling model and warming up kernels (~7 minutes on first execution)",
        "Sampling steps [0, 1, 481, 482, 483, 484, 965, 966, 967, 968, 1448, 1449, 1450, 1451] for warmup",
        "Resetting Model",
        "step:0/1490 val_loss:10.8306 train_time:0ms step_avg:0.03ms",
        "step:1/1490 train_time:72ms step_avg:72.41ms",
        "step:1490/1490 val_loss:3.2784 train_time:87098ms step_avg:58.46ms",
        "peak memory allocated: 31296 MiB reserved: 47262 MiB",
      ].join("\n");
      const log = parseLog(text, "0ab4a843.txt");
      assert.deepEqual(
        log.evals.map((e) => [e.step, e.valLoss, e.trainTimeMs, e.sourceLine]),
        [
          [0, 10.8306, 0, 8],
          [1490, 3.2784, 87098, 10],
        ],
      );
      assert.deepEqual(log.script.printedParams, {
        total: 275742784,
        embedding: 154533888,
        nonEmbedding: 121208896,
        line: 2,
      });
      assert.deepEqual(log.warnings, []);
    },
  );

  it("drops an identical repeat of the final validation line without a warning", () => {
    const line = "step:1770/1770 val_loss:3.2782 train_time:177930ms step_avg:100.53ms";
    const log = parseLog(`${line}\n${line}\n`, "x.txt");
    assert.equal(log.evals.length, 1);
    assert.deepEqual(log.warnings, []);
  });

  it("counts the GPUs of the nvidia-smi table but not its process rows", () => {
    const text = [
      "|   0  NVIDIA H100 80GB HBM3          On  | 00000000:61:00.0 Off |                    0 |",
      "| N/A   33C    P0             111W / 700W |   5789MiB / 81559MiB |      5%      Default |",
      "|   1  NVIDIA H100 80GB HBM3          On  |   00000000:05:00.0 Off |                    0 |",
      "|    0   N/A  N/A     12345      C   /usr/bin/python3                         1234MiB |",
      "step:0/10 val_loss:10.8 train_time:0ms step_avg:nanms",
    ].join("\n");
    assert.equal(parseLog(text, "x.txt").gpus, 2);
  });

  it("reads the token facts of a 2024 script (2024-10-20_ScaleUp1B: 8*60 sequences of 1024 tokens)", () => {
    const text = [
      "class Hyperparameters:",
      "    batch_size : int = 8*60 # batch size, in sequences, across all devices",
      "    device_batch_size : int = 12 # batch size, in sequences, per device",
      "    sequence_length : int = 1024 # sequence length, in tokens",
      "    num_iterations : int = 2*10172 # number of iterations to run",
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=52, n_head=12, n_embd=1536))",
      "step:20344/20344 val_loss:2.7297 train_time:34957570ms step_avg:1719.17ms",
    ].join("\n");
    const log = parseLog(text, "ad8d7ae5.txt");
    const s = tokenScheduleFor(log);
    assert.equal(s.schedule?.kind, "constant");
    assert.equal(s.schedule?.tokensBefore(20344), 20344 * 491520);
    assert.equal(
      log.script.modelCall?.expr,
      "model = GPT(GPTConfig(vocab_size=num_vocab, n_layer=52, n_head=12, n_embd=1536))",
    );
  });
});

describe("createLogParser", () => {
  const { createLogParser } = require("../../src/ingest/parseLog") as typeof import("../../src/ingest/parseLog");
  const { loadRun } = require("../../src/ingest/loadRun") as typeof import("../../src/ingest/loadRun");
  const { moddedNanogptDir } = require("../../src/dataset/sharedDir") as typeof import("../../src/dataset/sharedDir");
  const { join } = require("node:path") as typeof import("node:path");
  const records = join(moddedNanogptDir(), "records");

  /** Cuts `text` after line breaks into pieces of at least `size` characters (as loadRun does). */
  function pieces(text: string, size: number): string[] {
    const out: string[] = [];
    for (let start = 0; start < text.length;) {
      let end = start + size >= text.length ? text.length : text.indexOf("\n", start + size) + 1;
      if (end <= 0) end = text.length;
      out.push(text.slice(start, end));
      start = end;
    }
    return out;
  }

  it("gives the same result fed in pieces as parseLog of the whole text, on real logs", () => {
    const { listLogs } = require("../../src/ingest/ingestSource") as typeof import("../../src/ingest/ingestSource");
    const all = listLogs(records);
    // A log of each era: llm.c, 2024 modded-nanogpt, 2025 and 2026 (stage schedules), track 2 and a track 3 run.
    const picked = [
      all[0],
      all[Math.floor(all.length / 4)],
      all[Math.floor(all.length / 2)],
      all[Math.floor((3 * all.length) / 4)],
      all[all.length - 1],
    ];
    for (const file of picked) {
      const text = readFileSync(file, "latin1"); // as the ingest decodes it (loadRun.ts)
      const whole = parseLog(text, file);
      for (const size of [1, 1000, 70_000]) {
        const parser = createLogParser(file);
        for (const piece of pieces(text, size)) parser.feed(piece);
        assert.deepEqual(parser.finish(), whole, `${file} in pieces of ${size}`);
      }
      assert.deepEqual(loadRun(file, file), whole, file);
    }
  });

  it("still reports a binary file when the NUL comes after a short first piece", () => {
    const parser = createLogParser("b.bin");
    parser.feed("step:1/10 val_loss:3.5 train_time:1ms step_avg:1ms\n");
    parser.feed("x\u0000y\n");
    const log = parser.finish();
    assert.equal(log.format, null);
    assert.deepEqual(log.evals, []);
    assert.deepEqual(
      log.warnings.map((w) => w.kind),
      ["binary_file"],
    );
  });
});
