import assert from "node:assert/strict";
import {
  computeHalvingTimes,
  frontierRows,
  halvingInterval,
  halvingTime,
  hindcastHalving,
} from "../../../src/analysis/progress/halvingTime";
import type { RecordCompute } from "../../../src/analysis/types";
import { close } from "../fixture";

function row(rowIndex: number, date: string, timeS: number): RecordCompute {
  return {
    track: "t",
    record: rowIndex + 1,
    rowIndex,
    date,
    description: "",
    recordTimeS: timeS,
    recordGpuHours: null,
    nRuns: 0,
    nRunsAll: 0,
    shareReached: null,
    tokensToTarget: null,
    tokensToTargetMin: null,
    tokensToTargetMax: null,
    timeToTargetS: timeS,
    logTimeToTargetSMin: null,
    logTimeToTargetSMax: null,
    paramsForFlops: null,
    countedParams: null,
    flopsPerToken: null,
    flopsToTarget: null,
    tokensPerParam: null,
    method: null,
    lowerBound: false,
    curve: null,
    curveRunId: null,
    reason: "",
    source: `x:${rowIndex}`,
  };
}

describe("halvingTime", () => {
  it("recovers a 4-month halving time from exactly halving records, with a zero-width interval", () => {
    // 2024-01-01 + k * (4 months of 365.25/12 days): use the same month length as the code
    const day0 = Date.parse("2024-01-01T00:00:00Z");
    const pts = [0, 1, 2, 3].map((k) => ({
      date: new Date(day0 + k * 4 * (365.25 / 12) * 86_400_000).toISOString().slice(0, 10),
      value: 1000 / 2 ** k,
    }));
    const h = halvingTime(pts, "t", "record_time", "all");
    // dates are rounded to whole days, so allow a day's worth of error
    assert.ok(Math.abs((h.halvingMonths.estimate as number) - 4) < 0.05);
  });
  it("reports an unbounded upper end when the slope's interval reaches zero", () => {
    const i = halvingInterval(-0.1, [-0.3, 0.05]);
    assert.ok(close(i.estimate, Math.LN2 / 0.1) && close(i.lo, Math.LN2 / 0.3));
    assert.equal(i.hi, null);
    assert.match(i.note, /unbounded/);
  });
  it("keeps only rows that set a new best time (re-timings are not records)", () => {
    const f = frontierRows(
      [row(0, "2024-01-01", 100), row(1, "2024-02-01", 50), row(2, "2024-03-01", 60), row(3, "2024-04-01", 40)],
      "t",
    );
    assert.deepEqual(
      f.map((r) => r.rowIndex),
      [0, 1, 3],
    );
  });
  it(
    "hindcasts later records from an exponential fitted before the cut-off, exactly when progress is " + "exponential",
    () => {
      const rows = [0, 1, 2, 3, 4, 5].map((k) => row(k, `2024-0${k + 1}-01`, 1000 * Math.exp(-0.2 * k)));
      const h = hindcastHalving(rows, "t", "2024-03-15");
      assert.equal(h.nFit, 3);
      assert.equal(h.nScored, 3);
      // months are not all equal in length, so the line is near but not exactly exact: error well under 1%
      assert.ok((h.meanAbsLog10Error as number) < 0.01);
    },
  );
  it("says why it cannot hindcast with too few rows", () => {
    const h = hindcastHalving([row(0, "2024-01-01", 10), row(1, "2024-02-01", 5)], "t", "2024-01-15");
    assert.equal(h.meanAbsLog10Error, null);
    assert.match(h.reason, /need >= 3 fit rows/);
  });
});

describe("computeHalvingTimes", () => {
  it("splits at the claim date to show a pace change: 2-month halving, then 8-month halving", () => {
    const day = (m: number) =>
      new Date(Date.parse("2024-01-01T00:00:00Z") + m * (365.25 / 12) * 86_400_000).toISOString().slice(0, 10);
    // halving every 2 months for 8 months, then every 8 months for 24 more
    const months = [0, 2, 4, 6, 8, 16, 24, 32];
    const time = (m: number) => (m <= 8 ? 1000 / 2 ** (m / 2) : 1000 / 16 / 2 ** ((m - 8) / 8));
    const rows = months.map((m, k) => row(k, day(m), time(m)));
    const split = day(8);
    const h = computeHalvingTimes(rows, split);
    const until = h.find((x) => x.metric === "record_time" && x.variant === `until_${split}`)!;
    const from = h.find((x) => x.metric === "record_time" && x.variant === `from_${split}`)!;
    assert.ok(Math.abs((until.halvingMonths.estimate as number) - 2) < 0.05);
    assert.ok(Math.abs((from.halvingMonths.estimate as number) - 8) < 0.1);
  });
  it("rejects a malformed split date naming it", () => {
    assert.throws(() => computeHalvingTimes([], "2025/01/13"), /invalid splitDate: 2025\/01\/13/);
  });
});
