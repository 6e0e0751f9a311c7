// Markdown cells and text/markdown outputs. markdown-it rather than nbconvert's mistune: rendering happens in
// TypeScript (one language, testable without Python), and with `html: false` raw HTML in markdown is escaped, which
// matters because text/markdown outputs carry data (numbers and names quoted from the computation). Math ($...$,
// $$...$$) is rendered by KaTeX to MathML at build time, which browsers draw natively: no MathJax, no fonts, no
// network. Both are loaded on first use: the library is imported by every notebook, which never renders markdown.
import type MarkdownIt from "markdown-it";
import type katexModule from "katex";

let instance: MarkdownIt | null = null;

function markdownIt(): MarkdownIt {
  if (instance) return instance;

  const MarkdownItClass = require("markdown-it") as typeof MarkdownIt;
  const md = new MarkdownItClass({ html: false, linkify: false, typographer: false });
  md.inline.ruler.after("escape", "math", (state, silent) => {
    const src = state.src;
    const start = state.pos;
    if (src.charCodeAt(start) !== 0x24 /* $ */) return false;
    const display = src.charCodeAt(start + 1) === 0x24;
    const delimiter = display ? "$$" : "$";
    const contentStart = start + delimiter.length;
    let end = contentStart;
    for (;;) {
      end = src.indexOf(delimiter, end);
      if (end < 0) return false;
      // Pandoc's other money rule: an inline closing `$` is never followed by a digit (`about $5.6M and $3M`).
      const escaped = src.charCodeAt(end - 1) === 0x5c; /* \ */
      const beforeDigit = !display && /[0-9]/.test(src.charAt(end + 1));
      if (!escaped && !beforeDigit) break;
      end += 1;
    }
    const tex = src.slice(contentStart, end);
    // `$5 and $6` is money, not math: inline math must not start or end with a space (pandoc's rule).
    if (tex.trim() === "" || (!display && (/^\s/.test(tex) || /\s$/.test(tex)))) return false;
    if (!silent) {
      const token = state.push("math", "", 0);
      token.content = tex;
      token.meta = { display };
    }
    state.pos = end + delimiter.length;
    return true;
  });
  md.renderer.rules.math = (tokens, index) => renderMath(tokens[index].content, tokens[index].meta.display);
  instance = md;
  return md;
}

/** TeX to MathML; a syntax error renders the source in red rather than failing the page (KaTeX escapes it). */
export function renderMath(tex: string, display: boolean): string {
  const katex = require("katex") as typeof katexModule;
  return katex.renderToString(tex, { output: "mathml", displayMode: display, throwOnError: false, trust: false });
}

export function renderMarkdown(markdown: string): string {
  return markdownIt().render(markdown);
}
