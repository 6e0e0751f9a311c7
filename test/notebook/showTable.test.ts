import { strict as assert } from "node:assert";
import { DataFrame } from "danfojs-node";
import { formatCell, readableHeader, tableBundle, tableDefaults } from "../../src/notebook/showTable";

// Final validation losses of the llm.c baselines (FACTS.md, scale facts).
const rows = [
  { model: "GPT-2 124M", params: 124e6, valLoss: 3.2722 },
  { model: "GPT-2 350M", params: 350e6, valLoss: 2.9282, note: "never reaches 2.92" },
];

describe("showTable", () => {
  it("renders typed rows as an HTML table, numbers right-aligned, a missing value as a dash", () => {
    const html = tableBundle(rows).data["text/html"];
    assert.equal(
      html,
      '<table><thead><tr><th>Model</th><th style="text-align:right">Params</th><th style="text-align:right">Val ' +
        "loss</th><th>Note</th></tr></thead>" +
        '<tbody><tr><td>GPT-2 124M</td><td style="text-align:right">124M</td><td ' +
        'style="text-align:right">3.272</td><td>—</td></tr>' +
        '<tr><td>GPT-2 350M</td><td style="text-align:right">350M</td><td ' +
        'style="text-align:right">2.928</td><td>never reaches 2.92</td></tr></tbody></table>',
    );
  });

  it("gives an aligned plain-text fallback", () => {
    assert.equal(
      tableBundle(rows).data["text/plain"],
      [
        "Model       Params  Val loss  Note",
        "----------  ------  --------  ------------------",
        "GPT-2 124M    124M     3.272  —",
        "GPT-2 350M    350M     2.928  never reaches 2.92",
      ].join("\n"),
    );
  });

  it("shows a danfojs DataFrame with the columns asked for, in that order", () => {
    const df = new DataFrame({ model: ["124M", "350M"], params: [124e6, 350e6], valLoss: [3.2722, 2.9282] });
    assert.equal(
      tableBundle(df, { columns: ["valLoss", "model"], digits: 5 }).data["text/plain"],
      "Val loss  Model\n--------  -----\n  3.2722  124M\n  2.9282  350M",
    );
  });

  it("escapes HTML in cells and captions", () => {
    const html = tableBundle([{ a: "<script>x</script>" }], { caption: "a & b" }).data["text/html"] as string;
    assert.ok(html.includes("<caption>a &amp; b</caption>"));
    assert.ok(html.includes("&lt;script&gt;x&lt;/script&gt;"));
  });

  it("cuts long tables at maxRows and says how many rows were left out", () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ i }));
    const text = tableBundle(many, { maxRows: 3 }).data["text/plain"] as string;
    assert.deepEqual(text.split("\n").slice(-2), ["2", "… 4 more rows (7 in all)"]);
  });

  it("formats numbers deterministically, large ones in the units papers use", () => {
    assert.deepEqual(
      [formatCell(1 / 3, 4), formatCell(12345678, 4), formatCell(1.5e-7, 3), formatCell(null, 4), formatCell(NaN, 4)],
      ["0.3333", "12.3M", "1.5e-7", "—", "NaN"],
    );
    // llm.c's 124M baseline: 19,560 steps of 524,288 tokens (FACTS.md); its compute 6 N D in a FLOPs column.
    assert.deepEqual(
      [
        formatCell(124e6, 4),
        formatCell(8_935_000_000, 4),
        formatCell(1.558e9, 4),
        formatCell(524_288, 4),
        formatCell(2352, 4),
      ],
      ["124M", "8.94B", "1.56B", "524,288", "2352"],
    );
    assert.deepEqual(
      [formatCell(6 * 124e6 * 10.26e9, 4, "flops"), formatCell(2.2e19, 4), formatCell(7e9, 4, "flops")],
      ["7.63e18", "2.2e19", "7e9"],
    );
    assert.deepEqual([formatCell(true, 4), formatCell(false, 4)], ["yes", "no"]);
  });

  it("turns column keys into readable headers, units at the end", () => {
    const keys = [
      "tokensToTargetMedian",
      "timeToTargetS",
      "nRuns",
      "ci95Lo",
      "token_ratio",
      "E",
      "alpha",
      "tokenSpreadPct",
      "flopsToTarget",
      "epoch2024",
      "residualSd",
    ];
    assert.deepEqual(keys.map(readableHeader), [
      "Tokens to target median",
      "Time to target (s)",
      "Runs (n)",
      "95% CI low",
      "Token ratio",
      "E",
      "alpha",
      "Token spread (%)",
      "FLOPs to target",
      "Epoch 2024",
      "Residual SD",
    ]);
  });

  it("reads FLOPs columns in powers of ten, booleans as yes/no, and takes header labels", () => {
    const text = tableBundle([{ flopsToTarget: 6.647e18, inFit: true }], { labels: { inFit: "In the fit" } }).data[
      "text/plain"
    ];
    assert.equal(text, "FLOPs to target  In the fit\n---------------  ----------\n        6.65e18         yes");
  });

  it("pins its defaults and rejects bad options and unknown columns", () => {
    assert.deepEqual(tableDefaults, { maxRows: 50, digits: 4, caption: "" });
    assert.throws(() => tableBundle(rows, { digits: 0 }), {
      message: "showTable: invalid digits: 0 (expected an integer from 1 to 17)",
    });
    const df = new DataFrame({ a: [1] });
    assert.throws(() => tableBundle(df, { columns: ["b"] }), {
      message: "showTable: unknown column b (the table has a)",
    });
  });
});
