// modded-nanogpt record tables (README.md of a clone, or RECORDS.md in ../shared) -> RecordRow[]. Pure.
// Rows look like `21 | 2.933 minutes | [Reduced batch size](https://...) | 01/26/25 | [log](records/...) | @leloykun`
// (no leading pipe); a table starts at a header row holding "Record time".
import type { IngestWarning, RecordRow, Track } from "../types";

export interface ParsedTables {
  readonly rows: readonly RecordRow[];
  readonly warnings: readonly IngestWarning[];
}

export function parseRecordTables(text: string, file: string): ParsedTables {
  const rows: RecordRow[] = [];
  const warnings: IngestWarning[] = [];
  const lines = text.split("\n");
  let heading = "";
  let tableIndex = -1;
  let track: Track | null = null;
  let inTable = false;
  let rowIndex = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, "");
    const trimmed = line.trim();
    if (trimmed.startsWith("#")) {
      heading = trimmed;
      inTable = false;
      continue;
    }
    if (/^\|?\s*#\s*\|\s*Record time\s*\|/i.test(trimmed)) {
      tableIndex++;
      track = trackOf(heading, tableIndex);
      inTable = true;
      rowIndex = 0;
      continue;
    }
    if (!inTable || track === null) continue;
    if (trimmed === "") {
      inTable = false;
      continue;
    }
    if (/^\|?\s*-+\s*\|/.test(trimmed)) continue; // separator row
    const parsed = parseRow(trimmed, track, rowIndex, `${file}:${i + 1}`);
    if (typeof parsed === "string") {
      warnings.push({ kind: "bad_table_row", file, line: i + 1, message: `${parsed}: ${trimmed.slice(0, 120)}` });
      continue;
    }
    rows.push(parsed);
    rowIndex++;
  }
  return { rows, warnings };
}

function trackOf(heading: string, tableIndex: number): Track {
  if (/track\s*2|medium|350M/i.test(heading)) return "track2";
  if (/track\s*1|small|124M/i.test(heading)) return "track1";
  return tableIndex === 0 ? "track1" : "track2";
}

/** Splits on `|` outside markdown link text/targets; returns the reason when the row does not parse. */
function parseRow(line: string, track: Track, rowIndex: number, source: string): RecordRow | string {
  const cells = splitCells(line.replace(/^\|/, "").replace(/\|\s*$/, ""));
  if (cells.length !== 6) return `expected 6 cells, found ${cells.length}`; // extra cells are not contributors
  const [numCell, timeCell, descCell, dateCell, logCell, ...rest] = cells;
  const record = /^\d+$/.test(numCell) ? Number(numCell) : null;
  if (record === null) return `record number not an integer (${numCell})`;
  const timeS = parseDurationS(timeCell, "minutes");
  if (timeS === null) return `record time not readable (${timeCell})`;
  const date = parseUsDate(dateCell);
  if (date === undefined) return `date not readable (${dateCell})`;
  return {
    track,
    record,
    rowIndex,
    date,
    timeS,
    description: linkText(descCell),
    logPaths: logLinks(logCell),
    contributors: rest.join(" | ").trim(),
    source,
  };
}

function splitCells(s: string): string[] {
  const out: string[] = [];
  let depthSquare = 0;
  let depthParen = 0;
  let cur = "";
  for (const c of s) {
    if (c === "[") depthSquare++;
    else if (c === "]") depthSquare = Math.max(0, depthSquare - 1);
    else if (c === "(") depthParen++;
    else if (c === ")") depthParen = Math.max(0, depthParen - 1);
    if (c === "|" && depthSquare === 0 && depthParen === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** `45 minutes`, `5.8 hours`, `25.95 minutes*` (marker dropped), `3.04` (bare number in `bareUnit`). */
export function parseDurationS(cell: string, bareUnit: "minutes" | "hours"): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(minutes?|mins?|hours?|h|seconds?|s)?\s*\**$/i.exec(cell.trim());
  if (m === null) return null;
  const v = Number(m[1]);
  const unit = (m[2] ?? bareUnit).toLowerCase();
  const factor = unit.startsWith("h") ? 3600 : unit.startsWith("m") ? 60 : 1;
  return Math.round(v * factor * 1000) / 1000;
}

/** `05/28/24` -> `2024-05-28`; `-` or empty -> null; anything else -> undefined (not readable). */
export function parseUsDate(cell: string): string | null | undefined {
  const t = cell.trim();
  if (t === "-" || t === "") return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t);
  if (m === null) return undefined;
  const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return `${year}-${m[1].padStart(2, "0")}-${m[2].padStart(2, "0")}`;
}

/** A link target in parentheses, with balanced parentheses inside it (`(https://e.com/x_(y))`), one level deep. */
const TARGET = String.raw`\(((?:[^()]|\([^()]*\))*)\)`;

/** `[text](url)` -> `text`, the rest kept verbatim. A URL's own parentheses stay inside the link. */
export function linkText(cell: string): string {
  return cell.replace(new RegExp(String.raw`\[([^\]]*)\]` + TARGET, "g"), "$1").trim();
}

/** Targets of the links in the Log cell that point into the checkout (`records/...`), files or folders. */
function logLinks(cell: string): string[] {
  const out: string[] = [];
  for (const m of cell.matchAll(new RegExp(String.raw`\]` + TARGET, "g"))) {
    const target = m[1].trim().replace(/^\.\//, "");
    if (/^records\//.test(target)) out.push(target.replace(/\/+$/, ""));
  }
  return out;
}
