// One output of a code cell to HTML. The chart contract (agreed with the display helpers): a display_data bundle with
// `application/vnd.plotly.v1+json` = {data, layout} (the interactive spec), `image/png` (base64, maybe also
// `image/svg+xml`) and `text/plain`; extra types for classic Notebook (application/javascript, ...) are ignored.
import { escapeHtml, jsonForScript, stripAnsi } from "./escapeHtml";
import { joinSource, type MultilineString, type Output } from "./notebook";
import { renderMarkdown, renderMath } from "./renderMarkdown";
import { keepTokensWhole } from "./keepTokensWhole";
import { sanitizeHtml } from "./sanitizeHtml";

export const plotlyMimeType = "application/vnd.plotly.v1+json";

/** The id of a chart's element, unique within its page: `chart-<cell>-<output>`. */
export interface OutputPosition {
  readonly cellIndex: number;
  readonly outputIndex: number;
}

export function renderOutput(output: Output, position: OutputPosition): string {
  switch (output.output_type) {
    case "stream": {
      // Blank lines at the ends say nothing on a page (a notebook's `console.log(formatSummaryValues(...))` leaves
      // one).
      const body = stripAnsi(joinSource(output.text))
        .replace(/^(?:[ \t]*\n)+/, "")
        .trimEnd();
      if (body === "") return "";
      return `<pre class="output stream-${output.name === "stderr" ? "stderr" : "stdout"}">${escapeHtml(body)}</pre>`;
    }
    case "error": {
      const traceback = output.traceback.length > 0 ? output.traceback.join("\n") : `${output.ename}: ${output.evalue}`;
      return `<pre class="output error">${escapeHtml(stripAnsi(traceback))}</pre>`;
    }
    case "display_data":
    case "execute_result":
      return renderBundle(output.data ?? {}, position, output.metadata ?? {});
    default:
      return "";
  }
}

/** Picks the richest representation this static site can show, in nbconvert's order, plotly first. */
export function renderBundle(
  data: { readonly [mimeType: string]: unknown },
  position: OutputPosition,
  metadata: { readonly [key: string]: unknown } = {},
): string {
  const plotly = data[plotlyMimeType];
  if (isPlotlySpec(plotly)) return renderChart(plotly, data, position, metadata);
  if (data["text/html"] !== undefined) {
    return `<div class="output html">${keepTokensWhole(sanitizeHtml(text(data["text/html"])))}</div>`;
  }
  const image = renderImage(data, "output image", metadata);
  if (image !== "") return image;
  if (data["text/markdown"] !== undefined) {
    return `<div class="output markdown">${renderMarkdown(text(data["text/markdown"]))}</div>`;
  }
  if (data["text/latex"] !== undefined) {
    return (
      `<div class="output ` +
      `latex">${renderMath(text(data["text/latex"]).replace(/^\s*\$\$?|\$\$?\s*$/g, ""), true)}</div>`
    );
  }
  if (data["text/plain"] !== undefined) {
    // An empty text/plain is an output meant to show nothing (summaryValuesBundle carries its values in metadata).
    if (text(data["text/plain"]).trim() === "") return "";
    return `<pre class="output text">${escapeHtml(stripAnsi(text(data["text/plain"])))}</pre>`;
  }
  return "";
}

export interface PlotlySpec {
  readonly data: readonly unknown[];
  readonly layout?: unknown;
  readonly config?: unknown;
}

export function isPlotlySpec(value: unknown): value is PlotlySpec {
  return typeof value === "object" && value !== null && Array.isArray((value as PlotlySpec).data);
}

function renderChart(
  spec: PlotlySpec,
  data: { readonly [mimeType: string]: unknown },
  position: OutputPosition,
  metadata: { readonly [key: string]: unknown },
): string {
  const id = `chart-${position.cellIndex + 1}-${position.outputIndex + 1}`;
  const label = data["text/plain"] !== undefined ? text(data["text/plain"]) : "chart";
  // The spec travels as inert JSON; assets/site.js draws it with the one plotly.js the site serves.
  const fallback = renderImage(data, "chart-fallback", metadata);
  return (
    `<figure class="output chart">` +
    `<div class="plotly-chart" id="${id}" role="img" aria-label="${escapeHtml(label)}"></div>` +
    `<script type="application/json" class="plotly-spec" data-target="${id}">${jsonForScript({
      data: spec.data,
      layout: spec.layout ?? {},
      ...(spec.config !== undefined ? { config: spec.config } : {}),
    })}</script>` +
    (fallback !== "" ? `<noscript>${fallback}</noscript>` : "") +
    `</figure>`
  );
}

const base64Pattern = /^[A-Za-z0-9+/=\s]+$/;

/**
 * Images become data: URIs, SVG included: an <img> never runs script inside an SVG. Jupyter's per-type metadata
 * `{width, height}` (a 2x PNG shown at the chart's CSS size) becomes the element's size.
 */
function renderImage(
  data: { readonly [mimeType: string]: unknown },
  className: string,
  metadata: { readonly [key: string]: unknown } = {},
): string {
  for (const mimeType of ["image/png", "image/jpeg", "image/gif"]) {
    const value = data[mimeType];
    if (value === undefined) continue;
    const base64 = text(value);
    if (!base64Pattern.test(base64)) continue;
    return (
      `<img class="${className}" ` +
      `alt=""${sizeAttributes(metadata[mimeType])} src="data:${mimeType};base64,${base64.replace(/\s/g, "")}">`
    );
  }
  const svg = data["image/svg+xml"];
  if (svg !== undefined) {
    const base64 = Buffer.from(text(svg), "utf8").toString("base64");
    return (
      `<img class="${className}" ` +
      `alt=""${sizeAttributes(metadata["image/svg+xml"])} src="data:image/svg+xml;base64,${base64}">`
    );
  }
  return "";
}

function sizeAttributes(imageMetadata: unknown): string {
  if (typeof imageMetadata !== "object" || imageMetadata === null) return "";
  const { width, height } = imageMetadata as { width?: unknown; height?: unknown };
  const valid = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n > 0;
  return (
    (valid(width) ? ` width="${Math.round(width)}"` : "") + (valid(height) ? ` height="${Math.round(height)}"` : "")
  );
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((line) => typeof line === "string"))
    return joinSource(value as MultilineString);
  return JSON.stringify(value);
}
