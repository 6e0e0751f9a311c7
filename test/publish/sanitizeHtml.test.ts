import { strict as assert } from "node:assert";
import { escapeHtml, jsonForScript, sanitizeHtml } from "../../src";

describe("escapeHtml", () => {
  it("escapes the five HTML-special characters", () => {
    assert.equal(
      escapeHtml(`<img src=x onerror="alert('1')"> & co`),
      "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co",
    );
  });
});

describe("jsonForScript", () => {
  it("cannot close the script element it sits in, and parses back to the same value", () => {
    const value = { name: "</script><script>alert(1)</script>", sep: "a\u2028b", amp: "&" };
    const json = jsonForScript(value);
    assert.ok(!json.includes("</"));
    assert.ok(!json.includes("<"));
    assert.deepEqual(JSON.parse(json), value);
  });
});

describe("sanitizeHtml", () => {
  it("keeps table markup with allowed attributes", () => {
    assert.equal(
      sanitizeHtml('<table class="dataframe" border="1"><tr><th colspan=2>a</th></tr></table>'),
      '<table class="dataframe"><tr><th colspan="2">a</th></tr></table>',
    );
  });

  it("turns an unescaped hostile description into visible text", () => {
    assert.equal(
      sanitizeHtml("<td><img src=x onerror=alert(1)></td>"),
      '<td>&lt;img src="x" onerror="alert(1)" /&gt;</td>',
    );
  });

  it("escapes script and style elements with their content", () => {
    assert.equal(sanitizeHtml("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert.equal(sanitizeHtml("<style>body{}</style>"), "&lt;style&gt;body{}&lt;/style&gt;");
  });

  it("drops event handlers, style attributes, comments and script links", () => {
    assert.equal(
      sanitizeHtml(
        '<div onclick="x()" style="background:url(http://e.org/a.png)"><!-- c --><a ' +
          'href="javascript:alert(1)">j</a><a href="https://arxiv.org/abs/2404.10102">p</a></div>',
      ),
      '<div><a>j</a><a href="https://arxiv.org/abs/2404.10102">p</a></div>',
    );
  });

  it("keeps well-formed entities and escapes bare ampersands and angle brackets in text", () => {
    assert.equal(sanitizeHtml("<p>A &amp; B & C &lt; 3 > 2 &#x3C;</p>"), "<p>A &amp; B &amp; C &lt; 3 &gt; 2 &lt;</p>");
  });

  it("cannot be tricked by an attribute value holding a quote-breaking payload", () => {
    assert.equal(
      sanitizeHtml(`<span title='a" onmouseover="alert(1)'>t</span>`),
      '<span title="a&quot; onmouseover=&quot;alert(1)">t</span>',
    );
  });
});

describe("sanitizeHtml on showTable's markup", () => {
  it("keeps text-align styles and drops every other declaration", () => {
    assert.equal(
      sanitizeHtml(
        '<td style="text-align:right">1</td><td style="text-align: right; ' +
          'background:url(http://e.org/x.png)">2</td><td style="color:red">3</td>',
      ),
      '<td style="text-align:right">1</td><td style="text-align:right">2</td><td>3</td>',
    );
  });
});
