// A user's cross-scale catalogue: a CSV with the columns of results/transfer_pairs.csv, one row per measurement.
// Required: pair_id, category, flops, multiplier, lo, hi, kind, log_sd (a cell may be empty where the kind does not
// need it). Optional: innovation, scale_params, preferred (true/false; default true), measurement_id, origin, source,
// note. A bad cell is an error naming the file, the line and the column.
import { readCsv } from "../dataset/csv";
import { CHANGE_CATEGORIES, type ChangeCategory, type MeasurementKind, type TransferMeasurement } from "../types";

export const CATALOGUE_REQUIRED_COLUMNS = Object.freeze([
  "pair_id",
  "category",
  "flops",
  "multiplier",
  "lo",
  "hi",
  "kind",
  "log_sd",
] as const);
const KINDS: readonly MeasurementKind[] = ["estimate", "lower_bound", "upper_bound", "interval"];

class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CatalogueError";
  }
}

export function parseScaleCatalogue(text: string, file: string): TransferMeasurement[] {
  const { header, rows } = readCsv(text, file);
  if (header.length === 0)
    throw new CatalogueError(`${file}: empty file (expected a header with ${CATALOGUE_REQUIRED_COLUMNS.join(", ")})`);
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = CATALOGUE_REQUIRED_COLUMNS.filter((c) => !col.has(c));
  if (missing.length)
    throw new CatalogueError(
      `${file}:1: missing column(s) ${missing.join(", ")} (required: ${CATALOGUE_REQUIRED_COLUMNS.join(", ")})`,
    );
  if (rows.length === 0) throw new CatalogueError(`${file}: no rows after the header`);
  return rows.map((r) => {
    if (r.cells.length !== header.length)
      throw new CatalogueError(`${file}:${r.line}: ${r.cells.length} cells, the header has ${header.length}`);
    const cell = (name: string) => {
      const i = col.get(name);
      return i === undefined ? "" : r.cells[i].trim();
    };
    const bad = (name: string, why: string) => new CatalogueError(`${file}:${r.line}: column ${name}: ${why}`);
    const num = (name: string, required: boolean): number | null => {
      const raw = cell(name);
      if (raw === "") {
        if (required) throw bad(name, "empty (a number is required here)");
        return null;
      }
      const v = Number(raw);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) || !Number.isFinite(v))
        throw bad(name, `${JSON.stringify(raw)} is not a number`);
      return v;
    };
    const pairId = cell("pair_id");
    if (!pairId) throw bad("pair_id", "empty");
    const category = cell("category") as ChangeCategory;
    if (!CHANGE_CATEGORIES.includes(category))
      throw bad("category", `${JSON.stringify(category)} is not one of ${CHANGE_CATEGORIES.join(", ")}`);
    const kind = cell("kind") as MeasurementKind;
    if (!KINDS.includes(kind)) throw bad("kind", `${JSON.stringify(kind)} is not one of ${KINDS.join(", ")}`);
    const flops = num("flops", true) as number;
    if (!(flops > 0)) throw bad("flops", `${flops} is not positive`);
    const multiplier = num("multiplier", kind !== "interval");
    if (multiplier !== null && !(multiplier > 0)) throw bad("multiplier", `${multiplier} is not positive`);
    const lo = num("lo", kind === "interval"),
      hi = num("hi", kind === "interval");
    if (kind === "interval" && !((lo as number) > 0 && (hi as number) >= (lo as number)))
      throw bad("lo", `interval [${lo}, ${hi}] is not 0 < lo <= hi`);
    const logSd = num("log_sd", false);
    if (logSd !== null && !(logSd >= 0)) throw bad("log_sd", `${logSd} is negative`);
    const pref = cell("preferred").toLowerCase();
    if (pref !== "" && pref !== "true" && pref !== "false")
      throw bad("preferred", `${JSON.stringify(pref)} is not true or false`);
    const origin = cell("origin") === "literature" ? "literature" : "logs";
    return {
      pairId,
      innovation: cell("innovation") || pairId,
      category,
      scaleLabel: cell("scale_params") || `${flops.toExponential(2)} FLOPs`,
      nParamsMatmul: null,
      flopsPerToken: null,
      flops,
      targetLoss: null,
      targetRule: "",
      multiplier,
      lo,
      hi,
      kind,
      logSd,
      origin,
      method: "catalogue",
      source: cell("source") || `${file}:${r.line}`,
      note: cell("note"),
      measurementId: cell("measurement_id") || `${pairId}@${r.line}`,
      preferred: pref !== "false",
    } satisfies TransferMeasurement;
  });
}
