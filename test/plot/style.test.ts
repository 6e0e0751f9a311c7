import { strict as assert } from "node:assert";
import { figureDefaults, palette, withAlpha } from "../../src/plot/style";

describe("plot style", () => {
  it("uses the Okabe-Ito colour-blind-safe palette, yellow last", () => {
    assert.deepEqual(palette, ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]);
  });

  it("turns a hex colour into rgba with the given alpha", () => {
    assert.equal(withAlpha("#D55E00", 0.18), "rgba(213,94,0,0.18)");
  });

  it("pins the figure defaults: 800 x 500 CSS pixels, no title", () => {
    assert.deepEqual(figureDefaults, { title: "", caption: "", widthPx: 800, heightPx: 500 });
  });
});
