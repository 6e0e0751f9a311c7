// The frame every page shares. The Content-Security-Policy makes the offline promise enforceable: scripts, styles and
// images may come only from the site itself (or data: images), so a stray CDN link or an injected handler is blocked by
// the browser, not just absent by convention.
import { escapeHtml } from "./escapeHtml";

export interface PageOptions {
  readonly title: string;
  readonly body: string;
  /** Whether the page draws charts: only then is plotly.js loaded. */
  readonly hasCharts: boolean;
  /** Link back to the index; omitted on the index itself. */
  readonly homeHref?: string;
}

const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src " +
  "'self' data:; base-uri 'none'; form-action 'none'";

export function renderPage(options: PageOptions): string {
  const scripts = [...(options.hasCharts ? ["assets/plotly.min.js"] : []), "assets/site.js"];
  return (
    [
      "<!DOCTYPE html>",
      '<html lang="en">',
      "<head>",
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(options.title)}</title>`,
      // An empty icon stops the browser asking the server for /favicon.ico (a 404 is a console error).
      '<link rel="icon" href="data:,">',
      '<link rel="stylesheet" href="assets/site.css">',
      "</head>",
      "<body>",
      options.homeHref !== undefined
        ? `<nav class="site-nav"><a href="${escapeHtml(options.homeHref)}">&larr; All notebooks</a></nav>`
        : "",
      '<main class="page">',
      options.body,
      "</main>",
      ...scripts.map((src) => `<script src="${src}"></script>`),
      "</body>",
      "</html>",
      "",
    ]
      .filter((line) => line !== "")
      .join("\n") + "\n"
  );
}
