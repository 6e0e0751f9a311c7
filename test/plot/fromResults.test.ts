import { strict as assert } from "node:assert";
import type { DecompositionRow, RecordCompute } from "../../src/analysis/types";
import {
  decompositionParts,
  lossBySizeSeries,
  lossCurveSeries,
  pairLabel,
  recordSeries,
  runSpreadRows,
} from "../../src/plot/fromResults";

const records = [
  {
    track: "track2",
    record: 1,
    rowIndex: 0,
    date: "2024-05-28",
    timeS: 20880,
    description: "llm.c 350M",
    source: "r:1",
  },
  {
    track: "track1",
    record: 1,
    rowIndex: 0,
    date: "2024-05-28",
    timeS: 2700,
    description: "llm.c baseline",
    source: "r:2",
  },
  { track: "nanochat", record: 0, rowIndex: 0, date: null, timeS: 604800, description: "GPT-2 2019", source: "r:3" },
  { track: "track1", record: 2, rowIndex: 1, date: "2024-06-06", timeS: 1884, description: "Tuned LR", source: "r:4" },
];

describe("fromResults adapters", () => {
  it("recordSeries gives one series per track in track order and leaves out rows without a date", () => {
    const s = recordSeries(records);
    assert.deepEqual(
      s.map((x) => x.label),
      ["Track 1: GPT-2 small (124M) to 3.28", "Track 2: GPT-2 medium (350M) to 2.92"],
    );
    assert.deepEqual(s[0].records, [
      { date: "2024-05-28", timeS: 2700, text: "#1 llm.c baseline" },
      { date: "2024-06-06", timeS: 1884, text: "#2 Tuned LR" },
    ]);
  });

  it("lossCurveSeries puts evals at 6 N D from the given fraction on and evaluates the fitted power law there", () => {
    const evals = [0, 1e8, 2e8, 5e8, 1e9].map((tokens, step) => ({
      runId: "r",
      step,
      tokens,
      trainTimeMs: null,
      valLoss: 3 + 1 / (1 + step),
    }));
    const curve = { E: 2, A: 1000, alpha: 0.3, status: "converged", reason: "", n: 4 };
    const s = lossCurveSeries("r", evals, curve, { params: 124e6, fromFraction: 0.15, gridPoints: 3 });
    assert.deepEqual(
      s.points.map((p) => p.x),
      [6 * 124e6 * 2e8, 6 * 124e6 * 5e8, 6 * 124e6 * 1e9],
    );
    const mid = Math.sqrt(2e8 * 1e9);
    assert.ok(Math.abs(s.fit![1].x - 6 * 124e6 * mid) < 1e3);
    assert.ok(Math.abs(s.fit![1].y - (2 + 1000 * mid ** -0.3)) < 1e-12);
    assert.equal(lossCurveSeries("r", evals, { ...curve, status: "failed" }, { params: 124e6 }).fit, undefined);
    assert.throws(() => lossCurveSeries("r", evals, null, { params: 0 }), /lossCurveSeries: invalid params: 0/);
  });

  it(
    "runSpreadRows keeps records with enough runs, most runs first, with the token range as a share of the " + "median",
    () => {
      const row = (record: number, nRuns: number, med: number, min: number, max: number) =>
        ({
          track: "track1",
          record,
          rowIndex: record,
          date: "2024-12-08",
          nRuns,
          tokensToTarget: med,
          tokensToTargetMin: min,
          tokensToTargetMax: max,
          logTimeToTargetSMin: 1,
          logTimeToTargetSMax: 2,
        }) as RecordCompute;
      const rows = runSpreadRows([row(1, 3, 1, 1, 1), row(15, 60, 100, 98, 102), row(16, 30, 200, 190, 200)], 10);
      assert.deepEqual(
        rows.map((r) => [r.record, r.runs, r.tokenSpreadPct]),
        [
          [15, 60, 4],
          [16, 30, 5],
        ],
      );
    },
  );

  it("decompositionParts turns an analysis row into bars", () => {
    const d = {
      speedup: 30,
      tokenFactor: 24,
      tokensPerSecondFactor: 1.25,
      perTokenCostFactor: null,
      flopThroughputFactor: null,
    } as DecompositionRow;
    assert.deepEqual(
      decompositionParts(d).map((p) => p.factor),
      [30, 24, 1.25],
    );
  });

  it("lossBySizeSeries groups points by model size and draws the law at each group's median size", () => {
    const pts = [1e8, 2e8, 4e8, 8e8].flatMap((params) =>
      [1e9, 1e10].map((tokens) => ({ params, tokens, loss: 2 + 100 / params ** 0.3 + 100 / tokens ** 0.3 })),
    );
    const law = (n: number, d: number) => 2 + 100 / n ** 0.3 + 100 / d ** 0.3;
    const s = lossBySizeSeries(pts, law, { groups: 2, gridPoints: 2 });
    assert.deepEqual(
      s.map((x) => x.label),
      ["N 100M–200M", "N 400M–800M"],
    );
    assert.equal(s[0].points.length, 4);
    assert.ok(Math.abs(s[0].fit![0].y - law(2e8, (6 * 1e8 * 1e9) / (6 * 2e8))) < 1e-12);
    // A group of one model size is named by it, to 3 significant digits as papers write it.
    const one = lossBySizeSeries(
      [1e9, 1e10].map((tokens) => ({ params: 124e6, tokens, loss: law(124e6, tokens) })),
      law,
      { groups: 1, gridPoints: 2 },
    );
    assert.deepEqual(
      one.map((x) => x.label),
      ["N = 124M"],
    );
  });

  it("names pairs for a legend", () => {
    assert.deepEqual(
      [
        pairLabel("muon_vs_adamw_2024-10"),
        pairLabel("recipe_vs_llmc_2025-01"),
        pairLabel("a"),
        pairLabel("progress_2025-01_to_2025-04"),
      ],
      ["Muon vs AdamW (2024-10)", "recipe vs llm.c (2025-01)", "a", "progress 2025-01 to 2025-04"],
    );
  });
});
