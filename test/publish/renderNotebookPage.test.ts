import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseNotebook, renderNotebookPage, type Notebook } from "../../src";

const fixtures = join(__dirname, "..", "fixtures", "publish", "notebooks");
const load = (name: string) => parseNotebook(readFileSync(join(fixtures, name), "utf8"), name);
const options = { noInput: false, sourcePath: "notebooks/x.ipynb", homeHref: "index.html" };

describe("renderNotebookPage", () => {
  it("titles the page with the first markdown heading and counts its charts", () => {
    const page = renderNotebookPage(load("01-loss-vs-compute.ipynb"), options);
    assert.equal(page.title, "Loss against compute");
    assert.equal(page.chartCount, 1);
    assert.ok(page.html.includes("<title>Loss against compute</title>"));
    assert.ok(page.html.includes('<script src="assets/plotly-basic.min.js"></script>'));
  });

  it("loads the basic plotly.js bundle for bar, pie and scatter charts, the full one for any other trace", () => {
    const nb = load("01-loss-vs-compute.ipynb");
    const withTrace = (trace: Record<string, unknown>): Notebook => ({
      ...nb,
      cells: [
        ...nb.cells,
        {
          cell_type: "code",
          source: "show(fig)",
          metadata: {},
          execution_count: 9,
          outputs: [
            {
              output_type: "display_data",
              data: { "application/vnd.plotly.v1+json": { data: [trace], layout: {} } },
              metadata: {},
            },
          ],
        },
      ],
    });
    const bundleOf = (html: string) => /src="assets\/(plotly[^"]*)"/.exec(html)?.[1];
    assert.equal(bundleOf(renderNotebookPage(withTrace({ type: "pie" }), options).html), "plotly-basic.min.js");
    assert.equal(bundleOf(renderNotebookPage(withTrace({ x: [1] }), options).html), "plotly-basic.min.js");
    assert.equal(bundleOf(renderNotebookPage(withTrace({ type: "heatmap" }), options).html), "plotly.min.js");
  });

  it("puts code in <details> folded by default and leaves it out with noInput", () => {
    const nb = load("01-loss-vs-compute.ipynb");
    const withCode = renderNotebookPage(nb, options).html;
    assert.equal(withCode.match(/<details class="input">/g)?.length, 3);
    assert.ok(!withCode.includes('<details class="input" open'), "no cell starts open");
    assert.ok(withCode.includes('<button type="button" class="toggle-code" hidden>Show code</button>'));
    const noCode = renderNotebookPage(nb, { ...options, noInput: true }).html;
    assert.ok(!noCode.includes("<details"));
    assert.ok(!noCode.includes("toggle-code"));
    assert.ok(noCode.includes("plotly-spec"), "outputs stay");
  });

  it("honours the remove-cell tag and folds hide-input cells", () => {
    const html = renderNotebookPage(load("02-multipliers.ipynb"), options).html;
    assert.ok(!html.includes("hidden\n"), "remove-cell output is gone");
    assert.ok(!html.includes("internal helper"), "remove-cell input is gone");
    assert.ok(
      html.includes('<details class="input"><summary>Code · In [1]</summary>'),
      "hide-input cell starts folded",
    );
  });

  it("falls back to the file name for the title and loads no plotly.js without charts", () => {
    const nb = parseNotebook(
      JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }),
      "empty.ipynb",
    );
    const page = renderNotebookPage(nb, { ...options, sourcePath: "notebooks/05-empty.ipynb" });
    assert.equal(page.title, "05-empty");
    assert.ok(!page.html.includes("assets/plotly"));
  });
});

describe("renderNotebookPage with a deliberate error", () => {
  it("labels the error of a cell tagged raises-exception as deliberate, and only that one", () => {
    const cell = (tags: string[]) => ({
      cell_type: "code",
      metadata: { tags },
      execution_count: 1,
      source: "boom()",
      outputs: [{ output_type: "error", ename: "Error", evalue: "bad input", traceback: ["Error: bad input"] }],
    });
    const page = (tags: string[]) =>
      renderNotebookPage(
        parseNotebook(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell(tags)] }), "e.ipynb"),
        options,
      ).html;
    assert.match(
      page(["raises-exception"]),
      new RegExp(
        String.raw`<p class="note deliberate-error">This error is ` +
          String.raw`deliberate[^<]*<code>raises-exception<\/code>\).<\/p>\n<pre ` +
          String.raw`class="output error">Error: bad input<\/pre>`,
      ),
    );
    assert.ok(!page([]).includes("deliberate"));
  });
});

describe("renderNotebookPage with attachments", () => {
  it("inlines images attached to a markdown cell as data: URIs", () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    const nb = parseNotebook(
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          {
            cell_type: "markdown",
            metadata: {},
            source: "![fig](attachment:fig.png) ![x](attachment:missing.png)",
            attachments: { "fig.png": { "image/png": png } },
          },
        ],
      }),
      "a.ipynb",
    );
    const html = renderNotebookPage(nb, options).html;
    assert.ok(html.includes(`<img src="data:image/png;base64,${png}" alt="fig">`));
    assert.ok(html.includes('<img data-missing-attachment="missing.png" alt="x">'));
  });
});

describe("parseNotebook", () => {
  it("names the file and cell of a malformed notebook", () => {
    assert.throws(() => parseNotebook("{", "a.ipynb"), /^Error: a.ipynb: not valid JSON/);
    assert.throws(
      () => parseNotebook('{"nbformat":3,"cells":[]}', "b.ipynb"),
      /b.ipynb: expected an nbformat 4 notebook, got nbformat 3/,
    );
    assert.throws(
      () => parseNotebook('{"nbformat":4,"cells":[{"cell_type":"code","source":""}]}', "c.ipynb"),
      /c.ipynb: cell 1: code cell without an "outputs" array/,
    );
  });
});
