// Published cross-scale measurements (data/literature_transfer.csv) as TransferMeasurement rows with origin
// "literature". Pure: text in, rows out; src/analysis/io/analysisIo.ts reads the file. Every number in the file was
// read in the cited source (column read_in says where). A row enters the scale fit only where the source gives a size
// we can turn into FLOPs (params and a tokens-per-parameter ratio: C = 6 N D with D = ratio x N) and a multiplier; the
// others stay as context, and their note says why.
import { readCsv } from "../dataset/csv";
import { CHANGE_CATEGORIES, type ChangeCategory, type MeasurementKind, type TransferMeasurement } from "../types";

const LITERATURE_TRANSFER_COLUMNS = [
  "pair_id",
  "innovation",
  "category",
  "scale_label",
  "params",
  "tokens_per_param",
  "multiplier",
  "kind",
  "citation",
  "location",
  "read_in",
  "note",
] as const;

const KINDS: readonly MeasurementKind[] = ["estimate", "lower_bound", "upper_bound", "interval"];

export function parseLiteratureTransfer(text: string, file = "data/literature_transfer.csv"): TransferMeasurement[] {
  const { header, rows } = readCsv(text, file);
  const missing = LITERATURE_TRANSFER_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${file}:1: missing column(s) ${missing.join(", ")}`);
  const col = (name: (typeof LITERATURE_TRANSFER_COLUMNS)[number]) => header.indexOf(name);
  const seen = new Set<string>();
  const out: TransferMeasurement[] = [];
  for (const r of rows) {
    const where = `${file}:${r.line}`;
    if (r.cells.length !== header.length)
      throw new Error(`${where}: ${r.cells.length} cells, header has ${header.length}`);
    const get = (name: (typeof LITERATURE_TRANSFER_COLUMNS)[number]) => r.cells[col(name)].trim();
    const num = (name: (typeof LITERATURE_TRANSFER_COLUMNS)[number]): number | null => {
      const s = get(name);
      if (s === "") return null;
      const v = Number(s);
      if (!Number.isFinite(v) || v <= 0)
        throw new Error(`${where}: invalid ${name}: ${s} (expected a positive number or empty)`);
      return v;
    };
    const pairId = get("pair_id");
    const scale = get("scale_label");
    if (!/^[a-z0-9_]+$/.test(pairId))
      throw new Error(`${where}: invalid pair_id: ${pairId} (expected lower-case letters, digits, _)`);
    const key = `${pairId}@${scale}`;
    if (seen.has(key)) throw new Error(`${where}: duplicate row ${pairId} at ${scale}`);
    seen.add(key);
    const category = get("category") as ChangeCategory;
    if (!CHANGE_CATEGORIES.includes(category))
      throw new Error(`${where}: invalid category: ${category} (expected one of ${CHANGE_CATEGORIES.join(", ")})`);
    const kind = get("kind") as MeasurementKind;
    if (!KINDS.includes(kind)) throw new Error(`${where}: invalid kind: ${kind} (expected one of ${KINDS.join(", ")})`);
    for (const c of ["citation", "location", "read_in", "note"] as const)
      if (get(c) === "")
        throw new Error(`${where}: empty ${c}: every literature row names its source and says what it is`);
    const params = num("params");
    const ratio = num("tokens_per_param");
    const multiplier = num("multiplier");
    if ((params === null) !== (ratio === null))
      throw new Error(`${where}: params and tokens_per_param go together (one is empty)`);
    const flops = params !== null && ratio !== null ? 6 * params * ratio * params : null;
    out.push({
      pairId,
      innovation: get("innovation"),
      category,
      scaleLabel: scale,
      nParamsMatmul: params,
      flopsPerToken: params !== null ? 6 * params : null,
      flops,
      targetLoss: null,
      targetRule: "as published (see note)",
      multiplier,
      lo: kind === "lower_bound" ? multiplier : null,
      hi: kind === "upper_bound" ? multiplier : null,
      kind,
      logSd: null,
      origin: "literature",
      method: flops !== null ? `published; C = 6 N D at ${ratio} tokens per parameter` : "published (context only)",
      source: `${get("citation")}, ${get("location")} (read in ${get("read_in")})`,
      note: get("note"),
    });
  }
  return out;
}
