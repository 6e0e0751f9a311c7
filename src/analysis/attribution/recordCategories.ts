// The kind of change each record row made: data/record_categories.csv (committed, one row per record-table row of
// tracks 1 and 2 after the baseline, with the reason). The file says what is compared; attribution.ts computes. This
// loader is the one place that validates it: an unknown record, a duplicate row, a bad category, a missing reason or
// a record row left out is an error naming the file and line.
import { readCsv } from "../../dataset/csv";
import { CHANGE_CATEGORIES, type ChangeCategory } from "../../types";
import type { RecordInput } from "../inputs";

export interface RecordCategory {
  readonly track: string;
  readonly record: number;
  readonly rowIndex: number;
  readonly category: ChangeCategory;
  readonly reason: string;
  /** `record_categories.csv:<line>` */
  readonly source: string;
}

const COLUMNS = ["track", "record", "record_row", "category", "reason"] as const;

/**
 * Parse and validate against the record rows. `tracks`: which tracks the file must cover completely (every row after
 * row 0); rows of other tracks in `records` are not required.
 */
export function parseRecordCategories(
  text: string,
  file: string,
  records: readonly RecordInput[],
  tracks: readonly string[] = ["track1", "track2"],
): RecordCategory[] {
  const { header, rows } = readCsv(text, file);
  for (const col of COLUMNS)
    if (!header.includes(col)) throw new Error(`${file}:1: missing column ${col} (header: ${header.join(",")})`);
  const byKey = new Map(records.map((r) => [`${r.track}#${r.rowIndex}`, r]));
  const seen = new Map<string, number>();
  const out: RecordCategory[] = [];
  for (const { line, cells } of rows) {
    if (cells.length !== header.length)
      throw new Error(`${file}:${line}: ${cells.length} fields, header has ${header.length}`);
    const row: Record<string, string> = {};
    header.forEach((h, j) => (row[h] = cells[j]));
    const rowIndex = Number(row.record_row);
    const record = Number(row.record);
    if (!Number.isInteger(rowIndex) || row.record_row === "")
      throw new Error(`${file}:${line}: record_row: not an integer: ${JSON.stringify(row.record_row)}`);
    const key = `${row.track}#${rowIndex}`;
    const rec = byKey.get(key);
    if (!rec)
      throw new Error(
        `${file}:${line}: unknown record: ${row.track} record_row ${rowIndex} is not a row of the record table`,
      );
    if (rec.record !== record)
      throw new Error(
        `${file}:${line}: unknown ` +
          `record: ${row.track} record_row ${rowIndex} is record ${rec.record}, not ${row.record}`,
      );
    if (seen.has(key))
      throw new Error(
        `${file}:${line}: duplicate: ${row.track} record_row ${rowIndex} already given at line ${seen.get(key)}`,
      );
    seen.set(key, line);
    if (!(CHANGE_CATEGORIES as readonly string[]).includes(row.category))
      throw new Error(
        `${file}:${line}: invalid category: ${JSON.stringify(row.category)} (expected ` +
          `one of ${CHANGE_CATEGORIES.join(", ")})`,
      );
    if (row.reason.trim().length === 0)
      throw new Error(`${file}:${line}: missing reason for ${row.track} record ${record}`);
    out.push({
      track: row.track,
      record,
      rowIndex,
      category: row.category as ChangeCategory,
      reason: row.reason,
      source: `${file}:${line}`,
    });
  }
  const missing = records.filter(
    (r) => tracks.includes(r.track) && r.rowIndex > 0 && !seen.has(`${r.track}#${r.rowIndex}`),
  );
  if (missing.length)
    throw new Error(
      `${file}: missing ${missing.length} record row(s): ${missing
        .slice(0, 5)
        .map((r) => `${r.track} record ${r.record} (record_row ${r.rowIndex})`)
        .join(", ")}${missing.length > 5 ? ", ..." : ""}`,
    );
  return out;
}
