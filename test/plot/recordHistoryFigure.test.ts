import { strict as assert } from "node:assert";
import { recordHistoryFigure } from "../../src/plot/recordHistoryFigure";
import { assertSnapshot } from "../helpers/snapshot";

// First rows of track 1 in modded-nanogpt's record table (RECORDS.md): date, record time.
const track1 = [
  { date: "2024-05-28", timeS: 45 * 60, text: "llm.c baseline" },
  { date: "2024-06-06", timeS: 31.4 * 60, text: "Tuned learning rate & rotary embeddings" },
  { date: "2024-10-11", timeS: 22.3 * 60, text: "Muon improvements" },
  { date: "2024-10-04", timeS: 24.9 * 60, text: "Introduced the Muon optimizer" },
];

describe("recordHistoryFigure", () => {
  it("matches the committed snapshot", () => {
    assertSnapshot(
      __dirname,
      "recordHistoryFigure",
      recordHistoryFigure([{ label: "Track 1 (124M)", records: track1 }]),
    );
  });

  it("sorts records by date and plots minutes on a log axis as a step line", () => {
    const fig = recordHistoryFigure([{ label: "t1", records: track1 }]);
    const trace = fig.data[0];
    assert.deepEqual(trace.x, ["2024-05-28", "2024-06-06", "2024-10-04", "2024-10-11"]);
    assert.deepEqual(trace.y, [45, 31.4, 24.9, 22.3]);
    assert.equal((trace.line as { shape: string }).shape, "hv");
    const layout = fig.layout as { xaxis: { type: string }; yaxis: { type: string; title: { text: string } } };
    assert.equal(layout.xaxis.type, "date");
    assert.equal(layout.yaxis.type, "log");
    assert.equal(layout.yaxis.title.text, "Record time (minutes, log scale)");
  });

  it("rejects a date not in YYYY-MM-DD form, naming series, record and value", () => {
    assert.throws(() => recordHistoryFigure([{ label: "t1", records: [{ date: "05/28/24", timeS: 2700 }] }]), {
      message: 'recordHistoryFigure: series "t1" record 0 has date = 05/28/24 (expected YYYY-MM-DD)',
    });
  });

  it("rejects a missing record time", () => {
    assert.throws(
      () => recordHistoryFigure([{ label: "t1", records: [{ date: "2024-05-28", timeS: null as unknown as number }] }]),
      {
        message:
          'recordHistoryFigure: series "t1" record 0 has timeS = null (expected a positive finite number (log axis))',
      },
    );
  });
});
