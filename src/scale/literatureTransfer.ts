// Published cross-scale measurements (data/literature_transfer.csv) as TransferMeasurement rows with origin
// "literature". Pure: text in, rows out; src/analysis/io/analysisIo.ts reads the file. Every number in the file was
// read in the cited source (column read_in says where). A row enters the scale fit only where the source gives a size
// we can turn into FLOPs (params and a tokens-per-parameter ratio: C = 6 N D with D = ratio x N) and a multiplier; the
// others stay as context, and their note says why. A row that publishes a loss difference at equal training instead of
// a multiplier (optional columns baseline_loss, treatment_loss and loss_law, multiplier empty) is converted with the
// named loss-versus-compute law of data/loss_laws.csv (lossLaws.ts): its multiplier is derived, the law says how.
import { readCsv } from "../dataset/csv";
import { CHANGE_CATEGORIES, type ChangeCategory, type MeasurementKind, type TransferMeasurement } from "../types";
import { multiplierFromLossDifference, type LossLaw } from "./lossLaws";

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

/** Optional columns: a published loss difference to convert with a loss law (see the file comment). */
type LiteratureLossColumn = "baseline_loss" | "treatment_loss" | "loss_law";

export function parseLiteratureTransfer(
  text: string,
  file = "data/literature_transfer.csv",
  laws: readonly LossLaw[] = [],
): TransferMeasurement[] {
  const { header, rows } = readCsv(text, file);
  const missing = LITERATURE_TRANSFER_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${file}:1: missing column(s) ${missing.join(", ")}`);
  const seen = new Set<string>();
  const out: TransferMeasurement[] = [];
  for (const r of rows) {
    const where = `${file}:${r.line}`;
    if (r.cells.length !== header.length)
      throw new Error(`${where}: ${r.cells.length} cells, header has ${header.length}`);
    type Column = (typeof LITERATURE_TRANSFER_COLUMNS)[number] | LiteratureLossColumn;
    const get = (name: Column) => (header.includes(name) ? r.cells[header.indexOf(name)].trim() : "");
    const num = (name: Column): number | null => {
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
    const losses = { baseline: get("baseline_loss"), treatment: get("treatment_loss") };
    const converted = lossConversion(where, get("loss_law"), losses, num("baseline_loss"), num("treatment_loss"), laws);
    if (converted !== null && multiplier !== null)
      throw new Error(`${where}: a multiplier and a loss difference to convert: give one of them`);
    if (converted !== null && kind !== "estimate")
      throw new Error(`${where}: a converted loss difference is an estimate, not ${kind}`);
    const source = `${get("citation")}, ${get("location")} (read in ${get("read_in")})`;
    const common = {
      pairId,
      innovation: get("innovation"),
      category,
      scaleLabel: scale,
      nParamsMatmul: params,
      flopsPerToken: params !== null ? 6 * params : null,
      flops,
      targetLoss: null,
      kind,
      origin: "literature" as const,
      note: get("note"),
    };
    const placed = flops !== null ? `C = 6 N D at ${ratio} tokens per parameter` : null;
    out.push(
      converted !== null
        ? {
            ...common,
            targetRule: "equal training (see note)",
            multiplier: converted.multiplier,
            lo: converted.lo,
            hi: converted.hi,
            logSd: converted.logSd,
            method: `${placed ?? "context only"}; ${converted.method}`,
            source: `${source}; law: ${converted.lawSource}`,
          }
        : {
            ...common,
            targetRule: "as published (see note)",
            multiplier,
            lo: kind === "lower_bound" ? multiplier : null,
            hi: kind === "upper_bound" ? multiplier : null,
            logSd: null,
            method: placed !== null ? `published; ${placed}` : "published (context only)",
            source,
          },
    );
  }
  return out;
}

/** The loss difference of a row converted with its law; null when the row gives no loss columns. */
function lossConversion(
  where: string,
  lawName: string,
  text: { readonly baseline: string; readonly treatment: string },
  baseline: number | null,
  treatment: number | null,
  laws: readonly LossLaw[],
): {
  multiplier: number;
  lo: number | null;
  hi: number | null;
  logSd: number | null;
  method: string;
  lawSource: string;
} | null {
  if (lawName === "" && baseline === null && treatment === null) return null;
  if (lawName === "" || baseline === null || treatment === null)
    throw new Error(`${where}: baseline_loss, treatment_loss and loss_law go together (one is empty)`);
  const law = laws.find((l) => l.law === lawName);
  if (law === undefined)
    throw new Error(`${where}: unknown loss_law ${lawName} (laws: ${laws.map((l) => l.law).join(", ") || "none"})`);
  const m = multiplierFromLossDifference(law, baseline, treatment);
  const ci = law.slopeCi === null ? "" : ` (95% ${law.slopeCi.map((s) => s.toFixed(4)).join(" to ")})`;
  return {
    ...m,
    method:
      `${law.unit} ${text.baseline} -> ${text.treatment} at equal training, converted with ${law.law}: ` +
      `${law.slope.toFixed(4)} ${law.unit} per decade of compute${ci}, a line through its ${law.points} points ` +
      `(${law.flopsMin.toExponential(0)} to ${law.flopsMax.toExponential(0)} FLOPs); M = 10^(difference / ` +
      `${(-law.slope).toFixed(4)}), lo/hi from the slope's interval`,
    lawSource: law.source,
  };
}
