// CSV text in and out: RFC 4180 quoting, one header row, deterministic number formatting (same data -> same bytes).

export type CsvValue = string | number | boolean | null;

/** Integers as they are; other numbers with at most 12 significant digits, no exponent for the magnitudes we hold. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write non-finite number ${x} to CSV`);
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(12)));
}

export function formatCell(v: CsvValue): string {
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

/** Parses CSV text into header + rows of raw strings (quoted cells unescaped). */
export function parseCsv(text: string, file = "<csv>"): { header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell.length === 0) quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
    i++;
  }
  if (quoted) throw new Error(`${file}: unterminated quoted cell at end of file`);
  if (cell.length > 0 || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const header = rows.shift();
  if (header === undefined) throw new Error(`${file}: empty CSV (no header row)`);
  for (const [k, r] of rows.entries()) {
    if (r.length !== header.length) throw new Error(`${file}:${k + 2}: ${r.length} cells, header has ${header.length}`);
  }
  return { header, rows };
}
