// Item 7 of issue 12: the sanitizer over a corpus of XSS payloads (scheme obfuscation with whitespace and control
// characters, entities, SVG and MathML, unbalanced tags, id and name clobbering), each alone and inside table markup
// as showTable writes it. Two independent readings of each output: htmlparser2 (what sanitize-html parses with) and
// Chromium's own parser, in a page WITHOUT the site's Content-Security-Policy, so only the sanitizer stands between
// the payload and a running script.
import { strict as assert } from "node:assert";
import { Parser } from "htmlparser2";
import { chromium, type Browser } from "playwright-core";
import { sanitizeHtml } from "../../src";

const CONTROL = ["\t", "\n", "\r", "\u0000", "\u0001", "\u000b", "\u000c", " ", "\u001f", "\u007f", "\u00a0"];

/** The corpus: hand-written classics, then every control character spliced into the javascript: scheme. */
function corpus(): string[] {
  const p: string[] = [
    "<script>window.__xss('script')</script>",
    "<SCRIPT SRC=//e.org/x.js></SCRIPT>",
    "<img src=x onerror=window.__xss('img')>",
    "<IMG SRC=\"javascript:window.__xss('imgsrc')\">",
    "<a href=\"javascript:window.__xss('a')\">x</a>",
    "<a href=\"JaVaScRiPt:window.__xss('case')\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss('dec')\">x</a>",
    "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;window.__xss('hex')\">x</a>",
    "<a " +
      'href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&' +
      "#0000058window.__xss('pad')\">x</a>",
    "<a href=\"javascript&colon;window.__xss('colon')\">x</a>",
    "<a href=\"jav&#x09;ascript:window.__xss('tabent')\">x</a>",
    "<a href=\"jav&NewLine;ascript:window.__xss('nl')\">x</a>",
    "<a href=\"  javascript:window.__xss('lead')\">x</a>",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="//e.org/x">protocol-relative</a>',
    "<a href=javascript:window.__xss('unquoted')>x</a>",
    "<a href='javascript:window.__xss(`sq`)'>x</a>",
    "<a href=\"java<!-- -->script:window.__xss('comment')\">x</a>",
    "<svg onload=window.__xss('svg')>",
    "<svg><script>window.__xss('svgscript')</script></svg>",
    "<svg><a xlink:href=\"javascript:window.__xss('xlink')\"><text x=20 y=20>x</text></a></svg>",
    "<svg><animate attributeName=href values=javascript:window.__xss('animate') /><a><text>x</text></a></svg>",
    "<svg><foreignObject><img src=x onerror=window.__xss('fo')></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss('mglyph')>",
    "<math href=\"javascript:window.__xss('math')\">x</math>",
    "<math><maction actiontype=statusline xlink:href=javascript:window.__xss('maction')>x</maction></math>",
    "<iframe src=\"javascript:window.__xss('iframe')\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__xss('srcdoc')</script>\"></iframe>",
    "<object data=\"javascript:window.__xss('object')\"></object>",
    "<embed src=\"javascript:window.__xss('embed')\">",
    "<form action=\"javascript:window.__xss('form')\"><button>x</button></form>",
    "<button formaction=\"javascript:window.__xss('formaction')\">x</button>",
    "<input autofocus onfocus=window.__xss('focus')>",
    "<details open ontoggle=window.__xss('toggle')>x</details>",
    "<body onload=window.__xss('body')>",
    "<div style=\"background:url(javascript:window.__xss('css'))\">x</div>",
    "<div style=\"width:expression(window.__xss('expr'))\">x</div>",
    '<td style="text-align:right;background:url(//e.org/x.png)">1</td>',
    "<meta http-equiv=refresh content=\"0;url=javascript:window.__xss('meta')\">",
    "<base href=\"javascript:window.__xss('base')//\">",
    "<link rel=stylesheet href=//e.org/x.css>",
    "<style>@import 'javascript:window.__xss(1)';</style>",
    "<div id=chart-1>clobber</div>",
    "<img name=getElementById>",
    "<form name=plotly><input name=newPlot></form>",
    '<a id=Plotly href="https://e.org">x</a>',
    '<span name="__proto__" id="constructor">x</span>',
    '<p title="x" onmouseover="window.__xss(\'over\')">x</p>',
    "<p title='a\" onmouseover=\"window.__xss(`quote`)'>t</p>",
    "<p/onmouseover=window.__xss('slash')>x</p>",
    "<p\nonclick=window.__xss('nlattr')>x</p>",
    "<<script>window.__xss('double')//<</script>",
    "<scr<script>ipt>window.__xss('split')</scr</script>ipt>",
    "<td><img src=x onerror=window.__xss('unbalanced')",
    "</td></tr></table><script>window.__xss('break-out')</script>",
    "<table><tr><td>1</td></tr></table></div></div><img src=x onerror=window.__xss('close')>",
    "<!--<img src=\"--><img src=x onerror=window.__xss('comment-break')//\">",
    "<![CDATA[<script>window.__xss('cdata')</script>]]>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss('noscript')>\">",
    "<textarea><img src=x onerror=window.__xss('textarea')></textarea>",
    "<title><img src=x onerror=window.__xss('title')></title>",
    "<xmp><img src=x onerror=window.__xss('xmp')></xmp>",
    '<a href="https://arxiv.org/abs/2404.10102" target=_blank rel=opener>paper</a>',
  ];
  for (const c of CONTROL) {
    p.push(`<a href="java${c}script:window.__xss('ctl-${c.charCodeAt(0)}')">x</a>`);
    p.push(`<a href="${c}javascript:window.__xss('lead-${c.charCodeAt(0)}')">x</a>`);
    p.push(`<a href="javascript${c}:window.__xss('colon-${c.charCodeAt(0)}')">x</a>`);
  }
  // The same payloads inside showTable's markup, and after a text-align cell.
  return [
    ...p,
    ...p.map(
      (x) =>
        `<table><thead><tr><th style="text-align:right">n</th></tr></thead><tbody><tr><td ` +
        `style="text-align:right">${x}</td></tr></tbody></table>`,
    ),
  ];
}

/** A URL a browser would run script from, after it strips what it strips (whitespace, control characters). */
function scriptCapable(url: string): boolean {
  const bare = url.replace(/[\u0000-\u0020\u007f-\u009f\u00a0]+/g, "").toLowerCase();
  return /^(javascript|vbscript|data|livescript):/.test(bare) || bare.startsWith("//");
}

/** Every element and attribute in `html`, as htmlparser2 reads it (entities decoded). */
function elements(html: string): { name: string; attribs: Record<string, string> }[] {
  const out: { name: string; attribs: Record<string, string> }[] = [];
  const parser = new Parser(
    { onopentag: (name, attribs) => out.push({ name, attribs }) },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

const ALLOWED_TAGS = new Set([
  "a",
  "abbr",
  "b",
  "blockquote",
  "br",
  "caption",
  "code",
  "col",
  "colgroup",
  "dd",
  "del",
  "details",
  "div",
  "dl",
  "dt",
  "em",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "i",
  "kbd",
  "li",
  "ol",
  "p",
  "pre",
  "s",
  "small",
  "span",
  "strong",
  "sub",
  "summary",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

describe("sanitizeHtml against a corpus of XSS payloads", function () {
  this.timeout(120_000);
  const payloads = corpus();

  it(
    `leaves no script-capable URL, event attribute, id, name, style other than text-align, or foreign ` +
      `tag (${payloads.length} payloads, htmlparser2)`,
    () => {
      assert.ok(payloads.length > 150);
      for (const payload of payloads) {
        const clean = sanitizeHtml(payload);
        for (const el of elements(clean)) {
          assert.ok(ALLOWED_TAGS.has(el.name), `${JSON.stringify(payload)} -> <${el.name}> in ${clean}`);
          for (const [attr, value] of Object.entries(el.attribs)) {
            assert.ok(!/^on/i.test(attr), `${JSON.stringify(payload)}: event attribute ${attr} in ${clean}`);
            assert.ok(attr !== "id" && attr !== "name", `${JSON.stringify(payload)}: ${attr} attribute in ${clean}`);
            assert.ok(!scriptCapable(value), `${JSON.stringify(payload)}: script-capable ${attr}=${value} in ${clean}`);
            if (attr === "style")
              assert.match(value, /^text-align:(left|right|center);?$/, `${JSON.stringify(payload)}: style ${value}`);
          }
        }
      }
    },
  );

  it("keeps what the pages need: showTable's markup with text-align, plain links, DataFrame tables", () => {
    const table =
      '<table class="dataframe"><caption>c</caption><thead><tr><th ' +
      'style="text-align:right">n</th></tr></thead><tbody><tr><td ' +
      'style="text-align:right">1.5</td></tr></tbody></table><p>3 rows</p>';
    assert.equal(sanitizeHtml(table), table);
    assert.equal(
      sanitizeHtml('<a href="https://arxiv.org/abs/2404.10102">paper</a> <a href="#sec">s</a>'),
      '<a href="https://arxiv.org/abs/2404.10102">paper</a> <a href="#sec">s</a>',
    );
  });

  describe("in Chromium, without the Content-Security-Policy", () => {
    let browser: Browser;
    before(async function () {
      try {
        browser = await chromium.launch({
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox"],
        });
      } catch (e) {
        console.log(`    skipped: no Chromium (${(e as Error).message.split("\n")[0]})`);
        this.skip();
      }
    });
    after(async () => browser?.close());

    it(
      "runs no script from any sanitized payload, and the DOM holds no id, name, event attribute or " + "script URL",
      async () => {
        const page = await browser.newPage();
        const ran: string[] = [];
        await page.exposeFunction("__xssReport", (s: string) => void ran.push(s));
        page.on("dialog", (d) => {
          ran.push(`dialog ${d.message()}`);
          void d.dismiss();
        });
        // One page holding every sanitized payload in its own container, as the site's output divs do.
        const body = payloads
          .map((p, i) => `<div class="output html" data-i="${i}">${sanitizeHtml(p)}</div>`)
          .join("\n");
        await page.setContent(
          `<!doctype html><html><head><script>window.__xss = (s) => ` +
            `window.__xssReport(String(s));</script></head><body>${body}</body></html>`,
          { waitUntil: "load" },
        );
        // Give timers, focus and load handlers a chance, then activate every link and button the way a reader would.
        await page.waitForTimeout(300);
        // A string, not a function: the DOM types are not in this project's TypeScript lib.
        const found = (await page.evaluate(
          `(() => {
        const bad = [];
        for (const el of document.querySelectorAll(".output *")) {
          for (const a of el.attributes) {
            if (/^on/i.test(a.name) || a.name === "id" || a.name === "name") bad.push("<" + ` +
            `el.tagName.toLowerCase() + " " + a.name + ">");
          }
          const href = el.getAttribute("href");
          if (el instanceof HTMLAnchorElement && href !== null && !href.startsWith("#") && !["http:", "https:", ` +
            `"mailto:"].includes(el.protocol)) bad.push("a href=" + href + " (" + el.protocol + ")");
          if (["SCRIPT", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH", "STYLE", "FORM", "BASE", "META", "LINK", ` +
            `"IMG", "INPUT", "BUTTON"].includes(el.tagName.toUpperCase())) bad.push("<" + ` +
            `el.tagName.toLowerCase() + ">");
        }
        // Click every link a script could hide behind; http(s) and mailto links are left alone: following one would
        // navigate this page away (and send a request off the machine) without testing anything the check above missed.
        for (const a of document.querySelectorAll(".output a")) if (!["http:", "https:", ` +
            `"mailto:"].includes(a.protocol)) a.click();
        return bad;
      })()`,
        )) as string[];
        await page.waitForTimeout(300);
        assert.deepEqual(found, []);
        assert.deepEqual(ran, []);
        // The harness itself works: an unsanitized payload does run.
        await page.setContent(
          `<!doctype html><html><head><script>window.__xss = (s) => ` +
            `window.__xssReport(String(s));</script></head><body><img src=x ` +
            `onerror="window.__xss('control')"></body></html>`,
          { waitUntil: "load" },
        );
        await page.waitForTimeout(300);
        assert.deepEqual(ran, ["control"]);
        await page.close();
      },
    );
  });
});
