// A user's CSV of (inputs, loss) rows as fit data for fitModel: pick the input and loss columns by name, optionally
// derive tokens D = C / (6 N) from a compute column (Epoch's replication of Chinchilla does this) and drop the
// highest-loss points. The same steps as `npm run fit` (src/cli/fit.ts), as a function a notebook can call.
import { decimalOrNaN, duplicateHeader, parseCsv } from "./csv";
import { readInputFile } from "./readInputFile";

export interface FitCsvOptions {
  /** Input columns, in the order the model takes them (e.g. ["Model Size", "Training FLOP"]). */
  readonly x: readonly string[];
  /** Loss column. */
  readonly y: string;
  /** Replace the second input (compute C, FLOPs) by tokens D = C / (6 N), N being the first input. */
  readonly tokensFromCompute?: boolean;
  /** Leave out this many highest-loss rows (Epoch drop the 5 highest; ties broken by file order). */
  readonly dropHighestLoss?: number;
}

export const fitCsvDefaults = { tokensFromCompute: false, dropHighestLoss: 0 };

export interface FitCsvData {
  /** One row of inputs per kept point (after tokensFromCompute). */
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
  /** The 1-based file line of each kept point. */
  readonly lines: readonly number[];
  readonly dropped: number;
  readonly file: string;
}

/** Pure: CSV text (named `file` in errors) to fit data. */
export function parseFitCsv(text: string, file: string, options: FitCsvOptions): FitCsvData {
  const o = { ...fitCsvDefaults, ...options };
  if (!Array.isArray(o.x) || o.x.length === 0)
    throw new Error(`parseFitCsv: invalid x: ${JSON.stringify(o.x)} (expected one or more column names)`);
  if (o.tokensFromCompute && o.x.length !== 2)
    throw new Error(
      `parseFitCsv: tokensFromCompute needs x = [parameters column, compute column], got ${JSON.stringify(o.x)}`,
    );
  if (!Number.isInteger(o.dropHighestLoss) || o.dropHighestLoss < 0)
    throw new Error(`parseFitCsv: invalid dropHighestLoss: ${o.dropHighestLoss} (expected an integer >= 0)`);
  const { header, rows } = parseCsv(text, file);
  const dup = duplicateHeader(header);
  if (dup !== null)
    throw new Error(
      `${file}:1: duplicate column name ${JSON.stringify(dup.name)} (columns ${dup.first + 1} and ${dup.second + 1})`,
    );
  const column = (name: string) => {
    const j = header.indexOf(name);
    if (j < 0) throw new Error(`${file}: column "${name}" not found (available: ${header.join(", ")})`);
    return j;
  };
  const xIdx = o.x.map(column);
  const yIdx = column(o.y);
  let points = rows.map((cells, i) => {
    const line = i + 2;
    const num = (j: number) => {
      const raw = cells[j] ?? "";
      const v = decimalOrNaN(raw);
      if (!Number.isFinite(v) || v <= 0)
        throw new Error(
          `${file}:${line}: column "${header[j]}" value ${JSON.stringify(raw)} is not a positive decimal number`,
        );
      return v;
    };
    const x = xIdx.map(num);
    if (o.tokensFromCompute) x[1] = x[1] / (6 * x[0]);
    return { x, y: num(yIdx), line };
  });
  if (points.length === 0) throw new Error(`${file}: no data rows`);
  if (o.dropHighestLoss >= points.length)
    throw new Error(`parseFitCsv: dropHighestLoss ${o.dropHighestLoss} leaves no rows of ${points.length}`);
  if (o.dropHighestLoss > 0) {
    const drop = new Set(
      [...points]
        .sort((a, b) => b.y - a.y || a.line - b.line)
        .slice(0, o.dropHighestLoss)
        .map((p) => p.line),
    );
    points = points.filter((p) => !drop.has(p.line));
  }
  return {
    x: points.map((p) => p.x),
    y: points.map((p) => p.y),
    lines: points.map((p) => p.line),
    dropped: o.dropHighestLoss,
    file,
  };
}

/**
 * Reads `path` and parses it; a missing file is an error naming it (check existsSync first to treat absence as data).
 */
export function loadFitCsv(path: string, options: FitCsvOptions): FitCsvData {
  return parseFitCsv(readInputFile(path, "fit data file"), path, options);
}

/** Epoch's digitisation of Hoffmann et al. 2022 Fig. 4 (Besiroglu et al. 2024), relative to ../shared. Reference
 * data without a licence: read at run time, never copied into the project. */
export const EPOCH_CHINCHILLA_CSV = "reference/svg_extracted_data.csv";
