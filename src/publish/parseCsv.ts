// RFC 4180 CSV (quoted fields may hold commas, quotes doubled, newlines) to rows of named string fields.

export interface CsvTable {
  readonly header: readonly string[];
  /** Each row with the 1-based line of the file where it starts, for error messages. */
  readonly rows: readonly { readonly line: number; readonly fields: Readonly<Record<string, string>> }[];
}

export function parseCsv(text: string, file: string): CsvTable {
  const records: { line: number; values: string[] }[] = [];
  let values: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === ",") {
      values.push(field);
      field = "";
      fieldStarted = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      values.push(field);
      if (!(values.length === 1 && values[0] === "")) records.push({ line: recordLine, values });
      values = [];
      field = "";
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw new Error(`${file}:${recordLine}: unterminated quoted field`);
  if (fieldStarted || values.length > 0) {
    values.push(field);
    records.push({ line: recordLine, values });
  }
  if (records.length === 0) throw new Error(`${file}: empty CSV (no header line)`);
  const header = records[0].values;
  const rows = records.slice(1).map(({ line: rowLine, values: rowValues }) => {
    if (rowValues.length !== header.length) {
      throw new Error(`${file}:${rowLine}: expected ${header.length} fields (${header.join(",")}), got ${rowValues.length}`);
    }
    return { line: rowLine, fields: Object.fromEntries(header.map((name, i) => [name, rowValues[i]])) };
  });
  return { header, rows };
}
