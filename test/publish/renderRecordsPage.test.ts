// records.html shows the README's Markdown links as links (or their text), never as raw Markdown.
import { strict as assert } from "node:assert";
import { withLinks } from "../../src/publish/renderRecordsPage";

describe("renderRecordsPage", () => {
  it("turns Markdown links into links or their text, escaping everything else", () => {
    const html = withLinks(
      "by [Locus](https://www.intology.ai/blog/x) under [updated rules](#timing-change) <b>x</b>",
    ).replace(/<span class="tok">([^<]*)<\/span>/g, "$1");
    assert.equal(
      html,
      'by <a href="https://www.intology.ai/blog/x">Locus</a> under updated rules &lt;b&gt;x&lt;/b&gt;',
    );
    assert.ok(!withLinks("[a](javascript:alert(1))").includes("<a "), "only web links become links");
  });
});
