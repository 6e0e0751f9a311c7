import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { datasetFiles } from "../../src/dataset/datasetFiles";
import { DATASET_DIR, moddedNanogptDir, nanochatLeaderboardFile } from "../../src/dataset/sharedDir";
import { ingestSource, type IngestResult } from "../../src/ingest/ingestSource";
import type { Run } from "../../src/types";

// The full clone of KellerJordan/modded-nanogpt at f411b3d3 (../shared/upstream, read-only in CI). Ingested once.
const source = moddedNanogptDir();
const nanochat = nanochatLeaderboardFile();

describe("ingest of the full modded-nanogpt clone", function () {
  let result: IngestResult;
  before(function () {
    if (!existsSync(source)) {
      console.log(`    skipped: ${source} is absent (set SPEEDRUN_SHARED to the shared data folder)`);
      this.skip();
    }
    this.timeout(120_000); // one ingest of the full clone (about 5 s on the 2-core machine)
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

  it(
    "accounts for all 1,568 log files: runs from 1,495, 54 duplicates (25 byte-identical, 29 the same runs " +
      "again), 19 not logs",
    () => {
      assert.equal(result.filesRead, 1568);
      assert.equal(result.files.length, 1568);
      const fates: Record<string, number> = {};
      for (const f of result.files) fates[f.fate] = (fates[f.fate] ?? 0) + 1;
      assert.deepEqual(fates, { run: 1495, duplicate: 54, unknown_format: 19 });
      assert.deepEqual(
        count((r) => r.track),
        { track1: 1085, track2: 19, track3: 570, nanochat: 7 },
      );
    },
  );

  it("keeps record 9's copy of record 8's log once, under record 8, and lists the rows whose logs are missing", () => {
    assert.equal(
      result.runs
        .filter((r) => r.runId.endsWith("d6b50d71-f419-4d26-bb39-a60d55ae7a04"))
        .map((r) => `${r.runId}:${r.record}`)
        .join(),
      "track_1_short/2024-11-03_UntieEmbed/d6b50d71-f419-4d26-bb39-a60d55ae7a04:8",
    );
    const kinds: Record<string, number> = {};
    for (const i of result.issues) kinds[i.kind] = (kinds[i.kind] ?? 0) + 1;
    assert.deepEqual(kinds, {
      duplicate_log: 25,
      no_log_link: 4,
      missing_linked_log: 2,
      duplicate_run: 29,
      script_mismatch: 2,
      selected_run: 1,
    });
    assert.deepEqual(
      result.issues.filter((i) => i.kind === "missing_linked_log").map((i) => i.path),
      [
        "records/track_2_medium/2025-08-28_NewValemb/036_61ef4351-7b68-4897-b440-a99221a1a629.txt",
        "records/track_2_medium/2025-09-11_SecondInputEmbed/000_592014ec-6781-4f59-b274-c4af68ccfe75.txt",
      ],
    );
  });

  it(
    "finds track 2 record 17's log (and its folder's other run) to be record 8's script by rule, out of the " +
      "row's runs",
    () => {
      const [issue, rerun] = result.issues.filter((i) => i.kind === "script_mismatch");
      assert.equal(
        issue?.path,
        "records/track_2_medium/2025-11-12_BlockMaskRedundantOp/000_3b22a9d4-b52e-4916-99bf-3d48b38747a7.txt",
      );
      assert.match(
        issue?.detail ?? "",
        new RegExp(
          String.raw`track2 record 17 .* 6 lines from the script of track2 record 8 .*2025-04-22.* ` +
            String.raw`456 lines from the record just before, 16 .*5960 steps in 24\.93 min of ` +
            String.raw`log time against the table's 22\.98 min`,
        ),
      );
      const r = run("track_2_medium/2025-11-12_BlockMaskRedundantOp/000_3b22a9d4-b52e-4916-99bf-3d48b38747a7");
      assert.deepEqual([r.record, r.role, r.totalSteps], [17, "mismatch", 5960]);
      assert.equal(rerun?.path, "records/track_2_medium/2025-11-12_BlockMaskRedundantOp/original_timing.txt");
      assert.match(
        rerun?.detail ?? "",
        /a further run of track2 record 17 .* 3 lines from the script of track2 record 8/,
      );
      assert.deepEqual(
        result.runs.filter((x) => x.track === "track2" && x.record === 17).map((x) => x.role),
        ["mismatch", "mismatch"],
      );
    },
  );

  it("finds track 1 record 9's linked run to be the one of its six that reaches 3.28", () => {
    const issue = result.issues.find((i) => i.kind === "selected_run");
    assert.equal(
      issue?.path,
      "records/track_1_short/2024-11-06_ShortcutsTweaks/dd7304a6-cc43-4d5e-adb8-c070111464a1.txt",
    );
    assert.match(
      issue?.detail ?? "",
      new RegExp(
        String.raw`track1 record 9 .*final 3\.2791\) but only 1 of the row's 6 runs do; the ` +
          String.raw`others end at 3\.2844, 3\.2972, 3\.3065, 3\.3151, 3\.3274`,
      ),
    );
  });

  it("covers every format era", () => {
    assert.deepEqual(
      count((r) => r.format),
      { llmc_cuda: 2, llmc_pytorch: 1, modded_nanogpt: 1671, nanochat_table: 7 },
    );
  });

  it("derives tokens for every log whose script states its batch, by each kind of schedule", () => {
    assert.deepEqual(
      count((r) => `${r.track}:${r.tokenSchedule}`),
      {
        "track1:constant": 417,
        "track1:index_schedule": 217,
        "track1:stage_schedule": 451,
        "track2:constant": 17,
        "track2:index_schedule": 2,
        "track3:constant": 524,
        "track3:null": 46,
        "nanochat:table": 3,
        "nanochat:null": 4,
      },
    );
  });

  it(
    "reads 91 track 1 rows (three numbered 21), 18 track 2 rows, 46 track 3 rows with their evidence, and 7 " +
      "nanochat rows",
    () => {
      const rows = (t: string) => result.records.filter((r) => r.track === t);
      assert.equal(rows("track1").length, 91);
      assert.equal(rows("track1").filter((r) => r.record === 21).length, 3);
      assert.equal(rows("track2").length, 18);
      assert.equal(rows("nanochat").length, 7);
      const t3 = rows("track3");
      assert.equal(t3.length, 46);
      assert.deepEqual(t3[0].evidence, {
        steps: 3600,
        newRecord: true,
        meanLoss: 3.2777,
        nRuns: 1,
        mark: "not_significant",
      });
      assert.deepEqual(t3[45].evidence, {
        steps: 2690,
        newRecord: true,
        meanLoss: 3.2783,
        nRuns: 8,
        mark: "significant",
      });
      assert.equal(t3.filter((r) => r.evidence?.newRecord).length, 20);
      // A link to a results folder's README.md stands for the folder.
      assert.deepEqual(t3[31].logPaths, ["records/track_3_optimization/results/20260518_soda_fade_3000_n9"]);
    },
  );

  it("reads track 3's .stdout and .out logs, and splits a file printing several runs into one run each", () => {
    // 34 such files; 25 of them repeat a .txt log of the same seed (duplicate_run) and are kept once, as the .txt.
    assert.equal(result.runs.filter((r) => /\.(stdout|out)$/.test(r.sourcePath)).length, 9);
    const record12 = result.runs.filter(
      (r) => r.sourcePath === "records/track_3_optimization/results/1bd8db7a-f3a3-4195-856d-cab7e0816443.txt",
    );
    assert.equal(record12.length, 20);
    assert.deepEqual(
      [record12[0].runId, record12[0].record, record12[0].totalSteps, record12[0].tokensToTarget !== null],
      ["track_3_optimization/results/1bd8db7a-f3a3-4195-856d-cab7e0816443#1", 12, 3350, true],
    );
    assert.equal(record12[0].trainTimeS, 496.855);
  });

  it("gives 1,553 of the 1,674 logs' runs a parameter count and FLOPs per token, and every other one a reason", () => {
    const logs = result.runs.filter((r) => r.track !== "nanochat");
    assert.equal(logs.filter((r) => r.nParams !== null).length, 1553);
    assert.equal(logs.filter((r) => r.flopsPerToken !== null).length, 1553);
    for (const r of logs.filter((x) => x.flopsPerToken === null))
      assert.match(r.note, /flops_per_token: model shape unknown/, r.runId);
    for (const r of logs.filter((x) => x.nParams === null)) assert.ok(r.nParamsSource.length > 10, r.runId);
    assert.equal(logs.filter((r) => r.track === "track2" && r.nParams !== null).length, 19);
  });

  it("reports warnings only of known kinds, and no table text as a bad row", () => {
    const kinds: Record<string, number> = {};
    for (const w of result.warnings) kinds[w.kind] = (kinds[w.kind] ?? 0) + 1;
    assert.deepEqual(kinds, { truncated_file: 79, unknown_format: 19, out_of_order_step: 176, duplicate_step: 12 });
    assert.ok(
      result.warnings.some(
        (w) =>
          w.kind === "truncated_file" &&
          w.file ===
            "records/track_1_short/2026-01-30_MimeticValueOutput/runs/6037e443-df16-4eeb-ba71-282b5f7096d0.txt" &&
          w.line === 4129,
      ),
    );
  });

  it("gives the llm.c baseline 3.2722 final val loss after 19,560 steps, about 10.26B tokens", () => {
    const r = run("track_1_short/2024-10-13_llmc/main");
    assert.deepEqual(
      [r.record, r.role, r.finalValLoss, r.totalSteps, r.totalTokens],
      [1, "record", 3.2722, 19560, 10_255_073_280],
    );
    assert.equal(r.nParams, 124_475_904);
  });

  it("gives the 1.5B scale-up runs 2.7297, 2.7672 and 2.7737 at 10.0B, 7.5B and 10.0B tokens", () => {
    const ids = [
      "ad8d7ae5-7b2d-4ee9-bc52-f912e9174d7a",
      "c0078066-c8c9-49c8-868a-ff4d4f32e615",
      "87bd51fd-6203-4c88-b3aa-8a849a6a83ca",
    ];
    const rs = ids.map((id) => run(`track_1_short/2024-10-20_ScaleUp1B/${id}`));
    assert.deepEqual(
      rs.map((r) => [r.role, r.record, r.finalValLoss, r.totalTokens]),
      [
        ["scaleup", null, 2.7297, 20344 * 491520],
        ["scaleup", null, 2.7672, 15258 * 491520],
        ["scaleup", null, 2.7737, 20344 * 491520],
      ],
    );
    assert.equal(rs[0].nParams, 1_549_467_648);
  });

  it("keeps the track 2 llm.c baseline short of 2.92 (2.9282 after 60,000 steps)", () => {
    const r = run("track_2_medium/2025-01-18/main");
    assert.deepEqual(
      [r.status, r.finalValLoss, r.totalTokens, r.tokensToTarget],
      ["missed_target", 2.9282, 60000 * 524288, null],
    );
  });

  it("places record 88's linked single-GPU log and computes its stage-schedule tokens to target", () => {
    const r = run("track_1_short/2026-07-13_PrefixTokenPrediction/prefix-1375/1b20ccf2-cb2f-4b6b-bc8a-2d9cd146f549");
    assert.deepEqual([r.record, r.role, r.gpus, r.tokenSchedule], [88, "record", 1, "stage_schedule"]);
    assert.equal(r.finalValLoss, 3.2767);
  });

  it(
    "writes the committed data/speedrun byte for byte (the ingest is deterministic; rebuild it with npm run " +
      "ingest)",
    () => {
      for (const [name, text] of datasetFiles(result)) {
        assert.equal(
          readFileSync(join(DATASET_DIR, name), "utf8"),
          text,
          `${name} differs from the committed copy: run npm run ingest`,
        );
      }
    },
  );
});

describe("parameter counts computed for the logs that also print theirs", function () {
  it("agree with all 23 printed counts of tracks 1 and 2 to within the 64 scalar parameters", function () {
    if (!existsSync(source)) this.skip();

    const { listLogs } = require("../../src/ingest/ingestSource") as typeof import("../../src/ingest/ingestSource");
    const { loadRun } = require("../../src/ingest/loadRun") as typeof import("../../src/ingest/loadRun");
    const { paramCountFor } = require("../../src/ingest/paramCount") as typeof import("../../src/ingest/paramCount");
    const gaps: number[] = [];
    for (const f of [
      ...listLogs(join(source, "records", "track_1_short")),
      ...listLogs(join(source, "records", "track_2_medium")),
    ]) {
      const log = loadRun(f);
      const printed = log.script.printedParams;
      if (printed === null) continue;
      const computed = paramCountFor({ ...log, script: { ...log.script, printedParams: null } }, "track1");
      gaps.push(
        printed.total - (computed.nParams ?? NaN),
        (printed.nonEmbedding ?? NaN) - (computed.nParamsNonEmbedding ?? NaN),
      );
    }
    assert.equal(gaps.length, 46);
    assert.deepEqual([...new Set(gaps)], [64]);
  });
});
