// An executed notebook to one HTML page. Code inputs sit in <details>, folded by default (each opens without script; a
// page button opens or folds all), or are left out entirely with `noInput` (nbconvert's --no-input). Cell tags follow
// nbconvert's TagRemovePreprocessor conventions: remove-cell, remove-input, remove-output (hide-input is the default).
import { coalesceStreams } from "./coalesceStreams";
import { escapeHtml } from "./escapeHtml";
import { joinSource, type Cell, type Notebook, type TextCell } from "./notebook";
import { renderMarkdown } from "./renderMarkdown";
import { isPlotlySpec, plotlyMimeType, renderOutput, type PlotlySpec } from "./renderOutput";
import { renderPage } from "./renderPage";

export interface NotebookPageOptions {
  /** Leave code inputs out of the page (outputs stay). */
  readonly noInput: boolean;
  /** Shown under the title, e.g. the notebook's path in the repository. */
  readonly sourcePath: string;
  readonly homeHref: string;
}

export interface NotebookPage {
  readonly title: string;
  readonly html: string;
  readonly chartCount: number;
}

export function renderNotebookPage(notebook: Notebook, options: NotebookPageOptions): NotebookPage {
  const title = notebookTitle(notebook, options.sourcePath);
  const cells = notebook.cells.map((cell, index) => renderCell(cell, index, options)).filter((html) => html !== "");
  const charts = chartsOf(notebook);
  const hasCode =
    !options.noInput && notebook.cells.some((cell) => cell.cell_type === "code" && !hasTag(cell, "remove-input"));
  const toolbar = hasCode
    ? '<div class="toolbar"><button type="button" class="toggle-code" hidden>Show code</button></div>'
    : "";
  const body = [
    `<header class="notebook-header"><p class="source">${escapeHtml(options.sourcePath)}</p>${toolbar}</header>`,
    ...cells,
  ].join("\n");
  return {
    title,
    chartCount: charts.length,
    html: renderPage({ title, body, charts, homeHref: options.homeHref }),
  };
}

/** The first markdown heading, else the file name. */
function notebookTitle(notebook: Notebook, sourcePath: string): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(joinSource(cell.source));
    if (heading) return heading[1].replace(/[*_`]/g, "");
  }
  return sourcePath.replace(/^.*\//, "").replace(/\.ipynb$/, "");
}

function renderCell(cell: Cell, index: number, options: NotebookPageOptions): string {
  if (hasTag(cell, "remove-cell")) return "";
  if (cell.cell_type === "markdown") {
    const html = inlineAttachments(renderMarkdown(joinSource(cell.source)), cell.attachments);
    return `<section class="cell markdown-cell">${html}</section>`;
  }
  if (cell.cell_type !== "code") return "";
  const parts: string[] = [];
  const source = joinSource(cell.source);
  if (!options.noInput && !hasTag(cell, "remove-input") && source.trim() !== "") {
    // Folded by default: the page reads as a report; the code is one click away (or all of it, with the page button).
    const label = cell.execution_count != null ? `Code · In [${cell.execution_count}]` : `Code (cell ${index + 1})`;
    parts.push(
      `<details class="input"><summary>${escapeHtml(label)}</summary>` +
        `<pre><code class="language-typescript">${escapeHtml(source)}</code></pre></details>`,
    );
  }
  if (!hasTag(cell, "remove-output")) {
    coalesceStreams(cell.outputs).forEach((output, outputIndex) => {
      const html = renderOutput(output, { cellIndex: index, outputIndex });
      if (html === "") return;
      // nbclient's raises-exception tag: the error is the point of the cell, and the page says so before it.
      if (output.output_type === "error" && hasTag(cell, "raises-exception")) {
        parts.push(
          '<p class="note deliberate-error">This error is deliberate: the cell is meant to fail (it is tagged ' +
            "<code>raises-exception</code>).</p>",
        );
      }
      parts.push(html);
    });
  }
  return parts.length > 0 ? `<section class="cell code-cell">\n${parts.join("\n")}\n</section>` : "";
}

/** `![](attachment:fig.png)` images pasted into a markdown cell travel in the cell; they become data: URIs. */
function inlineAttachments(html: string, attachments: TextCell["attachments"]): string {
  return html.replace(/src="attachment:([^"]*)"/g, (_, name: string) => {
    const bundle = attachments?.[name.replace(/&amp;/g, "&")];
    for (const mimeType of ["image/png", "image/jpeg", "image/gif"]) {
      const data = bundle?.[mimeType];
      if (typeof data === "string" && /^[A-Za-z0-9+/=\s]+$/.test(data))
        return `src="data:${mimeType};base64,${data.replace(/\s/g, "")}"`;
    }
    // A missing attachment must not become a request for an `attachment:` URL (blocked, logged as an error).
    return `data-missing-attachment="${name}"`;
  });
}

function hasTag(cell: Cell, tag: string): boolean {
  return Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(tag);
}

/** The Plotly specs of the charts the page shows. */
function chartsOf(notebook: Notebook): PlotlySpec[] {
  const charts: PlotlySpec[] = [];
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code" || hasTag(cell, "remove-cell") || hasTag(cell, "remove-output")) continue;
    for (const output of cell.outputs) {
      const spec =
        output.output_type === "display_data" || output.output_type === "execute_result"
          ? output.data?.[plotlyMimeType]
          : undefined;
      if (isPlotlySpec(spec)) charts.push(spec);
    }
  }
  return charts;
}
