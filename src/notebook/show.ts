// show(figure): one display_data message per chart, readable in every viewer:
//   application/vnd.plotly.v1+json  {data, layout}: interactive in JupyterLab, VS Code, the published site and, through
//                                   the project's nbextension (scripts/setup-jupyter.sh), classic Notebook 6;
//   image/png                       static picture (rendered by plotly.js in headless Chromium) for GitHub, nbconvert
//                                   HTML and any viewer without a Plotly renderer;
//   text/plain                      a one-line summary for terminals.
// Before anything is drawn the figure goes through normalizeFigure: plotly.py's string titles and underscore paths are
// rewritten into plotly.js form, and layout keys plotly.js does not know are reported on stderr.
// Deliberately absent: text/html and application/javascript. nbconvert's HTML priority puts both above image/png and
// GitHub shows text/html (scripts stripped) before image/png, so either would replace the PNG with a blank chart.
import type { Figure } from "../plot/types";
import { currentDisplayWriter, displayBundle, type MimeBundle } from "./displayBundle";
import { normalizeFigure } from "./normalizeFigure";
import {
  chartPngDeferred,
  checkScale,
  deferredPngEnv,
  figureSizePx,
  kernelWarmupAllowed,
  renderFigurePng,
  renderDefaults,
  warmRenderer,
} from "./renderFigurePng";

export { deferredPngEnv };

export const plotlyMime = "application/vnd.plotly.v1+json";

/** Where a deferred chart's output keeps the scale its PNG is to be drawn at (see `deferredPngEnv`). */
export const deferredPngKey = "speedrun_deferred_png";

/**
 * In a notebook kernel: starts the chart renderer's browser now, while the notebook's first cells compute, and keeps
 * it for the kernel's life, unless kernelWarmupAllowed() says no (the notebook's runner draws the charts, or
 * SPEEDRUN_NO_RENDERER_WARMUP=1). The project's kernel calls it once it is up (in notebooks/) or before type-checking
 * the first cell that imports the library (tslabPatches.ts); importing this module in a kernel calls it too.
 */
export function warmKernelRenderer(): void {
  if (kernelWarmupAllowed()) warmRenderer({ keepOpen: true });
}

// Imported in a notebook kernel (a cell is running, so a display writer exists).
if (currentDisplayWriter() !== null) warmKernelRenderer();

export interface ShowOptions {
  /** Device pixels per CSS pixel of the PNG. */
  readonly scale?: number;
}

/**
 * Builds the MIME bundle for `figure` (renders the PNG; with `deferredPngEnv` set, leaves it to executeNotebook and
 * says at what scale).
 */
export async function figureBundle(input: Figure, options: ShowOptions = {}): Promise<MimeBundle> {
  checkFigure(input);
  const figure = normalizeFigure(input).figure;
  const scale = options.scale ?? renderDefaults.scale;
  const spec = { data: figure.data, layout: figure.layout };
  // Viewers that honour it (nbconvert, JupyterLab, Notebook 6) show the 2x PNG at the chart's CSS size.
  const size = figureSizePx(figure);
  if (chartPngDeferred()) {
    checkScale(scale);
    return {
      data: { [plotlyMime]: spec, "text/plain": figureSummary(figure) },
      metadata: { "image/png": size, [deferredPngKey]: { scale } },
    };
  }
  const png = await renderFigurePng(figure, { scale });
  return {
    data: { [plotlyMime]: spec, "image/png": png.toString("base64"), "text/plain": figureSummary(figure) },
    metadata: { "image/png": size },
  };
}

/** Displays `figure` in the running notebook cell. Await it: the PNG is rendered before the message is sent. */
export async function show(input: Figure, options: ShowOptions = {}): Promise<void> {
  checkFigure(input);
  // plotly.py habits (string titles, underscore paths) made into plotly.js form; unknown layout keys are warned about.
  const { figure, warnings } = normalizeFigure(input);
  for (const w of warnings) console.warn(w);
  const writer = currentDisplayWriter(); // before the await, so the chart lands in the cell that asked for it
  // Outside a kernel there is nowhere to put a picture: print the summary without starting a browser.
  if (!writer) displayBundle({ data: { "text/plain": figureSummary(figure) } }, null);
  else displayBundle(await figureBundle(figure, options), writer);
}

/** "Figure: <title> (<n> traces: a, b, c)": the text/plain part, deterministic. */
function figureSummary(figure: Figure): string {
  const title = figure.layout.title;
  const text =
    typeof title === "string"
      ? title
      : title && typeof title === "object" && !Array.isArray(title)
        ? (title as { text?: unknown }).text
        : "";
  const names = figure.data.map((t) => (typeof t.name === "string" ? t.name : String(t.type ?? "trace")));
  return `Figure${text ? `: ${String(text)}` : ""} (${names.length} traces: ${names.join(", ")})`;
}

function checkFigure(figure: Figure): void {
  if (!figure || !Array.isArray(figure.data) || typeof figure.layout !== "object" || figure.layout === null) {
    throw new Error(
      `show: expected a figure {data: [...], layout: {...}}, got ${JSON.stringify(figure)?.slice(0, 200)}`,
    );
  }
}
