// text/html outputs (tables from the display helpers) are not trusted blindly: a table cell holding a record
// description like `<img src=x onerror=alert(1)>` must show as text even if the code that built the table forgot to
// escape it. An allow-list keeps table and text markup; every other tag is escaped and so shows as text.
import { escapeHtml } from "./escapeHtml";

const allowedTags = new Set([
  "a", "abbr", "b", "br", "caption", "code", "col", "colgroup", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
  "i", "li", "ol", "p", "pre", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
  "tr", "ul",
]);
const voidTags = new Set(["br", "col", "hr"]);
// No event handlers; `href` and `style` are checked separately (a style could fetch through url()).
const allowedAttributes = new Set(["class", "title", "colspan", "rowspan", "align", "scope", "href", "id", "style"]);
// The only inline styles kept: alignment, as showTable writes for numeric columns (`style="text-align:right"`).
const allowedStyle = /^\s*text-align\s*:\s*(left|right|center)\s*$/i;

const tagPattern =
  /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const attributePattern = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Returns HTML holding only allow-listed tags and attributes; anything else in `html` is escaped as text. */
export function sanitizeHtml(html: string): string {
  let out = "";
  let last = 0;
  for (const match of html.matchAll(tagPattern)) {
    const index = match.index ?? 0;
    out += escapeText(html.slice(last, index));
    last = index + match[0].length;
    if (match[0].startsWith("<!--")) continue;
    const [, closing, rawName, attributes] = match;
    const name = rawName.toLowerCase();
    if (!allowedTags.has(name)) {
      out += escapeHtml(match[0]);
    } else if (closing) {
      out += voidTags.has(name) ? "" : `</${name}>`;
    } else {
      out += `<${name}${sanitizeAttributes(attributes)}>`;
    }
  }
  return out + escapeText(html.slice(last));
}

function sanitizeAttributes(attributes: string): string {
  let out = "";
  for (const match of attributes.matchAll(attributePattern)) {
    const name = match[1].toLowerCase();
    const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
    if (!allowedAttributes.has(name)) continue;
    if (name === "href" && !isSafeHref(value)) continue;
    if (name === "style") {
      const kept = value.split(";").filter((declaration) => allowedStyle.test(declaration)).map((d) => d.trim().toLowerCase().replace(/\s+/g, ""));
      if (kept.length > 0) out += ` style="${escapeHtml(kept.join(";"))}"`;
      continue;
    }
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

/** Links may go to the web or within the page, never run script (`javascript:`) or embed data. */
export function isSafeHref(href: string): boolean {
  const trimmed = href.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  return scheme === null ? true : ["http", "https", "mailto"].includes(scheme[1].toLowerCase());
}

// Text between tags: `<` and `>` never survive raw; `&` survives only as a well-formed entity.
function escapeText(text: string): string {
  return text
    .replace(/&(?!(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[entity];
  });
}
