import { strict as assert } from "node:assert";
import { lossVsComputeDefaults, lossVsComputeFigure } from "../../src/plot/lossVsComputeFigure";
import type { LossCurveSeries } from "../../src/plot/types";
import { assertSnapshot } from "../helpers/snapshot";

// Chinchilla Approach 3 (Hoffmann et al. 2022): L = E + A/N^alpha + B/D^beta with D = C / (6N).
const chinchilla = (params: number, flops: number) =>
  1.69 + 406.4 / params ** 0.34 + 410.7 / (flops / (6 * params)) ** 0.28;
const grid = [1e18, 1e19, 1e20, 1e21];

function series(): LossCurveSeries[] {
  return [124e6, 350e6].map((params) => ({
    label: `N = ${params / 1e6}M`,
    points: grid.map((x) => ({ x, y: chinchilla(params, x) })),
    fit: grid.map((x) => ({
      x,
      y: chinchilla(params, x),
      lo: chinchilla(params, x) * 0.99,
      hi: chinchilla(params, x) * 1.01,
    })),
  }));
}

describe("lossVsComputeFigure", () => {
  it("matches the committed snapshot for two model sizes with fits and bands", () => {
    assertSnapshot(__dirname, "lossVsComputeFigure", lossVsComputeFigure(series(), { title: "Chinchilla law" }));
  });

  it("draws per series a band, a dashed fit and markers, in that order and in the series colour", () => {
    const fig = lossVsComputeFigure(series());
    assert.deepEqual(
      fig.data.map((t) => t.name),
      ["N = 124M band", "N = 124M fit", "N = 124M", "N = 350M band", "N = 350M fit", "N = 350M"],
    );
    assert.deepEqual(fig.data[0].fillcolor, "rgba(0,114,178,0.18)");
    assert.deepEqual((fig.data[5].marker as { color: string }).color, "#D55E00");
  });

  it("closes the band polygon: upper edge forward, lower edge back", () => {
    const band = lossVsComputeFigure(series()).data[0];
    assert.deepEqual(band.x, [...grid, ...[...grid].reverse()]);
    const y = band.y as number[];
    assert.equal(y[0], chinchilla(124e6, 1e18) * 1.01);
    assert.equal(y[7], chinchilla(124e6, 1e18) * 0.99);
  });

  it("leaves out a zero-width band", () => {
    const fig = lossVsComputeFigure([{ label: "a", points: [{ x: 1, y: 2 }], fit: [{ x: 1, y: 2, lo: 2, hi: 2 }] }]);
    assert.deepEqual(
      fig.data.map((t) => t.name),
      ["a fit", "a"],
    );
  });

  it("uses log axes with units in the titles by default, and a linear loss axis on request", () => {
    const fig = lossVsComputeFigure(series());
    const layout = fig.layout as {
      xaxis: { type: string; title: { text: string } };
      yaxis: { type: string; title: { text: string } };
    };
    assert.equal(layout.xaxis.type, "log");
    assert.equal(layout.xaxis.title.text, "Training compute C = 6ND (FLOPs)");
    assert.equal(layout.yaxis.type, "log");
    assert.equal(layout.yaxis.title.text, "Validation loss (nats/token)");
    assert.equal(
      (lossVsComputeFigure(series(), { logY: false }).layout as { yaxis: { type: string } }).yaxis.type,
      "linear",
    );
  });

  it("pins its defaults", () => {
    assert.deepEqual(lossVsComputeDefaults, {
      caption:
        "Lower at the same compute is better: a curve left of another reaches each loss with fewer FLOPs. " +
        "Dashed: fits.",
      title: "",
      widthPx: 800,
      heightPx: 500,
      logY: true,
      xTitle: "Training compute C = 6ND (FLOPs)",
      yTitle: "Validation loss (nats/token)",
      targetLoss: Number.NaN,
    });
  });

  it("draws the target loss as a dashed line across the compute range of the points, on request", () => {
    const figure = lossVsComputeFigure(series(), { targetLoss: 3.28 });
    const line = figure.data[figure.data.length - 1] as {
      name: string;
      x: number[];
      y: number[];
      line: { dash: string };
    };
    const xs = figure.data.slice(0, -1).flatMap((t) => t.x as number[]);
    assert.deepEqual(
      [line.name, line.x, line.y, line.line.dash],
      ["target loss 3.28", [Math.min(...xs), Math.max(...xs)], [3.28, 3.28], "dash"],
    );
    assert.equal(lossVsComputeFigure(series()).data.length, figure.data.length - 1, "no line by default");
    assert.throws(() => lossVsComputeFigure(series(), { targetLoss: -1 }), {
      message: "lossVsComputeFigure: option targetLoss has value = -1 (expected a positive finite number (log axis))",
    });
  });

  it("rejects a non-positive compute on the log axis, naming the series, point and value", () => {
    assert.throws(
      () =>
        lossVsComputeFigure([
          {
            label: "run A",
            points: [
              { x: 1e18, y: 3 },
              { x: 0, y: 3 },
            ],
          },
        ]),
      {
        message: 'lossVsComputeFigure: series "run A" point 1 has x = 0 (expected a positive finite number (log axis))',
      },
    );
  });

  it("rejects a band that does not contain its curve", () => {
    assert.throws(() => lossVsComputeFigure([{ label: "a", points: [], fit: [{ x: 1, y: 3, lo: 3.1, hi: 3.2 }] }]), {
      message: 'lossVsComputeFigure: series "a" fit point 0 has lo 3.1, y 3, hi 3.2 (expected lo <= y <= hi)',
    });
  });

  it("rejects unknown and mistyped options and empty input", () => {
    assert.throws(() => lossVsComputeFigure(series(), { logy: true } as object), {
      message:
        "lossVsComputeFigure: unknown option logy (expected one of title, caption, widthPx, heightPx, logY, " +
        "xTitle, yTitle, targetLoss)",
    });
    assert.throws(() => lossVsComputeFigure(series(), { widthPx: 50 }), {
      message: "lossVsComputeFigure: invalid widthPx: 50 (expected an integer from 100 to 4000)",
    });
    assert.throws(() => lossVsComputeFigure(series(), { logY: "yes" } as object), {
      message: "lossVsComputeFigure: invalid logY: yes (expected a boolean)",
    });
    assert.throws(() => lossVsComputeFigure([]), {
      message: "lossVsComputeFigure: series must be a non-empty array (got [])",
    });
  });
});
