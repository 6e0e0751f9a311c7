// A danfojs DataFrame or Series as a table, as pandas shows one: the index as the first column, the first rows, and
// the shape. The table itself is showTable's (tableBundle): same HTML, same text fallback, same number formatting.
// The kernel wrapper (tslabPatches.ts) uses this for a frame left as a cell's last expression; `showFrame` is the
// explicit call. danfojs is not imported: frames are recognised by the fields every danfojs frame has.
import { displayBundle, type MimeBundle } from "./displayBundle";
import { tableBundle } from "./showTable";

/** What danfojs-node's DataFrame and Series expose and this module reads. */
export interface FrameLike {
  readonly $isSeries: boolean;
  readonly shape: readonly number[];
  readonly columns: readonly string[];
  readonly index: readonly (string | number)[];
  readonly values: readonly unknown[];
}

export interface FrameOptions {
  /** Rows shown; the rest are counted in a note. */
  readonly maxRows?: number;
}

const frameDefaults = { maxRows: 20 };

/** Whether `x` is a danfojs DataFrame or Series (by its fields, so any copy of danfojs is recognised). */
export function isFrameLike(x: unknown): x is FrameLike {
  if (typeof x !== "object" || x === null) return false;
  const f = x as Partial<FrameLike>;
  return (
    typeof f.$isSeries === "boolean" &&
    Array.isArray(f.shape) &&
    Array.isArray(f.columns) &&
    Array.isArray(f.index) &&
    Array.isArray(f.values)
  );
}

/** "DataFrame: 860 rows × 16 columns" or "Series val_loss: 860 rows". */
function frameShape(frame: FrameLike): string {
  const rows = frame.shape[0] ?? frame.index.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (frame.$isSeries)
    return `Series ${frame.columns[0] ?? ""}: ${plural(rows, "row")}`.replace("Series : ", "Series: ");
  return `DataFrame: ${plural(rows, "row")} × ${plural(frame.shape[1] ?? frame.columns.length, "column")}`;
}

/** The HTML + text bundle of a frame: showTable's table with the index first and the shape as its caption. */
export function frameBundle(frame: FrameLike, options: FrameOptions = {}): MimeBundle {
  const maxRows = options.maxRows ?? frameDefaults.maxRows;
  if (!Number.isInteger(maxRows) || maxRows < 1)
    throw new Error(`showFrame: invalid maxRows: ${maxRows} (expected a positive integer)`);
  const values = frame.values;
  const rows = frame.index.map((label, i) => {
    const r = values[i];
    return [label, ...(frame.$isSeries || !Array.isArray(r) ? [r] : (r as unknown[]))];
  });
  const columns = ["", ...(frame.$isSeries ? [frame.columns[0] ?? "value"] : frame.columns)];
  // A frame shows its real column names (a user types them in code: frame["run_id"]), not showTable's readable headers.
  const labels = Object.fromEntries(columns.map((c) => [c, c]));
  return tableBundle({ columns, values: rows }, { maxRows, caption: frameShape(frame), labels });
}

/**
 * Displays a danfojs DataFrame or Series as a table in the running cell (a frame as a cell's last value does the same).
 */
export function showFrame(frame: FrameLike, options: FrameOptions = {}): void {
  if (!isFrameLike(frame))
    throw new Error(`showFrame: expected a danfojs DataFrame or Series, got ${Object.prototype.toString.call(frame)}`);
  displayBundle(frameBundle(frame, options));
}
