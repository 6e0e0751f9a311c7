import { strict as assert } from "node:assert";
import { normalizeFigure } from "../../src/notebook/normalizeFigure";
import type { Figure } from "../../src/plot/types";

describe("normalizeFigure (plotly.py habits into plotly.js form)", () => {
  it(
    "turns string titles of the layout, axes, legend and colour bars into { text } and moves titlefont into " +
      "the title",
    () => {
      const input = {
        data: [{ type: "scatter", x: [1], y: [2], marker: { colorbar: { title: "loss" } } }],
        layout: {
          title: "Loss vs compute",
          xaxis: { title: "FLOPs", type: "log", titlefont: { size: 10 } },
          yaxis2: { title: "loss" },
          legend: { title: "run" },
        },
      } as unknown as Figure;
      const { figure, rewrites, warnings } = normalizeFigure(input);
      assert.deepEqual(figure.layout, {
        title: { text: "Loss vs compute" },
        xaxis: { title: { text: "FLOPs", font: { size: 10 } }, type: "log" },
        yaxis2: { title: { text: "loss" } },
        legend: { title: { text: "run" } },
      });
      assert.deepEqual(figure.data[0], {
        type: "scatter",
        x: [1],
        y: [2],
        marker: { colorbar: { title: { text: "loss" } } },
      });
      assert.equal(rewrites.length, 6);
      assert.deepEqual(warnings, []);
      assert.equal((input.layout as { title: unknown }).title, "Loss vs compute", "the input is not modified");
    },
  );

  it("expands plotly.py's underscore paths and warns about layout keys plotly.js does not have", () => {
    const { figure, rewrites, warnings } = normalizeFigure({
      data: [],
      layout: {
        xaxis_title_text: "tokens",
        yaxis_type: "log",
        title_text: "T",
        paper_bgcolor: "#fff",
        xaxis_titel: "oops",
        hovermod: "x",
      },
    } as unknown as Figure);
    assert.deepEqual(figure.layout, {
      paper_bgcolor: "#fff",
      xaxis_titel: "oops",
      hovermod: "x",
      xaxis: { title: { text: "tokens" } },
      yaxis: { type: "log" },
      title: { text: "T" },
    });
    assert.deepEqual(Object.keys(figure.layout), [
      "paper_bgcolor",
      "xaxis_titel",
      "hovermod",
      "xaxis",
      "yaxis",
      "title",
    ]);
    assert.deepEqual(rewrites, [
      "xaxis_title_text -> xaxis.title.text",
      "yaxis_type -> yaxis.type",
      "title_text -> title.text",
    ]);
    assert.deepEqual(warnings, [
      'show: unknown layout key "xaxis_titel": plotly.js ignores it',
      'show: unknown layout key "hovermod": plotly.js ignores it (did you mean "hovermode"?)',
    ]);
  });

  it("leaves a figure already in plotly.js form unchanged", () => {
    const figure: Figure = {
      data: [{ type: "scatter", x: [1, 2], y: [3, 4] }],
      layout: { title: { text: "a" }, xaxis: { title: { text: "b" }, type: "log" }, width: 800 },
    };
    const out = normalizeFigure(figure);
    assert.equal(JSON.stringify(out.figure), JSON.stringify(figure));
    assert.deepEqual([out.rewrites, out.warnings], [[], []]);
  });

  it("warns about an unknown nested layout key, naming the closest valid one (plotly.js's own schema)", () => {
    const { warnings } = normalizeFigure({
      data: [],
      layout: {
        xaxis: { titel: "x", title: { txt: "a" }, type: "log" },
        xaxis2: { tpye: "log" },
        annotations: [{ text: "ok" }, { txet: "a" }],
        legend: { orientation: "h" },
      },
    });
    assert.deepEqual(warnings, [
      'show: unknown layout key "xaxis.titel": plotly.js ignores it (did you mean "xaxis.title"?)',
      'show: unknown layout key "xaxis.title.txt": plotly.js ignores it (did you mean "xaxis.title.text"?)',
      'show: unknown layout key "xaxis2.tpye": plotly.js ignores it (did you mean "xaxis2.type"?)',
      'show: unknown layout key "annotations[1].txet": plotly.js ignores it (did you mean "annotations[1].text"?)',
    ]);
  });
});
