// Static PNG of a Plotly figure, rendered by plotly.js itself in Debian's headless Chromium, so the picture GitHub
// shows is drawn by the same library as the interactive chart. One browser per process, driven from a worker thread
// (renderWorker.js running renderEngine.ts): started lazily on the first figure (or ahead of it by warmRenderer, which
// the project's kernel calls early: tslabPatches.ts), closed after `idleCloseMs` without work (not in a kernel, which
// keeps it until it exits) or by `closeRenderer()`.
//
// Why a worker thread: starting the browser and loading plotly.js takes a dozen round trips with Chromium, and in a
// kernel the main thread is mostly blocked (tslab type-checks every cell synchronously), so a browser started there
// made no progress until the cells let go: the first chart still waited about 0.9 s for it. The worker's thread keeps
// the browser going meanwhile. The worker is unreferenced whenever no draw is pending, so it never keeps a script
// alive; when the process ends, the browser's pipe to it closes and playwright-core's browser goes with it.
//
// What the bytes depend on: the figure JSON, the pixel size and scale, plotly.js's version, Chromium's version and the
// installed fonts (the figures ask for DejaVu Sans, installed by setup). Same machine and packages -> same bytes.
import { join } from "node:path";
import { SHARE_ENV, Worker } from "node:worker_threads";
import type { Figure } from "../plot/types";
import { plotlyBundles, type DrawRequest, type PlotlyBundle } from "./renderEngine";

export { figureTraceTypes, plotlyBundles, type PlotlyBundle } from "./renderEngine";

export interface RenderOptions {
  /** Device pixels per CSS pixel: 2 keeps text crisp on high-DPI screens. */
  readonly scale?: number;
  /** Close the browser after this long without a render. */
  readonly idleCloseMs?: number;
  /** Which plotly.js bundle draws it; default: the basic one when it has every trace type of the figure. */
  readonly bundle?: PlotlyBundle;
}

export const renderDefaults = { scale: 2, idleCloseMs: 30_000 };

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

type Reply = { readonly id: number; readonly png?: Uint8Array; readonly error?: string; readonly closed?: boolean };

let worker: Worker | null = null;
let nextId = 1;
/** Requests awaiting a reply, each with the worker it was sent to (a closing worker fails only its own). */
const waiting = new Map<
  number,
  { readonly worker: Worker; resolve: (reply: Reply) => void; reject: (error: Error) => void }
>();
const pendingOn = (w: Worker) => [...waiting.values()].some((entry) => entry.worker === w);
let idleTimer: NodeJS.Timeout | null = null;
let keepOpen = false;

/**
 * The renderer's worker, started on first use. A worker that dies fails what it was asked and is replaced next time.
 */
function rendererWorker(): Worker {
  if (worker) return worker;
  // execArgv: []: the worker needs none of the parent's loaders (renderWorker.js registers tsx itself next to src/).
  // SHARE_ENV: CHROMIUM_PATH and the rest as the process has them now, not as they were when the worker started.
  const w = new Worker(join(__dirname, "renderWorker.js"), { execArgv: [], env: SHARE_ENV });
  w.on("message", (reply: Reply) => {
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    entry.resolve(reply);
    if (!pendingOn(w)) w.unref();
  });
  const fail = (error: Error) => {
    if (worker === w) worker = null;
    for (const [id, entry] of waiting) {
      if (entry.worker !== w) continue;
      waiting.delete(id);
      entry.reject(new Error(`renderFigurePng: the renderer's worker stopped: ${error.message}`));
    }
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`exit code ${code}`)));
  w.unref();
  worker = w;
  return w;
}

/** Sends a message that expects a reply to `w` (default: the current worker); `w` keeps the process alive till then. */
function ask(
  message: { readonly type: "draw"; readonly request: DrawRequest } | { readonly type: "close" },
  w: Worker = rendererWorker(),
): Promise<Reply> {
  const id = nextId++;
  return new Promise<Reply>((resolve, reject) => {
    waiting.set(id, { worker: w, resolve, reject });
    w.ref();
    w.postMessage({ ...message, id });
  });
}

/**
 * Starts the browser and loads the basic bundle now, in the background, so the first chart waits less for them (about
 * 0.7 s of Chromium's time with the basic bundle, more on a loaded machine). The library calls this when it is imported
 * in a notebook kernel, where the browser then stays open until the kernel exits (`keepOpen`): every later chart
 * reuses it. A start failure is not reported here but by the first render, which retries.
 */
export function warmRenderer(options: { keepOpen?: boolean } = {}): void {
  if (options.keepOpen) keepOpen = true;
  rendererWorker().postMessage({ type: "warm", executablePath: chromiumPath() });
}

/**
 * Loads the renderer's browser driver (playwright-core, about 0.3 s of the worker thread's time) without starting a
 * browser. The project's kernel calls it once it has answered its first request (afterFirstReply.ts), so a
 * later warmRenderer has only Chromium to start; a kernel that never draws pays that load and no browser.
 */
export function prepareRenderer(): void {
  rendererWorker().postMessage({ type: "prepare" });
}

/**
 * Set to "1" in the environment of the kernels that executeNotebook starts (npm run notebooks, publishing, the tests):
 * a chart's PNG is then not drawn in the kernel but by the process running the notebooks, in one browser for all of
 * them (six notebooks published two at a time then start one Chromium, not six). The chart's output carries, under
 * `deferredPngKey` (show.ts) in its metadata, the scale to draw at; executeNotebook draws the PNG with the same
 * renderFigurePng and puts it where the kernel would have, so the saved notebook has the same bytes either way.
 */
export const deferredPngEnv = "SPEEDRUN_DEFER_CHART_PNG";

/**
 * Whether a notebook kernel should prepare and start the renderer ahead of its first chart: not when the process
 * running the notebook draws the charts (`deferredPngEnv`), nor when SPEEDRUN_NO_RENDERER_WARMUP=1.
 */
export function kernelWarmupAllowed(): boolean {
  return process.env.SPEEDRUN_NO_RENDERER_WARMUP !== "1" && !chartPngDeferred();
}

/** Whether this process leaves its charts' PNGs to the process running the notebook (`deferredPngEnv` is "1"). */
export function chartPngDeferred(): boolean {
  return process.env[deferredPngEnv] === "1";
}

/** A figure's size in CSS pixels: its layout's width and height, else 800 x 500. */
export function figureSizePx(figure: Figure): { width: number; height: number } {
  return {
    width: typeof figure.layout.width === "number" ? figure.layout.width : 800,
    height: typeof figure.layout.height === "number" ? figure.layout.height : 500,
  };
}

/** Throws unless 0 < scale <= 4 (device pixels per CSS pixel). */
export function checkScale(scale: number): void {
  if (!(scale > 0 && scale <= 4)) throw new Error(`renderFigurePng: invalid scale: ${scale} (expected 0 < scale <= 4)`);
}

let pending = 0;

/** Renders `figure` at its layout size (or 800 x 500 CSS px) times `scale`; returns the PNG bytes. */
export async function renderFigurePng(figure: Figure, options: RenderOptions = {}): Promise<Buffer> {
  const o = { ...renderDefaults, ...options };
  if (o.bundle !== undefined && !Object.prototype.hasOwnProperty.call(plotlyBundles, o.bundle))
    throw new Error(
      `renderFigurePng: unknown bundle: ${String(o.bundle)} (expected ${Object.keys(plotlyBundles).join(" or ")})`,
    );
  checkScale(o.scale);
  const size = figureSizePx(figure);
  const request: DrawRequest = {
    figureJson: JSON.stringify(figure),
    widthPx: size.width,
    heightPx: size.height,
    scale: o.scale,
    ...(o.bundle !== undefined ? { bundle: o.bundle } : {}),
    executablePath: chromiumPath(),
  };
  pending++;
  if (idleTimer) clearTimeout(idleTimer);
  try {
    const reply = await ask({ type: "draw", request });
    if (reply.error !== undefined || !reply.png)
      throw new Error(reply.error ?? "renderFigurePng: the renderer returned no PNG");
    return Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength);
  } finally {
    pending--;
    if (pending === 0 && !keepOpen) {
      idleTimer = setTimeout(() => void closeRenderer(), o.idleCloseMs);
      idleTimer.unref();
    }
  }
}

/** Closes the browser and its worker (if started). Safe to call at any time; the next render starts new ones. */
export async function closeRenderer(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const w = worker;
  if (!w) return;
  // Detached at once: a render asked for while this one closes (e.g. when the idle timer fires late, after a blocking
  // call) starts a new worker instead of being sent to this one and failing when it is terminated.
  worker = null;
  await ask({ type: "close" }, w).catch(() => undefined);
  await w.terminate();
}
