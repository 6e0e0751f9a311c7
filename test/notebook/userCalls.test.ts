// What a pandas / lmfit / plotly.py user types, cell by cell, in the project's real kernel on the compiled library
// (issue 20): a misspelt column names itself, sorting puts empty cells last, describe and group-by skip them, a fit
// shows as a report, console.log(formatSummaryValues(...)) prints the values, a typo in a nested plot key is named.
import { strict as assert } from "node:assert";
import { deferredPngEnv } from "../../src/notebook/renderFigurePng";
import { runCells, type CellReply } from "../helpers/kernelSession";

const text = (r: CellReply, name: "stdout" | "stderr") =>
  r.outputs
    .filter((o) => o.output_type === "stream" && (o as { name?: string }).name === name)
    .map((o) => String((o as { text?: unknown }).text ?? ""))
    .join("");
const shown = (r: CellReply) =>
  r.outputs
    .filter((o) => o.output_type === "display_data" || o.output_type === "execute_result")
    .map((o) => String((o as { data?: Record<string, unknown> }).data?.["text/plain"] ?? ""))
    .join("\n");
const errorOf = (r: CellReply) =>
  r.outputs.find((o) => o.output_type === "error") as { ename?: string; evalue?: string } | undefined;

describe("a user's calls in the real kernel (compiled library)", function () {
  this.timeout(300_000);
  let replies: CellReply[];
  before(async () => {
    // The kernel leaves chart PNGs to the process running the notebook, as under `npm run notebooks` and publishing:
    // the one chart here is checked for its warning, and a browser to draw its PNG cost about 5 s of CPU.
    const env = { [deferredPngEnv]: "1" };
    replies = await runCells(
      [
        /* 0 */ 'import { loadDataFrames } from "../../../build/frames";\nconst { runs } = loadDataFrames();',
        /* 1 */ 'runs["final_loss"]',
        /* 2 */ 'console.log(runs.sortValues("time_to_target_s")["time_to_target_s"].values.slice(0, 2), ' +
          'runs.sortValues("time_to_target_s")["time_to_target_s"].values.slice(-1))',
        /* 3 */ 'console.log(runs.describe()["final_val_loss"].values.slice(0, 2))',
        /* 4 */ 'console.log(runs.groupby(["track"]).col(["final_val_loss"]).count().values)',
        /* 5 */ 'const medium = runs.query(runs["track"].eq("track2"));\nconst below = ' +
          'medium.query(medium["final_val_loss"].lt(2.925));\nconsole.log(below.shape[0] > 0 && below.shape[0] < ' +
          "medium.shape[0])",
        /* 6 */ 'import { fitModel, formatSummaryValues, show } from "../../../build";\nconst x = [1e17, 3e17, ' +
          "1e18, 3e18, 1e19, 3e19].map((v) => [v]);\n" +
          'const fit = fitModel("power", { x, y: x.map(([c]) => 1.8 + 2000 * c ** -0.2 * (1 + 0.001 * ' +
          "Math.sin(c))) });\nfit",
        /* 7 */ 'console.log(formatSummaryValues({ track1: { time_ratio: 31.875 }, verdict: "flat" }, ' +
          '["track1.time_ratio", "verdict"]))',
        /* 8 */ 'await show({ data: [{ type: "scatter", x: [1, 2], y: [1, 2] }], layout: { xaxis: { titel: "x" } } })',
      ],
      0.4,
      undefined,
      env,
    );
  });

  it("a misspelt column is a KeyError naming it and the closest column", () => {
    assert.equal(replies[0].status, "ok", JSON.stringify(replies[0].outputs));
    assert.equal(errorOf(replies[1])?.ename, "KeyError", JSON.stringify(replies[1].outputs));
    assert.match(
      errorOf(replies[1])?.evalue ?? "",
      /^KeyError: 'final_loss' is not a column of runs; did you mean 'final_val_loss'\?/,
    );
  });

  it("sorting puts the true minimum first and empty cells last; describe and group-by count skip empty cells", () => {
    assert.match(text(replies[2], "stdout"), /^\[ 75\.46, 75\.46\d* \] \[ NaN \]/);
    const [count, mean] = text(replies[3], "stdout")
      .replace(/[[\]\s]/g, "")
      .split(",")
      .map(Number);
    assert.ok(count > 800 && mean > 3 && mean < 3.4, text(replies[3], "stdout"));
    assert.match(text(replies[4], "stdout"), /'nanochat', 0 \]/);
    assert.equal(text(replies[5], "stdout"), "true\n");
  });

  it(
    "a fit as the cell's last expression shows its report; formatSummaryValues prints; a nested plot-key typo " +
      "is named",
    () => {
      assert.match(
        text(replies[6], "stdout") + shown(replies[6]),
        /\[\[Fit: power\]\][\s\S]*\[\[Parameters\]\][\s\S]*alpha/,
      );
      assert.equal(text(replies[7], "stdout"), "track1.time_ratio: 31.88\nverdict: flat\n");
      assert.match(
        text(replies[8], "stderr"),
        /unknown layout key "xaxis\.titel": plotly\.js ignores it \(did you mean "xaxis\.title"\?\)/,
      );
    },
  );
});
