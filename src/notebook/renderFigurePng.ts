// Static PNG of a Plotly figure, rendered by plotly.js itself in Debian's headless Chromium, so the picture GitHub shows
// is drawn by the same library as the interactive chart. One browser per process: started lazily on the first figure
// (or ahead of it by warmRenderer, which a notebook kernel does on importing the library), closed after `idleCloseMs`
// without work (so scripts can exit; not in a kernel, which keeps it until it exits) or by `closeRenderer()`.
// playwright-core ends the browser with the process, on a normal exit as when the kernel is killed (the browser's pipe
// to it closes). No network: plotly.js is
// injected from node_modules and every request is aborted.
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

let pagePromise: Promise<{ browser: Browser; page: Page }> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let pending = 0;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

async function startPage(): Promise<{ browser: Browser; page: Page }> {
  const { chromium } = await import("playwright-core");
  const executablePath = chromiumPath();
  // playwright-core gives each launch a fresh temporary --user-data-dir and deletes it on close.
  const browser = await chromium
    .launch({ executablePath, headless: true, args: chromiumArgs })
    .catch((e: Error) => {
      throw new Error(`renderFigurePng: cannot start Chromium at ${executablePath} (set CHROMIUM_PATH, or run scripts/setup.sh): ${e.message}`);
    });
  const page = await browser.newPage();
  await page.route("**/*", (route) => route.abort());
  await page.setContent("<!doctype html><html><body></body></html>");
  const plotlyPath = require.resolve("plotly.js-dist-min/plotly.min.js");
  await page.addScriptTag({ content: readFileSync(plotlyPath, "utf8") });
  return { browser, page };
}

/**
 * Starts the browser now, in the background, so the first chart does not wait for it (a Chromium start costs about 2 s,
 * much more on a loaded machine). The library calls this when it is imported in a notebook kernel, where the browser
 * then stays open until the kernel exits (`keepOpen`): every later chart reuses it. A start failure is not reported
 * here but by the first render, which retries.
 */
export function warmRenderer(options: { keepOpen?: boolean } = {}): void {
  if (options.keepOpen) keepOpen = true;
  if (pagePromise) return;
  pagePromise = startPage();
  pagePromise.catch(() => {
    pagePromise = null;
  });
}

let keepOpen = false;

/** Renders `figure` at its layout size (or 800 x 500 CSS px) times `scale`; returns the PNG bytes. */
export async function renderFigurePng(figure: Figure, options: RenderOptions = {}): Promise<Buffer> {
  const o = { ...renderDefaults, ...options };
  if (!(o.scale > 0 && o.scale <= 4)) throw new Error(`renderFigurePng: invalid scale: ${o.scale} (expected 0 < scale <= 4)`);
  const widthPx = typeof figure.layout.width === "number" ? figure.layout.width : 800;
  const heightPx = typeof figure.layout.height === "number" ? figure.layout.height : 500;
  pending++;
  if (idleTimer) clearTimeout(idleTimer);
  try {
    if (!pagePromise) pagePromise = startPage();
    const { page } = await pagePromise.catch((e) => {
      pagePromise = null;
      throw e;
    });
    // The figure goes in as a JSON string: playwright's typed argument serialisation chokes on the recursive Json type.
    const dataUrl: unknown = await page.evaluate(
      // Runs in the page, where plotly.min.js defined the global Plotly.
      ([json, w, h, s]) =>
        (globalThis as any).Plotly.toImage(JSON.parse(json), { format: "png", width: w, height: h, scale: s }),
      [JSON.stringify(figure), widthPx, heightPx, o.scale] as [string, number, number, number],
    );
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
  const p = pagePromise;
  pagePromise = null;
  if (p) await p.then(({ browser }) => browser.close()).catch(() => undefined);
}
