import assert from "node:assert/strict";
import type { AnalysisInput } from "../../src/analysis/analysisInput";
import { reproductionFlags } from "../../src/analysis/compute/reproductionFlags";
import type { EvalInput, RunInput } from "../../src/analysis/inputs";
import { measureTransferPairs, transferDefaults } from "../../src/scale/measureTransferPairs";
import { parseTransferCatalogue } from "../../src/scale/transferCatalogue";
import type { TransferMeasurement } from "../../src/types";

const HEADER = "id,pair_id,innovation,category,scale_label,baseline,treatment,target_rule,method,preferred,reason";

function run(runId: string, flopsPerToken: number, extra: Partial<RunInput> = {}): RunInput {
  return {
    runId,
    track: "track1",
    record: null,
    rowIndex: null,
    role: "other",
    sourcePath: `records/track_1_short/X/${runId}.txt`,
    nParams: null,
    nParamsNonEmbedding: null,
    nParamsMatmul: null,
    flopsPerToken,
    totalSteps: null,
    totalTokens: null,
    trainTimeS: null,
    finalValLoss: null,
    targetLoss: null,
    status: "",
    gpus: null,
    source: `runs.csv:${runId}`,
    ...extra,
  };
}

/** (tokens, loss) points of a run's eval curve. */
function curve(runId: string, pts: [number, number][]): EvalInput[] {
  return pts.map(([tokens, valLoss], step) => ({ runId, step, tokens, trainTimeMs: null, valLoss }));
}

// Baseline B: 2 FLOPs a token, ends at 3.0 after 400 tokens (800 FLOPs). Treatments 1 FLOP a token:
//   T  crosses 3.0 at 233.33 of 250 tokens (93%: end of schedule)        -> estimate 800 / 233.33 = 24/7
//   T2 crosses 3.0 at 166.67 of 400 tokens (mid-schedule)                 -> lower bound 800 / 166.67 = 4.8
//   T3 ends at 3.1, never reaching 3.0, after 300 tokens                  -> upper bound 800 / 300 = 8/3
//   T5 reaches 3.0 exactly at its end, 160 tokens                         -> estimate 5
//   T4 crosses 3.0 at 200 of 400 tokens (mid-schedule)                    -> lower bound 4
const input: AnalysisInput = {
  records: [
    { track: "track1", record: 9, rowIndex: 5, date: null, timeS: null, description: "", source: "records.csv:7" },
  ],
  runs: [
    run("B", 2),
    run("T", 1),
    run("T2", 1),
    run("T3", 1),
    run("T4", 1),
    run("T5", 1),
    run("R1", 1, { rowIndex: 5, role: "record", finalValLoss: 3.29 }),
    run("R2", 1, { rowIndex: 5, role: "rerun", finalValLoss: 3.3 }),
    run("R3", 1, { rowIndex: 5, role: "rerun", finalValLoss: 3.27 }),
  ],
  evals: [
    ...curve("B", [
      [100, 4.0],
      [200, 3.5],
      [400, 3.0],
    ]),
    ...curve("T", [
      [100, 3.6],
      [200, 3.2],
      [250, 2.9],
    ]),
    ...curve("T2", [
      [100, 3.2],
      [200, 2.9],
      [400, 2.7],
    ]),
    ...curve("T3", [
      [100, 3.6],
      [300, 3.1],
    ]),
    ...curve("T4", [
      [100, 3.4],
      [200, 3.0],
      [400, 2.8],
    ]),
    ...curve("T5", [
      [100, 3.5],
      [160, 3.0],
    ]),
    ...curve("R1", [
      [100, 3.5],
      [200, 3.29],
    ]),
    ...curve("R2", [
      [100, 3.5],
      [200, 3.3],
    ]),
    ...curve("R3", [
      [100, 3.5],
      [200, 3.27],
    ]),
  ],
};

function measure(rows: string[]): TransferMeasurement[] {
  const text = [HEADER, ...rows.map((r, i) => `m${i},p${i},x,optimizer,124M,${r},yes,why`)].join("\n");
  return measureTransferPairs(input, parseTransferCatalogue(text, "t.csv", input))
    .measurements as TransferMeasurement[];
}
const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) <= 1e-12 * Math.abs(b);
const show = (m: TransferMeasurement) => `${m.kind} ${m.multiplier} [${m.lo}, ${m.hi}]`;

describe("measureTransferPairs: kinds", () => {
  it("pins its defaults", () => {
    assert.deepEqual(transferDefaults, { endFraction: 0.9, curvePoints: 11, curveFromFraction: 0.25 });
  });
  it("reads an end-of-schedule crossing of complete runs as an estimate: 800 / 233.33 FLOPs = 24/7", () => {
    const [m] = measure(["run:B,run:T,baseline_final,crossing"]);
    assert.equal(m.kind, "estimate");
    assert.ok(close(m.multiplier, 24 / 7), show(m));
    assert.deepEqual([m.lo, m.hi, m.logSd, m.targetLoss], [null, null, null, 3.0]);
    assert.ok(close(m.flops, 700 / 3));
  });
  it(
    "makes a mid-schedule crossing a lower bound (4.8), and a complete shorter run ending below the target one " +
      "too (800 / 400 = 2)",
    () => {
      const [mid, end] = measure(["run:B,run:T2,baseline_final,crossing", "run:B,run:T2,baseline_final,endpoint"]);
      assert.equal(mid.kind, "lower_bound");
      assert.ok(close(mid.multiplier, 4.8) && close(mid.lo, 4.8) && mid.hi === null, show(mid));
      assert.equal(end.kind, "lower_bound");
      assert.ok(close(end.multiplier, 2) && close(end.lo, 2), show(end));
    },
  );
  it("makes a treatment that never reaches the target an upper bound: 800 / 300 = 8/3", () => {
    const [m] = measure(["run:B,run:T3,baseline_final,crossing"]);
    assert.equal(m.kind, "upper_bound");
    assert.ok(close(m.multiplier, 8 / 3) && close(m.hi, 8 / 3) && m.lo === null, show(m));
  });
  it("makes a baseline that never reaches a fixed target a lower bound: 800 / 241.67 = 96/29", () => {
    const [m] = measure(["run:B,run:T,loss:2.95,crossing"]);
    assert.equal(m.kind, "lower_bound");
    assert.ok(close(m.multiplier, 96 / 29), show(m));
  });
  it("gives a two-sided interval [4, 5] when the median lies between a lower bound and an estimate", () => {
    const [m] = measure(["run:B,run:T+T4+T5,baseline_final,crossing"]);
    assert.equal(m.kind, "interval");
    assert.ok(close(m.lo, 4) && close(m.hi, 5) && close(m.multiplier, Math.sqrt(20)), show(m));
  });
  it(
    "keeps reruns that miss the target as censored: with T3 beside T the median is only an upper bound, " +
      "sqrt(24/7 * 8/3)",
    () => {
      const [m] = measure(["run:B,run:T+T3,baseline_final,crossing"]);
      assert.equal(m.kind, "upper_bound");
      assert.ok(close(m.multiplier, Math.sqrt((24 / 7) * (8 / 3))), show(m));
    },
  );
  it("lets censored reruns on both sides cancel: T, T2 (>= 4.8) and T3 (<= 8/3) give the estimate 24/7", () => {
    const [m] = measure(["run:B,run:T+T2+T3,baseline_final,crossing"]);
    assert.equal(m.kind, "estimate");
    assert.ok(close(m.multiplier, 24 / 7), show(m));
  });
  it("gives the run-to-run range and log SD of two estimates (T: 24/7, T5: 5)", () => {
    const [m] = measure(["run:B,run:T+T5,baseline_final,crossing"]);
    assert.equal(m.kind, "estimate");
    assert.ok(close(m.multiplier, Math.sqrt((24 / 7) * 5)) && close(m.lo, 24 / 7) && close(m.hi, 5), show(m));
    // standard error of the mean ln M over 2 treatment runs: sd / sqrt(2) = |ln 5 - ln 24/7| / 2
    assert.ok(close(m.logSd, Math.abs(Math.log(5 / (24 / 7))) / 2), String(m.logSd));
  });
  it("flags a record most of whose reruns miss the track's target", () => {
    const [m] = measure(["row:track1:5,run:T,loss:3.4,crossing"]);
    assert.match(m.note, /FLAG baseline track1 row 5: 2 of 3 runs miss 3\.28, the record does not reproduce/);
  });
  it("reads each pair's M(L) curve on a grid both runs cover", () => {
    const text = [HEADER, "m,p,x,optimizer,124M,run:B,run:T,baseline_final,crossing,yes,why"].join("\n");
    const { curves } = measureTransferPairs(input, parseTransferCatalogue(text, "t.csv", input), { curvePoints: 2 });
    // grid from max(final B 3.0, final T 2.9) = 3.0 up to min(loss at 25% of B = 4.0, of T = 3.6) = 3.6
    assert.deepEqual(
      curves.map((c) => c.loss),
      [3.0, 3.6],
    );
    assert.ok(close(curves[0].multiplier, 24 / 7));
    // at 3.6: B crosses at 100 + (0.4/0.5)*100 = 180 tokens = 360 FLOPs; T at its first eval, 100 FLOPs
    assert.ok(close(curves[1].multiplier, 3.6));
  });
});

describe("parseTransferCatalogue", () => {
  const row = "a,p,x,optimizer,124M,run:B,run:T,baseline_final,crossing,yes,why";
  it("names file and line of a missing field", () => {
    assert.throws(
      () =>
        parseTransferCatalogue(
          `${HEADER}\n${row}\nb,p,x,optimizer,124M,run:B,,baseline_final,crossing,no,why`,
          "data/transfer_pairs.csv",
          input,
        ),
      { message: "data/transfer_pairs.csv:3: missing treatment" },
    );
  });
  it("names a duplicate id and where it was first", () => {
    assert.throws(
      () =>
        parseTransferCatalogue(`${HEADER}\n${row}\n${row.replace(",yes,", ",no,")}`, "data/transfer_pairs.csv", input),
      { message: "data/transfer_pairs.csv:3: duplicate id a (first at line 2)" },
    );
  });
  it("names an unknown run", () => {
    assert.throws(
      () => parseTransferCatalogue(`${HEADER}\n${row.replace("run:T", "run:T9")}`, "data/transfer_pairs.csv", input),
      { message: "data/transfer_pairs.csv:2: unknown run T9" },
    );
  });
  it("names an unknown category, selector and target rule", () => {
    assert.throws(() => parseTransferCatalogue(`${HEADER}\n${row.replace("optimizer", "optimiser")}`, "f.csv"), {
      message:
        "f.csv:2: unknown category optimiser (expected one of architecture, optimizer, hyperparameters, data, " +
        "systems, evaluation, recipe)",
    });
    assert.throws(() => parseTransferCatalogue(`${HEADER}\n${row.replace("run:B", "B")}`, "f.csv"), {
      message:
        "f.csv:2: baseline: unknown selector B (expected row:<track>:<row>, record:<track>:<number>, " +
        "run:<id>[+<id>], published:<loss>@<tokens>@<run_id>)",
    });
    assert.throws(() => parseTransferCatalogue(`${HEADER}\n${row.replace("baseline_final", "final")}`, "f.csv"), {
      message:
        "f.csv:2: unknown target_rule final (expected baseline_final, treatment_final, track_target or loss:<value>)",
    });
  });
  it("requires exactly one preferred row per pair and scale", () => {
    assert.throws(() => parseTransferCatalogue(`${HEADER}\n${row}\n${row.replace("a,", "b,")}`, "f.csv"), {
      message: "f.csv: p at 124M has 2 rows marked preferred (lines 2, 3); expected exactly one",
    });
  });
  it("names an unknown record row and a missing column", () => {
    assert.throws(() => parseTransferCatalogue(`${HEADER}\n${row.replace("run:B", "row:track1:7")}`, "f.csv", input), {
      message: "f.csv:2: unknown record row track1:7",
    });
    assert.throws(
      () => parseTransferCatalogue("id,pair_id\na,p", "f.csv"),
      /^Error: f\.csv:1: missing column innovation/,
    );
    assert.throws(() => parseTransferCatalogue(`${HEADER}\n${row.replace("crossing", "chord")}`, "f.csv"), {
      message: "f.csv:2: unknown method chord (expected crossing or endpoint)",
    });
  });
});

describe("reproductionFlags", () => {
  it("flags a record row whose runs mostly miss the target (2 of 3 above 3.28), not one with a " + "single run", () => {
    const rows = reproductionFlags(input);
    assert.deepEqual(
      rows.map((r) => [r.track, r.rowIndex, r.nRuns, r.nMissed, r.flagged]),
      [["track1", 5, 3, 2, true]],
    );
    assert.equal(rows[0].note, "2 of 3 runs end above 3.28: the record does not reproduce");
    assert.throws(() => reproductionFlags(input, 1), { message: "invalid minRuns: 1 (expected an integer >= 2)" });
  });
});
