// modded-nanogpt record tables (README.md of a clone, or a verbatim RECORDS.md copy) -> RecordRow[]; track 3's table
// (records/track_3_optimization/README.md) -> RecordRow[] with its evidence (parseOptimizationTable). Pure.
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
    if (trimmed === "" || HORIZONTAL_RULE.test(trimmed)) {
      // A blank line or a markdown rule (`---` after track 2's table) ends the table: text, not a row.
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

/** A markdown thematic break: three or more `-`, `*` or `_` (spaces allowed), nothing else. */
const HORIZONTAL_RULE = /^(?:-\s*){3,}$|^(?:\*\s*){3,}$|^(?:_\s*){3,}$/;

/** Where track 3's table lives in a clone, and the folder its log links are relative to. */
const TRACK3_DIR = "records/track_3_optimization";
export const TRACK3_TABLE = `${TRACK3_DIR}/README.md`;

/**
 * Track 3's "Notable results history" (records/track_3_optimization/README.md) -> RecordRow[] with `evidence`:
 * `| 5 | 3325(!) | 3.2782 (n=10)✓ | description | 2026/04/30 | [log](results/...) | contributors |`. Log links are
 * relative to the table's folder and made relative to the checkout; a link to a folder's README.md stands for the
 * folder (its runs are the evidence). No record time: `time_s` is empty and the unit of progress is steps.
 */
export function parseOptimizationTable(text: string, file: string = TRACK3_TABLE): ParsedTables {
  const rows: RecordRow[] = [];
  const warnings: IngestWarning[] = [];
  const lines = text.split("\n");
  let inTable = false;
  let rowIndex = 0;
  const base = file.slice(0, file.lastIndexOf("/") + 1);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].replace(/\r$/, "").trim();
    if (/^\|?\s*#\s*\|\s*Steps to [\d.]+\s*\|/i.test(trimmed)) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    if (trimmed === "" || HORIZONTAL_RULE.test(trimmed) || trimmed.startsWith("#")) {
      inTable = false;
      continue;
    }
    if (/^\|?\s*-+\s*\|/.test(trimmed)) continue; // separator row
    const parsed = parseOptimizationRow(trimmed, rowIndex, `${file}:${i + 1}`, base);
    if (typeof parsed === "string") {
      warnings.push({ kind: "bad_table_row", file, line: i + 1, message: `${parsed}: ${trimmed.slice(0, 120)}` });
      continue;
    }
    rows.push(parsed);
    rowIndex++;
  }
  return { rows, warnings };
}

function parseOptimizationRow(line: string, rowIndex: number, source: string, base: string): RecordRow | string {
  const cells = splitCells(line.replace(/^\|/, "").replace(/\|\s*$/, ""));
  if (cells.length < 7) return `expected 7 cells, found ${cells.length}`;
  const [numCell, stepsCell, evidenceCell, descCell, dateCell, logCell, ...rest] = cells;
  if (!/^\d+$/.test(numCell)) return `record number not an integer (${numCell})`;
  const steps = /^(\d+)\s*(\(!\))?$/.exec(stepsCell);
  if (steps === null) return `steps not readable (${stepsCell})`;
  const ev = /^(\d+(?:\.\d+)?)\s*\(n\s*=\s*(\d+)\)\s*(✓|Ⓧ)?$/u.exec(evidenceCell);
  if (ev === null) return `evidence not readable (${evidenceCell})`;
  const d = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(dateCell.trim());
  if (d === null) return `date not readable (${dateCell})`;
  const logPaths: string[] = [];
  for (const m of logCell.matchAll(/\]\(([^)]+)\)/g)) {
    const target = m[1].trim().replace(/^\.\//, "");
    if (/^[a-z]+:/i.test(target) || target.startsWith("#")) continue;
    const path = normalisePath(base + target)
      .replace(/\/README\.md$/i, "")
      .replace(/\/+$/, "");
    logPaths.push(path);
  }
  return {
    track: "track3",
    record: Number(numCell),
    rowIndex,
    date: `${d[1]}-${d[2].padStart(2, "0")}-${d[3].padStart(2, "0")}`,
    timeS: null,
    description: linkText(descCell),
    logPaths,
    contributors: rest.join(" | ").trim(),
    source,
    evidence: {
      steps: Number(steps[1]),
      newRecord: steps[2] !== undefined,
      meanLoss: Number(ev[1]),
      nRuns: Number(ev[2]),
      mark: ev[3] === "✓" ? "significant" : ev[3] === "Ⓧ" ? "not_significant" : null,
    },
  };
}

/** `a/b/../c` -> `a/c` (links are plain relative paths). */
function normalisePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
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
function parseUsDate(cell: string): string | null | undefined {
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
