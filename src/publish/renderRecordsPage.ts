// The world-record table (data/speedrun/records.csv from the ingest stage) as a page. Descriptions, contributor names
// and log paths are data from upstream READMEs: all of it is escaped, none of it is trusted as markup.
import { escapeHtml } from "./escapeHtml";
import { formatSignificant } from "./formatNumber";
import type { CsvTable } from "./parseCsv";
import { renderPage } from "./renderPage";
import { table } from "./renderIndexPage";

export const recordColumns = ["track", "record", "date", "time_s", "description", "log_paths", "contributors"] as const;

export function renderRecordsPage(records: CsvTable, sourcePath: string): string {
  const missing = recordColumns.filter((column) => !records.header.includes(column));
  if (missing.length > 0) throw new Error(`${sourcePath}: missing column(s) ${missing.join(", ")} (header: ${records.header.join(",")})`);
  const rows = records.rows.map(({ fields }) => [
    fields.track,
    fields.record,
    fields.date,
    fields.time_s === "" ? "" : timeText(Number(fields.time_s)),
    fields.description,
    fields.contributors,
    { html: `<span class="path">${pathBreaks(fields.log_paths)}</span>` },
  ]);
  const body = [
    "<h1>World records</h1>",
    `<p class="note">${rows.length} rows from ${escapeHtml(sourcePath)}.</p>`,
    table(["Track", "Record", "Date", "Time", "Description", "Contributors", "Logs"], rows, [false, true, false, true, false, false, false]),
  ].join("\n");
  return renderPage({ title: "World records", body, hasCharts: false, homeHref: "index.html" });
}

/** A log path may wrap after a `/` (a <wbr>), never inside a folder or file name; the text is unchanged. */
function pathBreaks(paths: string): string {
  return escapeHtml(paths)
    .split(/(\s+)/)
    .map((part) => (/\s/.test(part) || part === "" ? part : part.split("/").map((segment) => `<span class="tok">${segment}</span>`).join("/<wbr>")))
    .join("");
}

function timeText(seconds: number): string {
  if (!Number.isFinite(seconds)) return "";
  return seconds >= 3600 ? `${formatSignificant(seconds / 3600)} h` : seconds >= 60 ? `${formatSignificant(seconds / 60)} min` : `${formatSignificant(seconds)} s`;
}
