// The project's CSV text in and out (dataset tables, analysis results, the site's records table, the fit CLI): RFC 4180
// quoting, one header row, deterministic number formatting (same data -> same bytes).

export type CsvValue = string | number | boolean | null;

/** Integers as they are; other numbers with at most 12 significant digits, no exponent for the magnitudes we hold. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write non-finite number ${x} to CSV`);
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(12)));
}

function formatCell(v: CsvValue): string {
  if (v === null) return "";
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.join(",")];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} cells, header has ${header.length}`);
    lines.push(row.map(formatCell).join(","));
  }
  return lines.join("\n") + "\n";
}

/** A plain decimal number as people write it in a CSV (`12`, `-0.5`, `1.5e19`): no hex (`0x10`), no `Infinity`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number in a CSV cell written as a plain decimal (surrounding blanks allowed), else NaN (empty cells too). */
export function decimalOrNaN(raw: string): number {
  const t = raw.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/** The first header name that repeats, with its two 0-based positions, or null. */
export function duplicateHeader(header: readonly string[]): { name: string; first: number; second: number } | null {
  const seen = new Map<string, number>();
  for (let j = 0; j < header.length; j++) {
    const h = header[j].trim();
    const first = seen.get(h);
    if (first !== undefined) return { name: h, first, second: j };
    seen.set(h, j);
  }
  return null;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** One CSV record: its raw cells and the 1-based line of the file where it starts (a quoted cell may span lines). */
export interface CsvRow {
  readonly line: number;
  readonly cells: string[];
}

export interface ReadCsvOptions {
  /** Leave out empty lines (pandas does the same). The dataset keeps them: in a one-column table an empty line is an
   * empty cell, elsewhere it is a row with the wrong cell count that parseCsv reports. */
  readonly skipBlankLines?: boolean;
}

/**
 * The project's one CSV reader (RFC 4180): a quote opens a quoted cell only at the start of a cell, `""` inside it is a
 * quote, and a quoted cell may hold commas and line breaks. Records end at \n, \r\n or \r; a final line break adds no
 * record. Pure; `file` only names the text in errors. Returns the first record as header ([] for text with no record)
 * and the rest as rows, not checked against the header's width: each caller words that error for its readers.
 */
export function readCsv(
  text: string,
  file = "<csv>",
  options: ReadCsvOptions = {},
): { header: string[]; rows: CsvRow[] } {
  const skipBlankLines = options.skipBlankLines ?? true;
  const records: CsvRow[] = [];
  const n = text.length;
  let cells: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // One cell per pass: an optional quoted part at its start, then unquoted text up to a comma, a line break or the end.
  // Cells are sliced from the text, not built a character at a time (the dataset's tables: 2.6 MB).
  for (;;) {
    let cell = "";
    let cellStarted = false;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      cellStarted = true;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`${file}:${recordLine}: unterminated quoted field`);
        for (let k = text.indexOf("\n", i); k >= 0 && k < q; k = text.indexOf("\n", k + 1)) line++;
        cell += text.slice(i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    }
    // After a closing quote, or in a cell that did not open with one, a quote is an ordinary character.
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === COMMA || c === LF || c === CR) break;
    }
    if (j > i) {
      cell += text.slice(i, j);
      cellStarted = true;
    }
    i = j;
    if (i >= n) {
      if (cellStarted || cells.length > 0) {
        cells.push(cell);
        records.push({ line: recordLine, cells });
      }
      break;
    }
    if (text.charCodeAt(i) === COMMA) {
      cells.push(cell);
      i++;
      continue;
    }
    // A line break (\n, \r\n or \r) ends the record.
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    const blank = cells.length === 0 && !cellStarted;
    cells.push(cell);
    if (!(blank && skipBlankLines)) records.push({ line: recordLine, cells });
    cells = [];
    line++;
    recordLine = line;
  }
  const [header, ...rows] = records;
  return { header: header?.cells ?? [], rows };
}

/** The dataset's tables: header + rows of raw strings, every row as wide as the header (errors name file and line). */
export function parseCsv(text: string, file = "<csv>"): { header: string[]; rows: string[][] } {
  const { header, rows } = readCsv(text, file, { skipBlankLines: false });
  if (header.length === 0) throw new Error(`${file}: empty CSV (no header row)`);
  for (const r of rows) {
    if (r.cells.length !== header.length)
      throw new Error(`${file}:${r.line}: ${r.cells.length} cells, header has ${header.length}`);
  }
  return { header, rows: rows.map((r) => r.cells) };
}
