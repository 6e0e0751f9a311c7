// The chart renderer itself: one headless Chromium with a page per plotly.js bundle, drawing one figure at a time.
// It runs in the renderer's worker thread (renderWorker.js), never in the caller's thread: renderFigurePng.ts explains
// why and owns its life. No network: plotly.js is injected from node_modules and every request is aborted.
//
// Two bundles of the same plotly.js version (package.json pins both): most of a first chart's cost is Chromium running
// plotly.js's start-up code, and the basic bundle (scatter, bar, pie: every chart the project draws) starts in about a
// quarter of the full bundle's time. A figure with any other trace type (a user's heatmap) is drawn by the full
// bundle, in a second page opened when first needed: the basic bundle would silently leave such a trace out. Both
// bundles draw the same bytes for the same figure (test/notebook/renderFigurePng.test.ts).
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import type { Figure } from "../plot/types";

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

/** One draw: the figure as JSON, its CSS size, the scale and (optionally) the bundle that must draw it. */
export interface DrawRequest {
  readonly figureJson: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly scale: number;
  readonly bundle?: PlotlyBundle;
  readonly executablePath: string;
}

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
let playwright: Promise<typeof import("playwright-core")> | null = null;

/** playwright-core, loaded once (about 0.3 s: its client and its in-process server). */
function loadPlaywright(): Promise<typeof import("playwright-core")> {
  playwright ??= import("playwright-core");
  return playwright;
}

/** The last draw asked for: the next one starts after it. */
let drawing: Promise<void> = Promise.resolve();

async function startRenderer(executablePath: string): Promise<Renderer> {
  const { chromium } = await loadPlaywright();
  // playwright-core gives each launch a fresh temporary --user-data-dir and deletes it on close.
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs }).catch((e: Error) => {
    throw new Error(
      `renderFigurePng: cannot start Chromium at ${executablePath} (set CHROMIUM_PATH, or run ` +
        `scripts/setup.sh): ${e.message}`,
    );
  });
  const renderer: Renderer = { browser, pages: new Map() };
  await bundlePage(renderer, "basic");
  return renderer;
}

/** The running renderer, started if needed; a failed start is forgotten, so the next call retries. */
function renderer(executablePath: string): Promise<Renderer> {
  if (!rendererPromise) {
    rendererPromise = startRenderer(executablePath);
    rendererPromise.catch(() => {
      rendererPromise = null;
    });
  }
  return rendererPromise;
}

/** The page that has `bundle` loaded, opened on first use. */
function bundlePage(r: Renderer, bundle: PlotlyBundle): Promise<BundlePage> {
  let p = r.pages.get(bundle);
  if (!p) {
    p = openBundlePage(r.browser, bundle);
    r.pages.set(bundle, p);
    p.catch(() => r.pages.delete(bundle));
  }
  return p;
}

async function openBundlePage(browser: Browser, bundle: PlotlyBundle): Promise<BundlePage> {
  const page = await browser.newPage();
  await page.route("**/*", (route) => route.abort());
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ content: readFileSync(require.resolve(plotlyBundles[bundle]), "utf8") });
  const types: unknown = await page.evaluate(() => Object.keys((globalThis as any).Plotly.PlotSchema.get().traces));
  if (!Array.isArray(types) || types.length === 0)
    throw new Error(`renderFigurePng: ${plotlyBundles[bundle]} registered no trace types`);
  return { page, traceTypes: new Set(types.map(String)) };
}

/** The trace types of `figure` (plotly.js draws a trace without `type` as a scatter). */
export function figureTraceTypes(figure: Figure): string[] {
  return [...new Set(figure.data.map((t) => (typeof t.type === "string" ? t.type : "scatter")))].sort();
}

/** The page whose bundle draws every trace of `figure`: the basic one when it can, else the full one. */
async function pageFor(r: Renderer, figure: Figure, bundle?: PlotlyBundle): Promise<Page> {
  if (bundle) return (await bundlePage(r, bundle)).page;
  const basic = await bundlePage(r, "basic");
  if (figureTraceTypes(figure).every((t) => basic.traceTypes.has(t))) return basic.page;
  return (await bundlePage(r, "full")).page;
}

/** Loads playwright-core only, starting no browser (a failure is left to the first start). */
export function prepareEngine(): void {
  loadPlaywright().catch(() => undefined);
}

/** Starts the browser and loads the basic bundle, without drawing (errors are left to the next draw). */
export function warmEngine(executablePath: string): void {
  renderer(executablePath).catch(() => undefined);
}

/** Draws one figure; returns the PNG bytes. Draws run one at a time, in the order asked. */
export async function drawFigure(request: DrawRequest): Promise<Buffer> {
  const r = await renderer(request.executablePath);
  const page = await pageFor(r, JSON.parse(request.figureJson) as Figure, request.bundle);
  const draw = drawing.then(() =>
    page.evaluate(
      // Runs in the page, where the plotly.js bundle defined the global Plotly. The figure goes in as a JSON string:
      // playwright's typed argument serialisation chokes on the recursive Json type.
      ([json, w, h, s]) =>
        (globalThis as any).Plotly.toImage(JSON.parse(json), { format: "png", width: w, height: h, scale: s }),
      [request.figureJson, request.widthPx, request.heightPx, request.scale] as [string, number, number, number],
    ),
  );
  drawing = draw.then(
    () => undefined,
    () => undefined,
  );
  const dataUrl: unknown = await draw;
  const prefix = "data:image/png;base64,";
  if (typeof dataUrl !== "string" || !dataUrl.startsWith(prefix))
    throw new Error("renderFigurePng: plotly returned no PNG");
  return Buffer.from(dataUrl.slice(prefix.length), "base64");
}

/** Closes the browser (if started); the next draw starts a new one. */
export async function closeEngine(): Promise<void> {
  const p = rendererPromise;
  rendererPromise = null;
  if (p) await p.then(({ browser }) => browser.close()).catch(() => undefined);
}
