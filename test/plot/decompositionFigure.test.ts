import { strict as assert } from "node:assert";
import { decompositionFigure } from "../../src/plot/decompositionFigure";
import { assertSnapshot } from "../helpers/snapshot";

// A commenter's decomposition of the speedrun's gains (FACTS.md): ~4x architecture, 1.5x compute-optimal ratio, ~2x
// rest.
const parts = [
  { label: "Architecture", factor: 4, lo: 3, hi: 5 },
  { label: "Tokens per parameter", factor: 1.5 },
  { label: "Everything else", factor: 2, lo: 1.5, hi: 2.5 },
];

describe("decompositionFigure", () => {
  it("matches the committed snapshot", () => {
    assertSnapshot(
      __dirname,
      "decompositionFigure",
      decompositionFigure(parts, { title: "Where the speed-up came from" }),
    );
  });

  it("draws one horizontal bar per factor, first at the top, labelled with 3 significant digits", () => {
    const bar = decompositionFigure(parts).data[0];
    assert.equal(bar.orientation, "h");
    assert.deepEqual(bar.y, ["Architecture", "Tokens per parameter", "Everything else"]);
    assert.deepEqual(bar.text, ["4.00×", "1.50×", "2.00×"]);
    const layout = decompositionFigure(parts).layout as { xaxis: { type: string }; yaxis: { autorange: string } };
    assert.equal(layout.xaxis.type, "log");
    assert.equal(layout.yaxis.autorange, "reversed");
  });

  it("starts the log axis at 1× so bars grow from no speed-up, with headroom for the labels", () => {
    const layout = decompositionFigure(parts).layout as { xaxis: { range: number[] } };
    assert.deepEqual(layout.xaxis.range, [0, Math.log10(5) + 0.15]);
  });

  it("leaves out error bars when no part has an interval", () => {
    assert.equal(decompositionFigure([{ label: "a", factor: 2 }]).data[0].error_x, undefined);
  });

  it("rejects a factor of zero, naming the part", () => {
    assert.throws(() => decompositionFigure([{ label: "x", factor: 0 }]), {
      message: 'decompositionFigure: part 0 ("x") has factor = 0 (expected a positive finite number (log axis))',
    });
  });
});
