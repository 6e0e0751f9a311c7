import { strict as assert } from "node:assert";
import { renderMarkdown } from "../../src";

describe("renderMarkdown", () => {
  it("renders CommonMark headings, emphasis and web links", () => {
    assert.equal(
      renderMarkdown("# Title\n\n**bold** [Ho et al.](https://arxiv.org/abs/2403.05812)"),
      '<h1>Title</h1>\n<p><strong>bold</strong> <a href="https://arxiv.org/abs/2403.05812">Ho et al.</a></p>\n',
    );
  });

  it("escapes raw HTML instead of passing it through", () => {
    assert.equal(renderMarkdown("<img src=x onerror=alert(1)>"), "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
  });

  it("does not link javascript: URLs", () => {
    assert.ok(!renderMarkdown("[x](javascript:alert(1))").includes("<a"));
  });

  it("renders inline and display math as MathML with the TeX kept as annotation", () => {
    const inline = renderMarkdown("loss $L = E + A/N^\\alpha$ here");
    assert.match(
      inline,
      /<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"><semantics>.*<msup><mi>N<\/mi><mi>α<\/mi><\/msup>/,
    );
    assert.match(inline, /<annotation encoding="application\/x-tex">L = E \+ A\/N\^\\alpha<\/annotation>/);
    assert.match(renderMarkdown("$$C = 6ND$$"), /<math [^>]*display="block"/);
  });

  it("leaves dollar amounts alone", () => {
    assert.equal(renderMarkdown("costs $5 and $6 per hour"), "<p>costs $5 and $6 per hour</p>\n");
    // Notebook 04's frontier sentence: no space next to the dollars, but each would-be closing `$` precedes a digit.
    const frontier = "DeepSeek-V3 (GPT-4-class for about $5.6M) and Yi-Lightning ($3M vs $80–100M for GPT-4)";
    assert.equal(renderMarkdown(frontier), `<p>${frontier}</p>\n`);
  });

  it("shows TeX errors as escaped source instead of failing", () => {
    const html = renderMarkdown("$\\frac{<b>$");
    assert.ok(!html.includes("<b>"));
  });
});
