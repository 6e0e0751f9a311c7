// The world-record table (data/speedrun/records.csv from the ingest stage) as a page. Descriptions, contributor names
// and log paths are data from upstream READMEs: all of it is escaped, none of it is trusted as markup.
import { escapeHtml } from "./escapeHtml";
import { wrapTokens } from "./keepTokensWhole";
import { formatSignificant } from "./formatNumber";
import type { CsvTable } from "./parseCsv";
import { renderPage } from "./renderPage";
import { table } from "./renderIndexPage";

const recordColumns = ["track", "record", "date", "time_s", "description", "log_paths", "contributors"] as const;

export function renderRecordsPage(records: CsvTable, sourcePath: string): string {
  const missing = recordColumns.filter((column) => !records.header.includes(column));
  if (missing.length > 0)
    throw new Error(`${sourcePath}: missing column(s) ${missing.join(", ")} (header: ${records.header.join(",")})`);
  const rows = records.rows.map(({ fields }) => [
    fields.track,
    fields.record,
    fields.date,
    fields.time_s === "" ? "" : timeText(Number(fields.time_s)),
    { html: withLinks(fields.description) },
    { html: withLinks(fields.contributors) },
    { html: `<span class="path">${pathBreaks(fields.log_paths)}</span>` },
  ]);
  const body = [
    "<h1>World records</h1>",
    `<p class="note">${rows.length} rows from ${escapeHtml(sourcePath)}.</p>`,
    table(["Track", "Record", "Date", "Time", "Description", "Contributors", "Logs"], rows, [
      false,
      true,
      false,
      true,
      false,
      false,
      false,
    ]),
  ].join("\n");
  return renderPage({ title: "World records", body, charts: [], homeHref: "index.html" });
}

/**
 * Text with the README's Markdown links (`[Locus](https://...)`) as links, so no raw Markdown shows: a web link becomes
 * <a href>, a link into the upstream README (`#timing-change-...`) its text alone. Everything else is escaped text.
 */
export function withLinks(text: string): string {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/\[([^\]\n]+)\]\(([^)\s]+)\)/g)) {
    out.push(wrapTokens(escapeHtml(text.slice(last, m.index))));
    const label = wrapTokens(escapeHtml(m[1]));
    out.push(/^https?:\/\//.test(m[2]) ? `<a href="${escapeHtml(m[2])}">${label}</a>` : label);
    last = (m.index ?? 0) + m[0].length;
  }
  out.push(wrapTokens(escapeHtml(text.slice(last))));
  return out.join("");
}

/** A log path may wrap after a `/` (a <wbr>), never inside a folder or file name; the text is unchanged. */
function pathBreaks(paths: string): string {
  return escapeHtml(paths)
    .split(/(\s+)/)
    .map((part) =>
      /\s/.test(part) || part === ""
        ? part
        : part
            .split("/")
            .map((segment) => `<span class="tok">${segment}</span>`)
            .join("/<wbr>"),
    )
    .join("");
}

function timeText(seconds: number): string {
  if (!Number.isFinite(seconds)) return "";
  return seconds >= 3600
    ? `${formatSignificant(seconds / 3600)} h`
    : seconds >= 60
      ? `${formatSignificant(seconds / 60)} min`
      : `${formatSignificant(seconds)} s`;
}
