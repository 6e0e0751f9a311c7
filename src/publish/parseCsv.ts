// The records table of the site: rows of named string fields, read with the project's CSV reader (src/dataset/csv.ts).
import { readCsv } from "../dataset/csv";

export interface CsvTable {
  readonly header: readonly string[];
  /** Each row with the 1-based line of the file where it starts, for error messages. */
  readonly rows: readonly { readonly line: number; readonly fields: Readonly<Record<string, string>> }[];
}

export function parseCsv(text: string, file: string): CsvTable {
  const { header, rows } = readCsv(text, file);
  if (header.length === 0) throw new Error(`${file}: empty CSV (no header line)`);
  return {
    header,
    rows: rows.map(({ line, cells }) => {
      if (cells.length !== header.length) {
        throw new Error(`${file}:${line}: expected ${header.length} fields (${header.join(",")}), got ${cells.length}`);
      }
      return { line, fields: Object.fromEntries(header.map((name, i) => [name, cells[i]])) };
    }),
  };
}
