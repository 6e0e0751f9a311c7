import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { datasetFiles } from "../../src/dataset/datasetFiles";
import { DATASET_DIR, sharedDir } from "../../src/dataset/sharedDir";
import { ingestSource, type IngestResult } from "../../src/ingest/ingestSource";
import type { Run } from "../../src/types";

const shared = sharedDir();
const source = join(shared, "modded-nanogpt");
const nanochat = join(shared, "nanochat", "LEADERBOARD.md");

describe("ingest of the whole ../shared tree", function () {
  let result: IngestResult;
  before(function () {
    if (!existsSync(source)) {
      console.log(`    skipped: ${source} is absent (set SPEEDRUN_SHARED to the shared data folder)`);
      this.skip();
    }
    result = ingestSource({ source, nanochat });
  });
  const count = (f: (r: Run) => string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const r of result.runs) out[f(r)] = (out[f(r)] ?? 0) + 1;
    return out;
  };
  const run = (id: string): Run => {
    const r = result.runs.find((x) => x.runId === id);
    assert.ok(r !== undefined, id);
    return r;
  };

  it("reads all 860 logs into runs, the byte-identical copy once: 842 track 1, 17 track 2, and 7 nanochat rows", () => {
    assert.equal(result.filesRead, 860);
    assert.deepEqual(count((r) => r.track), { track1: 842, track2: 17, nanochat: 7 });
  });

  it("keeps record 9's copy of record 8's log once, under record 8, and lists the rows whose logs are missing", () => {
    assert.equal(result.runs.filter((r) => r.runId.endsWith("d6b50d71-f419-4d26-bb39-a60d55ae7a04")).map((r) => `${r.runId}:${r.record}`).join(),
      "track_1_short/2024-11-03_UntieEmbed/d6b50d71-f419-4d26-bb39-a60d55ae7a04:8");
    assert.deepEqual(result.issues.map((i) => `${i.kind} ${i.path}`), [
      "duplicate_log records/track_1_short/2024-11-06_ShortcutsTweaks/d6b50d71-f419-4d26-bb39-a60d55ae7a04.txt",
      "no_log_link ", "no_log_link ", "no_log_link ",
      "missing_linked_log records/track_2_medium/2025-08-28_NewValemb/036_61ef4351-7b68-4897-b440-a99221a1a629.txt",
      "missing_linked_log records/track_2_medium/2025-09-11_SecondInputEmbed/000_592014ec-6781-4f59-b274-c4af68ccfe75.txt",
      "no_log_link ",
    ]);
  });

  it("covers every format era", () => {
    assert.deepEqual(count((r) => r.format), { llmc_cuda: 2, llmc_pytorch: 1, modded_nanogpt: 856, nanochat_table: 7 });
  });

  it("derives tokens for every log, by each kind of schedule", () => {
    assert.deepEqual(count((r) => `${r.track}:${r.tokenSchedule}`), {
      "track1:constant": 405, "track1:index_schedule": 188, "track1:stage_schedule": 249,
      "track2:constant": 15, "track2:index_schedule": 2, "nanochat:table": 3, "nanochat:null": 4,
    });
  });

  it("reads 91 track 1 rows (three numbered 21), 18 track 2 rows and 7 nanochat rows", () => {
    const rows = (t: string) => result.records.filter((r) => r.track === t);
    assert.equal(rows("track1").length, 91);
    assert.equal(rows("track1").filter((r) => r.record === 21).length, 3);
    assert.equal(rows("track2").length, 18);
    assert.equal(rows("nanochat").length, 7);
  });

  it("gives 814 of the 859 distinct logs (one byte-identical copy dropped) a parameter count and FLOPs per token, and every other one a reason", () => {
    const logs = result.runs.filter((r) => r.track !== "nanochat");
    assert.equal(logs.filter((r) => r.nParams !== null).length, 814);
    assert.equal(logs.filter((r) => r.flopsPerToken !== null).length, 814);
    for (const r of logs.filter((x) => x.flopsPerToken === null)) assert.match(r.note, /flops_per_token: model shape unknown/, r.runId);
    for (const r of logs.filter((x) => x.nParams === null)) assert.ok(r.nParamsSource.length > 10, r.runId);
    // All 17 track 2 logs (llm.c, one or two input tables, lm_head_w) are counted.
    assert.equal(logs.filter((r) => r.track === "track2" && r.nParams !== null).length, 17);
  });

  it("reports the one truncated log and nothing else", () => {
    assert.deepEqual(
      result.warnings.map((w) => [w.kind, w.file, w.line]),
      [["truncated_file", "records/track_1_short/2026-01-30_MimeticValueOutput/runs/6037e443-df16-4eeb-ba71-282b5f7096d0.txt", 4129]],
    );
  });

  it("gives the llm.c baseline 3.2722 final val loss after 19,560 steps, about 10.26B tokens", () => {
    const r = run("track_1_short/2024-10-13_llmc/main");
    assert.deepEqual([r.record, r.role, r.finalValLoss, r.totalSteps, r.totalTokens], [1, "record", 3.2722, 19560, 10_255_073_280]);
    assert.equal(r.nParams, 124_475_904);
  });

  it("gives the 1.5B scale-up runs 2.7297, 2.7672 and 2.7737 at 10.0B, 7.5B and 10.0B tokens", () => {
    const ids = ["ad8d7ae5-7b2d-4ee9-bc52-f912e9174d7a", "c0078066-c8c9-49c8-868a-ff4d4f32e615", "87bd51fd-6203-4c88-b3aa-8a849a6a83ca"];
    const rs = ids.map((id) => run(`track_1_short/2024-10-20_ScaleUp1B/${id}`));
    assert.deepEqual(rs.map((r) => [r.role, r.record, r.finalValLoss, r.totalTokens]), [
      ["scaleup", null, 2.7297, 20344 * 491520],
      ["scaleup", null, 2.7672, 15258 * 491520],
      ["scaleup", null, 2.7737, 20344 * 491520],
    ]);
    assert.equal(rs[0].nParams, 1_549_467_648);
  });

  it("keeps the track 2 llm.c baseline short of 2.92 (2.9282 after 60,000 steps)", () => {
    const r = run("track_2_medium/2025-01-18/main");
    assert.deepEqual([r.status, r.finalValLoss, r.totalTokens, r.tokensToTarget], ["missed_target", 2.9282, 60000 * 524288, null]);
  });

  it("places record 88's linked single-GPU log and computes its stage-schedule tokens to target", () => {
    const r = run("track_1_short/2026-07-13_PrefixTokenPrediction/prefix-1375/1b20ccf2-cb2f-4b6b-bc8a-2d9cd146f549");
    assert.deepEqual([r.record, r.role, r.gpus, r.tokenSchedule], [88, "record", 1, "stage_schedule"]);
    assert.equal(r.finalValLoss, 3.2767);
  });

  it("writes byte-identical files on a second ingest, equal to the committed data/speedrun", () => {
    const again = datasetFiles(ingestSource({ source, nanochat }));
    const first = datasetFiles(result);
    assert.deepEqual([...again.keys()], [...first.keys()]);
    for (const [name, text] of first) {
      assert.equal(again.get(name), text, name);
      const committed = join(DATASET_DIR, name);
      if (existsSync(committed)) assert.equal(readFileSync(committed, "utf8"), text, `${name} differs from the committed copy: run npm run ingest`);
    }
  });
});

describe("parameter counts computed for the logs that also print theirs", function () {
  it("agree with all 23 printed counts to within the 64 scalar parameters", function () {
    if (!existsSync(source)) this.skip();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { listLogs } = require("../../src/ingest/ingestSource") as typeof import("../../src/ingest/ingestSource");
    const { loadRun } = require("../../src/ingest/loadRun") as typeof import("../../src/ingest/loadRun");
    const { paramCountFor } = require("../../src/ingest/paramCount") as typeof import("../../src/ingest/paramCount");
    const gaps: number[] = [];
    for (const f of listLogs(join(source, "records"))) {
      const log = loadRun(f);
      const printed = log.script.printedParams;
      if (printed === null) continue;
      const computed = paramCountFor({ ...log, script: { ...log.script, printedParams: null } }, "track1");
      gaps.push(printed.total - (computed.nParams ?? NaN), (printed.nonEmbedding ?? NaN) - (computed.nParamsNonEmbedding ?? NaN));
    }
    assert.equal(gaps.length, 46);
    assert.deepEqual([...new Set(gaps)], [64]);
  });
});
