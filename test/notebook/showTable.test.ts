import { strict as assert } from "node:assert";
import { DataFrame } from "danfojs-node";
import { formatCell, tableBundle, tableDefaults } from "../../src/notebook/showTable";

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
      "<table><thead><tr><th>model</th><th style=\"text-align:right\">params</th><th style=\"text-align:right\">valLoss</th><th>note</th></tr></thead>" +
        "<tbody><tr><td>GPT-2 124M</td><td style=\"text-align:right\">124000000</td><td style=\"text-align:right\">3.272</td><td>—</td></tr>" +
        "<tr><td>GPT-2 350M</td><td style=\"text-align:right\">350000000</td><td style=\"text-align:right\">2.928</td><td>never reaches 2.92</td></tr></tbody></table>",
    );
  });

  it("gives an aligned plain-text fallback", () => {
    assert.equal(
      tableBundle(rows).data["text/plain"],
      [
        "model          params  valLoss  note",
        "----------  ---------  -------  ------------------",
        "GPT-2 124M  124000000    3.272  —",
        "GPT-2 350M  350000000    2.928  never reaches 2.92",
      ].join("\n"),
    );
  });

  it("shows a danfojs DataFrame with the columns asked for, in that order", () => {
    const df = new DataFrame({ model: ["124M", "350M"], params: [124e6, 350e6], valLoss: [3.2722, 2.9282] });
    assert.equal(tableBundle(df, { columns: ["valLoss", "model"], digits: 5 }).data["text/plain"], "valLoss  model\n-------  -----\n 3.2722  124M\n 2.9282  350M");
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

  it("formats numbers deterministically", () => {
    assert.deepEqual([formatCell(1 / 3, 4), formatCell(12345678, 4), formatCell(1.5e-7, 3), formatCell(null, 4), formatCell(NaN, 4)], ["0.3333", "12345678", "1.5e-7", "—", "NaN"]);
  });

  it("pins its defaults and rejects bad options and unknown columns", () => {
    assert.deepEqual(tableDefaults, { maxRows: 50, digits: 4, caption: "" });
    assert.throws(() => tableBundle(rows, { digits: 0 }), { message: "showTable: invalid digits: 0 (expected an integer from 1 to 17)" });
    const df = new DataFrame({ a: [1] });
    assert.throws(() => tableBundle(df, { columns: ["b"] }), { message: "showTable: unknown column b (the table has a)" });
  });
});
