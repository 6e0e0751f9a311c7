// Static PNG of a Plotly figure, rendered by plotly.js itself in Debian's headless Chromium, so the picture GitHub shows
// is drawn by the same library as the interactive chart. One browser per process: started lazily on the first figure
// (or ahead of it by warmRenderer, which a notebook kernel does on importing the library), closed after `idleCloseMs`
// without work (so scripts can exit; not in a kernel, which keeps it until it exits) or by `closeRenderer()`.
// playwright-core ends the browser with the process, on a normal exit as when the kernel is killed (the browser's pipe
// to it closes). No network: plotly.js is injected from node_modules and every request is aborted.
//
// Two bundles of the same plotly.js version (package.json pins both): most of a first chart's cost is Chromium running
// plotly.js's start-up code, and the basic bundle (scatter, bar, pie: every chart the project draws) starts in about a
// quarter of the full bundle's time. A figure with any other trace type (a user's heatmap) is drawn by the full
// bundle, in a second page opened when first needed: the basic bundle would silently leave such a trace out. Both
// bundles draw the same bytes for the same figure (test/notebook/renderFigurePng.test.ts).
//
// What the bytes depend on: the figure JSON, the pixel size and scale, plotly.js's version, Chromium's version and the
// installed fonts (the figures ask for DejaVu Sans, installed by setup). Same machine and packages -> same bytes.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import type { Figure } from "../plot/types";

export interface RenderOptions {
  /** Device pixels per CSS pixel: 2 keeps text crisp on high-DPI screens. */
  readonly scale?: number;
  /** Close the browser after this long without a render. */
  readonly idleCloseMs?: number;
  /** Which plotly.js bundle draws it; default: the basic one when it has every trace type of the figure. */
  readonly bundle?: PlotlyBundle;
}

export const renderDefaults = { scale: 2, idleCloseMs: 30_000 };

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--font-render-hinting=none",
];

/** The plotly.js bundles a page can load: `basic` first; `full` only for a trace type the basic one lacks. */
export const plotlyBundles = {
  basic: "plotly.js-basic-dist-min/plotly-basic.min.js",
  full: "plotly.js-dist-min/plotly.min.js",
} as const;
export type PlotlyBundle = keyof typeof plotlyBundles;

interface BundlePage {
  readonly page: Page;
  /** The trace types this bundle registered (from plotly.js's own schema). */
  readonly traceTypes: ReadonlySet<string>;
}

interface Renderer {
  readonly browser: Browser;
  readonly pages: Map<PlotlyBundle, Promise<BundlePage>>;
}

let rendererPromise: Promise<Renderer> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let pending = 0;
/** The last draw asked for: the next one starts after it. */
let drawing: Promise<void> = Promise.resolve();

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

async function startRenderer(): Promise<Renderer> {
  const { chromium } = await import("playwright-core");
  const executablePath = chromiumPath();
  // playwright-core gives each launch a fresh temporary --user-data-dir and deletes it on close.
  const browser = await chromium
    .launch({ executablePath, headless: true, args: chromiumArgs })
    .catch((e: Error) => {
      throw new Error(`renderFigurePng: cannot start Chromium at ${executablePath} (set CHROMIUM_PATH, or run scripts/setup.sh): ${e.message}`);
    });
  const renderer: Renderer = { browser, pages: new Map() };
  await bundlePage(renderer, "basic");
  return renderer;
}

/** The page that has `bundle` loaded, opened on first use. */
function bundlePage(renderer: Renderer, bundle: PlotlyBundle): Promise<BundlePage> {
  let p = renderer.pages.get(bundle);
  if (!p) {
    p = openBundlePage(renderer.browser, bundle);
    renderer.pages.set(bundle, p);
    p.catch(() => renderer.pages.delete(bundle));
  }
  return p;
}

async function openBundlePage(browser: Browser, bundle: PlotlyBundle): Promise<BundlePage> {
  const page = await browser.newPage();
  await page.route("**/*", (route) => route.abort());
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ content: readFileSync(require.resolve(plotlyBundles[bundle]), "utf8") });
  const types: unknown = await page.evaluate(() => Object.keys((globalThis as any).Plotly.PlotSchema.get().traces));
  if (!Array.isArray(types) || types.length === 0) throw new Error(`renderFigurePng: ${plotlyBundles[bundle]} registered no trace types`);
  return { page, traceTypes: new Set(types.map(String)) };
}

/** The trace types of `figure` (plotly.js draws a trace without `type` as a scatter). */
export function figureTraceTypes(figure: Figure): string[] {
  return [...new Set(figure.data.map((t) => (typeof t.type === "string" ? t.type : "scatter")))].sort();
}

/** The page whose bundle draws every trace of `figure`: the basic one when it can, else the full one. */
async function pageFor(renderer: Renderer, figure: Figure, bundle?: PlotlyBundle): Promise<Page> {
  if (bundle) return (await bundlePage(renderer, bundle)).page;
  const basic = await bundlePage(renderer, "basic");
  if (figureTraceTypes(figure).every((t) => basic.traceTypes.has(t))) return basic.page;
  return (await bundlePage(renderer, "full")).page;
}

/**
 * Starts the browser and loads the basic bundle now, in the background, so the first chart waits less for them (about
 * 0.7 s of Chromium's time with the basic bundle, 1.7 s with the full one, more on a loaded machine). The library calls this when it is imported in a notebook kernel, where the browser
 * then stays open until the kernel exits (`keepOpen`): every later chart reuses it. A start failure is not reported
 * here but by the first render, which retries.
 */
export function warmRenderer(options: { keepOpen?: boolean } = {}): void {
  if (options.keepOpen) keepOpen = true;
  if (rendererPromise) return;
  rendererPromise = startRenderer();
  rendererPromise.catch(() => {
    rendererPromise = null;
  });
}

let keepOpen = false;

/** Throws unless 0 < scale <= 4 (device pixels per CSS pixel). */
export function checkScale(scale: number): void {
  if (!(scale > 0 && scale <= 4)) throw new Error(`renderFigurePng: invalid scale: ${scale} (expected 0 < scale <= 4)`);
}

/** Renders `figure` at its layout size (or 800 x 500 CSS px) times `scale`; returns the PNG bytes. */
export async function renderFigurePng(figure: Figure, options: RenderOptions = {}): Promise<Buffer> {
  const o = { ...renderDefaults, ...options };
  if (o.bundle !== undefined && !Object.prototype.hasOwnProperty.call(plotlyBundles, o.bundle)) throw new Error(`renderFigurePng: unknown bundle: ${String(o.bundle)} (expected ${Object.keys(plotlyBundles).join(" or ")})`);
  checkScale(o.scale);
  const widthPx = typeof figure.layout.width === "number" ? figure.layout.width : 800;
  const heightPx = typeof figure.layout.height === "number" ? figure.layout.height : 500;
  pending++;
  if (idleTimer) clearTimeout(idleTimer);
  try {
    if (!rendererPromise) rendererPromise = startRenderer();
    const renderer = await rendererPromise.catch((e) => {
      rendererPromise = null;
      throw e;
    });
    const page = await pageFor(renderer, figure, o.bundle);
    // One figure at a time (callers such as executeNotebook may ask for several at once): plotly.js draws each alone in
    // its page, as it does in a kernel.
    const draw = drawing.then(() =>
      page.evaluate(
        // Runs in the page, where the plotly.js bundle defined the global Plotly. The figure goes in as a JSON string:
        // playwright's typed argument serialisation chokes on the recursive Json type.
        ([json, w, h, s]) =>
          (globalThis as any).Plotly.toImage(JSON.parse(json), { format: "png", width: w, height: h, scale: s }),
        [JSON.stringify(figure), widthPx, heightPx, o.scale] as [string, number, number, number],
      ),
    );
    drawing = draw.then(() => undefined, () => undefined);
    const dataUrl: unknown = await draw;
    const prefix = "data:image/png;base64,";
    if (typeof dataUrl !== "string" || !dataUrl.startsWith(prefix)) throw new Error("renderFigurePng: plotly returned no PNG");
    return Buffer.from(dataUrl.slice(prefix.length), "base64");
  } finally {
    pending--;
    if (pending === 0 && !keepOpen) {
      idleTimer = setTimeout(() => void closeRenderer(), o.idleCloseMs);
      idleTimer.unref();
    }
  }
}

/** Closes the browser (if started). Safe to call at any time; the next render starts a new one. */
export async function closeRenderer(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const p = rendererPromise;
  rendererPromise = null;
  if (p) await p.then(({ browser }) => browser.close()).catch(() => undefined);
}
