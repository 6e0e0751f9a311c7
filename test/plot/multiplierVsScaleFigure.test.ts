import { strict as assert } from "node:assert";
import { multiplierVsScaleFigure } from "../../src/plot/multiplierVsScaleFigure";
import { assertSnapshot } from "../helpers/snapshot";

// Wen et al. 2025: matrix optimizers' speed-up over tuned AdamW, 1.4x at 0.1B and 1.1x at 1.2B; a power law in N
// through both points, extrapolated with an illustrative +-10% band.
const k = Math.log(1.1 / 1.4) / Math.log(1.2e9 / 0.1e9);
const law = (params: number) => 1.4 * (params / 0.1e9) ** k;

describe("multiplierVsScaleFigure", () => {
  const series = [
    {
      label: "Muon vs AdamW",
      points: [
        { params: 0.1e9, multiplier: 1.4, lo: 1.3, hi: 1.5 },
        { params: 1.2e9, multiplier: 1.1 },
      ],
      extrapolation: [1.2e9, 1e10, 1e11].map((params) => ({
        params,
        multiplier: law(params),
        lo: law(params) * 0.9,
        hi: law(params) * 1.1,
      })),
    },
  ];

  it("matches the committed snapshot", () => {
    assertSnapshot(__dirname, "multiplierVsScaleFigure", multiplierVsScaleFigure(series));
  });

  it("draws asymmetric error bars from lo and hi, none where they are absent", () => {
    const markers = multiplierVsScaleFigure(series).data[2];
    const err = markers.error_y as { array: number[]; arrayminus: number[] };
    assert.equal(err.array[0].toFixed(12), (0.1).toFixed(12));
    assert.equal(err.arrayminus[0].toFixed(12), (0.1).toFixed(12));
    assert.deepEqual([err.array[1], err.arrayminus[1]], [0, 0]);
  });

  it("puts the extrapolation on a dashed line over log-log axes", () => {
    const fig = multiplierVsScaleFigure(series);
    assert.deepEqual(
      fig.data.map((t) => t.name),
      ["Muon vs AdamW band", "Muon vs AdamW", "Muon vs AdamW"],
    );
    assert.equal((fig.data[1].line as { dash: string }).dash, "dash");
    const layout = fig.layout as { xaxis: { type: string; title: { text: string } }; yaxis: { type: string } };
    assert.deepEqual([layout.xaxis.type, layout.yaxis.type], ["log", "log"]);
    assert.equal(layout.xaxis.title.text, "Model size N (parameters)");
  });

  it("rejects an interval that excludes its multiplier", () => {
    assert.throws(
      () => multiplierVsScaleFigure([{ label: "m", points: [{ params: 1e8, multiplier: 2, lo: 2.5, hi: 3 }] }]),
      {
        message:
          'multiplierVsScaleFigure: series "m" point 0 has lo 2.5, multiplier 2, hi 3 (expected lo <= ' +
          "multiplier <= hi)",
      },
    );
  });

  it("joins a pair, names each point in its hover label, marks a lower bound and reads billions as B", () => {
    // FACTS.md: 124M 12.3x vs llm.c, 350M at least 8.13x (llm.c 350M never reaches 2.92).
    const fig = multiplierVsScaleFigure([
      {
        label: "recipe vs llm.c",
        connect: true,
        points: [
          { params: 124e6, multiplier: 12.3, name: "124M record 20" },
          { params: 1.55e9, multiplier: 8.13, name: "1.55B run", lowerBound: true },
        ],
      },
    ]);
    const trace = fig.data[0] as {
      mode: string;
      marker: { symbol: string[] };
      customdata: string[][];
      hovertemplate: string;
    };
    assert.equal(trace.mode, "lines+markers");
    assert.deepEqual(trace.marker.symbol, ["circle", "triangle-up"]);
    assert.deepEqual(trace.customdata, [
      ["124M record 20", "N = 124M", "", ""],
      ["1.55B run", "N = 1.55B", "≥ ", ""],
    ]);
    assert.match(trace.hovertemplate, /^%\{customdata\[0\]\}/);
    assert.equal((fig.layout.xaxis as { exponentformat: string }).exponentformat, "B");
    const title = fig.layout.title as { subtitle: { text: string } };
    assert.match(title.subtitle.text, /falling to the right means the gain shrinks/);
  });
});
