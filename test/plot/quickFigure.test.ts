import { strict as assert } from "node:assert";
import { linePlot, quickFigureDefaults, scatterPlot } from "../../src/plot/quickFigure";
import { palette } from "../../src/plot/style";

type T = {
  name: string;
  mode: string;
  x: unknown[];
  y: number[];
  line?: { color: string; dash?: string };
  marker?: { color: string };
};

const rows = [
  { run: "a", tokens: 1e8, loss: 4.1, step: 1 },
  { run: "b", tokens: 1e8, loss: 4.3, step: 1 },
  { run: "a", tokens: 2e8, loss: 3.6, step: 2 },
  { run: "b", tokens: 2e8, loss: Number.NaN, step: 2 },
  { run: "a", tokens: 4e8, loss: 3.3, step: 3 },
];

describe("linePlot and scatterPlot (px.line / px.scatter for tables)", () => {
  it(
    "splits rows into one series per colour value in order of appearance, skipping empty cells, on the " +
      "project's palette",
    () => {
      const f = linePlot(rows, { x: "tokens", y: "loss", color: "run", logX: true, title: "Loss" });
      const traces = f.data as unknown as T[];
      assert.deepEqual(
        traces.map((t) => [t.name, t.mode, t.x, t.y, t.line?.color]),
        [
          ["a", "lines", [1e8, 2e8, 4e8], [4.1, 3.6, 3.3], palette[0]],
          ["b", "lines", [1e8], [4.3], palette[1]],
        ],
      );
      const layout = f.layout as {
        title: { text: string };
        xaxis: { type: string; title: { text: string } };
        yaxis: { type: string; title: { text: string } };
        width: number;
      };
      assert.deepEqual(
        [
          layout.title.text,
          layout.xaxis.type,
          layout.xaxis.title.text,
          layout.yaxis.type,
          layout.yaxis.title.text,
          layout.width,
        ],
        ["Loss", "log", "tokens", "linear", "loss", 800],
      );
    },
  );

  it("reads a DataFrame's columns and values, draws several y columns as series and a reference line", () => {
    const frame = {
      columns: ["step", "train", "val"],
      values: [
        [1, 5, 4.5],
        [2, 4, 3.9],
        [3, 3.5, 3.4],
      ],
    };
    const f = scatterPlot(frame, {
      x: "step",
      y: ["train", "val"],
      hline: 3.28,
      hlineLabel: "target 3.28",
      logY: true,
    });
    const traces = f.data as unknown as T[];
    assert.deepEqual(
      traces.map((t) => [t.name, t.mode, t.x, t.y]),
      [
        ["train", "markers", [1, 2, 3], [5, 4, 3.5]],
        ["val", "markers", [1, 2, 3], [4.5, 3.9, 3.4]],
        ["target 3.28", "lines", [1, 3], [3.28, 3.28]],
      ],
    );
    assert.equal(traces[2].line?.dash, "dash");
    assert.equal((f.layout as { yaxis: { type: string } }).yaxis.type, "log");
  });

  it("leaves out values a log axis cannot show, as plotly does (step 0 has 0 tokens)", () => {
    const f = linePlot(
      [
        { t: 0, l: 11 },
        { t: 1e6, l: 6 },
        { t: 2e6, l: 0 },
        { t: 4e6, l: 4 },
      ],
      { x: "t", y: "l", logX: true, logY: true },
    );
    assert.deepEqual(
      [(f.data[0] as unknown as T).x, (f.data[0] as unknown as T).y],
      [
        [1e6, 4e6],
        [6, 4],
      ],
    );
  });

  it("names the bad column, row and value", () => {
    assert.throws(() => linePlot(rows, { x: "token", y: "loss" }), {
      message: "linePlot: unknown x column token (the table has run, tokens, loss, step)",
    });
    assert.throws(() => scatterPlot(rows, { x: "tokens", y: "loss", logY: true, hline: 0 }), {
      message: "scatterPlot: invalid hline: 0 (expected a finite number, positive on a log y axis)",
    });
    assert.throws(
      () =>
        linePlot(
          [
            { x: 1, y: 2 },
            { x: "1e9", y: 3 },
          ],
          { x: "x", y: "y", logX: true },
        ),
      {
        message: "linePlot: row 1 has x = 1e9 (expected a number on a log x axis)",
      },
    );
    assert.throws(() => linePlot([{ x: 1, y: "3.2" }], { x: "x", y: "y" }), {
      message: "linePlot: row 0 has y = 3.2 (expected a finite number)",
    });
    assert.throws(
      () => linePlot(rows, { x: "tokens", y: "loss", colour: "run" } as never),
      /^Error: linePlot: unknown option colour \(expected one of /,
    );
  });

  it("pins its defaults", () => {
    const { logX, logY, xTitle, yTitle, hline, hlineLabel } = quickFigureDefaults;
    assert.deepEqual(
      { logX, logY, xTitle, yTitle, hline, hlineLabel },
      { logX: false, logY: false, xTitle: "", yTitle: "", hline: Number.NaN, hlineLabel: "" },
    );
  });
});
