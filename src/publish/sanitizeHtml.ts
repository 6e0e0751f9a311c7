// text/html outputs (tables from the display helpers, a user's own HTML) are not trusted: a table cell holding a record
// description like `<img src=x onerror=alert(1)>` must show as text even if the code that built the table forgot to
// escape it. The parsing and filtering is done by sanitize-html (apostrophecms; a real HTML tokenizer, htmlparser2),
// configured to the allow-list the pages need: table and text markup (showTable and DataFrame tables, with their
// text-align styles) and plain links. Every other tag is escaped, so it shows as text; script and style elements
// go with their content. No `id` or `name` passes, so an output cannot clobber a chart container or a global. The
// page's Content-Security-Policy (renderPage.ts) is the second layer: no inline script runs even if markup got through.

/**
 * The part of sanitize-html's options used here. Its own types (@types/sanitize-html) use import attributes, which the
 * TypeScript of `npx tsc` (5.0) and of the tslab kernel cannot parse, so the module is loaded untyped.
 */
interface SanitizeOptions {
  readonly allowedTags: readonly string[];
  readonly allowedAttributes: Readonly<Record<string, readonly string[]>>;
  readonly allowedStyles: Readonly<Record<string, Readonly<Record<string, readonly RegExp[]>>>>;
  readonly allowedSchemes: readonly string[];
  readonly allowedSchemesAppliedToAttributes: readonly string[];
  readonly allowProtocolRelative: boolean;
  readonly disallowedTagsMode: "escape";
  readonly preserveEscapedAttributes: boolean;
  readonly nonTextTags: readonly string[];
  readonly parser: { readonly lowerCaseTags: boolean; readonly lowerCaseAttributeNames: boolean };
  readonly transformTags: Readonly<
    Record<
      string,
      (tagName: string, attribs: Record<string, string>) => { tagName: string; attribs: Record<string, string> }
    >
  >;
}

type Sanitize = (html: string, options: SanitizeOptions) => string;
let sanitizer: Sanitize | null = null;
/**
 * sanitize-html, loaded on first use (with its parser and postcss: the library's heaviest import, which notebooks never
 * need).
 */
function sanitize(html: string, options: SanitizeOptions): string {
  sanitizer ??= require("sanitize-html") as Sanitize;
  return sanitizer(html, options);
}

const allowedTags = [
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
];

const common = ["class", "title"];
const cell = [...common, "colspan", "rowspan", "align", "scope", "style"];

/** Control and white-space characters, ASCII and Unicode (no-break and zero-width spaces, line separators, BOM). */
const HIDDEN = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;

const options: SanitizeOptions = {
  allowedTags,
  allowedAttributes: {
    "*": common,
    a: [...common, "href"],
    td: cell,
    th: cell,
    col: [...common, "span", "style"],
    colgroup: [...common, "span"],
    ol: [...common, "start"],
  },
  // The only inline style kept: alignment, as showTable writes for numeric columns (`style="text-align:right"`).
  allowedStyles: { "*": { "text-align": [/^(left|right|center)$/] } },
  // Links go to the web, to mail, or within the site; never javascript:, data:, vbscript: (sanitize-html strips
  // whitespace and control characters before it reads the scheme, so `java\tscript:` is caught).
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  // An escaped tag shows with its attributes, as typed (`<img src=x onerror=...>` reads as that text).
  preserveEscapedAttributes: true,
  // Raw-text elements: escaping their content would still show it; drop it.
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "noscript",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
  ],
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
  // Our own check on top of sanitize-html's: an href with any control or white-space character (sanitize-html lets
  // `java\x7fscript:` and a no-break space through; browsers read them as invalid URLs today) or a scheme outside the
  // list is dropped. A link that needs a space writes %20.
  transformTags: {
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      return {
        tagName,
        attribs: href !== undefined && isSafeHref(href) && !HIDDEN.test(href) ? { ...rest, href } : rest,
      };
    },
  },
};

/** Returns HTML holding only allow-listed tags and attributes; any other tag in `html` is escaped as text. */
export function sanitizeHtml(html: string): string {
  return sanitize(html, options);
}

/** Links may go to the web or within the page, never run script (`javascript:`) or embed data. */
function isSafeHref(href: string): boolean {
  // The same reading of the scheme as sanitize-html: whitespace and control characters do not count.
  const trimmed = href.replace(new RegExp(HIDDEN.source, "g"), "");
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  return scheme === null ? !trimmed.startsWith("//") : ["http", "https", "mailto"].includes(scheme[1].toLowerCase());
}
