import { strict as assert } from "node:assert";
import { plotlyMimeType, renderBundle, renderOutput } from "../../src";

const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const at = { cellIndex: 2, outputIndex: 0 };
const spec = {
  data: [{ type: "scatter", x: [1, 2], y: [3, 4], name: "</script><b>x</b>" }],
  layout: { title: { text: "t" } },
};

function specOf(html: string): unknown {
  const match = /<script type="application\/json" class="plotly-spec" data-target="chart-3-1">(.*?)<\/script>/s.exec(
    html,
  );
  assert.ok(match, html);
  return JSON.parse(match[1]);
}

describe("renderBundle", () => {
  it("renders the plotly spec as a chart, with the PNG as <noscript> fallback, and ignores the javascript type", () => {
    const html = renderBundle(
      {
        [plotlyMimeType]: spec,
        "image/png": png,
        "text/plain": "Figure",
        "application/javascript": "require(['plotly'])",
      },
      at,
    );
    assert.deepEqual(specOf(html), spec);
    assert.ok(html.includes('<div class="plotly-chart" id="chart-3-1" role="img" aria-label="Figure"></div>'));
    assert.ok(
      html.includes(`<noscript><img class="chart-fallback" alt="" src="data:image/png;base64,${png}"></noscript>`),
    );
    assert.ok(!html.includes("require("));
  });

  it("sizes the fallback image from the output metadata (a 2x PNG shown at CSS size)", () => {
    const html = renderBundle({ [plotlyMimeType]: spec, "image/png": png }, at, {
      "image/png": { width: 800, height: 500 },
    });
    assert.ok(html.includes(`<img class="chart-fallback" alt="" width="800" height="500" src="data:image/png;base64,`));
  });

  it("falls back to the SVG image when the bundle has no PNG", () => {
    const svg = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
    const html = renderBundle({ [plotlyMimeType]: spec, "image/svg+xml": svg }, at);
    assert.ok(html.includes(`src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}"`));
    assert.ok(!html.includes("<svg"));
  });

  it("shows the static image when the plotly spec has no data array", () => {
    const html = renderBundle({ [plotlyMimeType]: { layout: {} }, "image/png": png }, at);
    assert.ok(!html.includes("plotly-chart"));
    assert.ok(html.startsWith('<img class="output image"'));
  });

  it("prefers sanitised HTML over plain text for tables", () => {
    assert.equal(
      renderBundle(
        { "text/html": ["<table><tr><td>", "<img src=x onerror=alert(1)>", "</td></tr></table>"], "text/plain": "t" },
        at,
      ),
      '<div class="output html"><table><tr><td class="prose"><span class="tok">&lt;img</span> <span ' +
        'class="tok">src="x"</span> <span class="tok">onerror="alert(1)"</span> <span ' +
        'class="tok">/&gt;</span></td></tr></table></div>',
    );
  });

  it("escapes plain text and drops unknown types", () => {
    assert.equal(renderBundle({ "text/plain": "<b>1</b>" }, at), '<pre class="output text">&lt;b&gt;1&lt;/b&gt;</pre>');
    assert.equal(renderBundle({ "application/x-unknown": "x" }, at), "");
  });

  it("skips image data that is not base64", () => {
    assert.equal(renderBundle({ "image/png": '" onerror="alert(1)' }, at), "");
  });
});

describe("renderOutput", () => {
  it("renders stderr in its own class with ANSI colours stripped", () => {
    assert.equal(
      renderOutput({ output_type: "stream", name: "stderr", text: ["\u001b[31mwarn <x>\u001b[0m\n"] }, at),
      '<pre class="output stream-stderr">warn &lt;x&gt;</pre>',
    );
  });

  it("renders an error's traceback as escaped text", () => {
    assert.equal(
      renderOutput({ output_type: "error", ename: "Error", evalue: "<b>", traceback: ["Error: <b>"] }, at),
      '<pre class="output error">Error: &lt;b&gt;</pre>',
    );
  });
});
