// The frame every page shares. The Content-Security-Policy makes the offline promise enforceable: scripts, styles and
// images may come only from the site itself (or data: images), so a stray CDN link or an injected handler is blocked by
// the browser, not just absent by convention.
import { escapeHtml } from "./escapeHtml";

/**
 * The plotly.js bundles the site serves from assets/. The basic one holds the trace modules bar, pie and scatter (its
 * README, plotly.js-basic-dist-min 4.1.1), every chart the project draws; it is a quarter of the full bundle's bytes
 * (1.2 MB against 4.8 MB) and headless Chromium runs its start-up in a fraction of the time. A page with any other
 * trace type (a user's heatmap) loads the full bundle: the basic one would leave such a trace out.
 */
export const sitePlotlyBundles = {
  basic: { file: "plotly-basic.min.js", module: "plotly.js-basic-dist-min/plotly-basic.min.js" },
  full: { file: "plotly.min.js", module: "plotly.js-dist-min/plotly.min.js" },
} as const;

const BASIC_TRACE_TYPES: ReadonlySet<string> = new Set(["bar", "pie", "scatter"]);

/** The bundle a page with these charts loads: null without charts, basic when it has every trace type, else full. */
function plotlyBundleFor(charts: readonly { readonly data: readonly unknown[] }[]): "basic" | "full" | null {
  if (charts.length === 0) return null;
  const types = charts.flatMap((c) =>
    c.data.map((t) => {
      const type = typeof t === "object" && t !== null ? (t as { type?: unknown }).type : undefined;
      return typeof type === "string" ? type : "scatter"; // plotly.js's default trace type
    }),
  );
  return types.every((t) => BASIC_TRACE_TYPES.has(t)) ? "basic" : "full";
}

export interface PageOptions {
  readonly title: string;
  readonly body: string;
  /** The charts the page draws (their Plotly specs): plotly.js is loaded only for charts, in the bundle they need. */
  readonly charts: readonly { readonly data: readonly unknown[] }[];
  /** Link back to the index; omitted on the index itself. */
  readonly homeHref?: string;
}

const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src " +
  "'self' data:; base-uri 'none'; form-action 'none'";

export function renderPage(options: PageOptions): string {
  const bundle = plotlyBundleFor(options.charts);
  const scripts = [...(bundle !== null ? [`assets/${sitePlotlyBundles[bundle].file}`] : []), "assets/site.js"];
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
