// Published loss-versus-compute frontiers (data/loss_laws.csv) that turn a published loss difference into a compute
// multiplier. Pure: text in, laws out. Each law is the straight line loss = a + b * log10(C) fitted (olsFit) to its
// points, every point read in the cited source; a difference dL at equal training then costs dL / -b decades of
// compute: M = 10^(dL / -b). The line is local: it holds over the law's compute range and, beyond it, only as far as
// the loss keeps falling by the same amount per decade (see the note of each row that uses it).
import { readCsv } from "../dataset/csv";
import { olsFit } from "../math/olsFit";

const LOSS_LAW_COLUMNS = ["law", "flops", "loss", "unit", "citation", "location", "read_in"] as const;

export interface LossLaw {
  readonly law: string;
  readonly unit: string;
  /** Loss per decade of compute (negative: the loss falls), with its 95% interval from the fit. */
  readonly slope: number;
  readonly slopeCi: readonly [number, number] | null;
  readonly slopeSe: number | null;
  readonly flopsMin: number;
  readonly flopsMax: number;
  readonly points: number;
  /** The cited source of the points, once per law. */
  readonly source: string;
}

export function parseLossLaws(text: string, file = "data/loss_laws.csv"): LossLaw[] {
  const { header, rows } = readCsv(text, file);
  const missing = LOSS_LAW_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${file}:1: missing column(s) ${missing.join(", ")}`);
  const groups = new Map<string, { x: number[]; y: number[]; unit: string; source: string; line: number }>();
  for (const r of rows) {
    const where = `${file}:${r.line}`;
    if (r.cells.length !== header.length)
      throw new Error(`${where}: ${r.cells.length} cells, header has ${header.length}`);
    const get = (c: (typeof LOSS_LAW_COLUMNS)[number]) => r.cells[header.indexOf(c)].trim();
    const flops = Number(get("flops"));
    const loss = Number(get("loss"));
    if (!(flops > 0) || !Number.isFinite(flops)) throw new Error(`${where}: invalid flops: ${get("flops")}`);
    if (!(loss > 0) || !Number.isFinite(loss)) throw new Error(`${where}: invalid loss: ${get("loss")}`);
    for (const c of ["law", "unit", "citation", "location", "read_in"] as const)
      if (get(c) === "") throw new Error(`${where}: empty ${c}`);
    const source = `${get("citation")}, ${get("location")} (read in ${get("read_in")})`;
    const g = groups.get(get("law"));
    if (g === undefined) {
      groups.set(get("law"), { x: [Math.log10(flops)], y: [loss], unit: get("unit"), source, line: r.line });
    } else {
      if (g.unit !== get("unit") || g.source !== source)
        throw new Error(`${where}: law ${get("law")} changes its unit or source from line ${g.line}`);
      g.x.push(Math.log10(flops));
      g.y.push(loss);
    }
  }
  return [...groups].map(([law, g]) => {
    if (g.x.length < 3) throw new Error(`${file}:${g.line}: law ${law} has ${g.x.length} points (at least 3)`);
    const fit = olsFit(g.x, g.y);
    if (!(fit.slope < 0)) throw new Error(`${file}:${g.line}: law ${law}: the loss does not fall with compute`);
    return {
      law,
      unit: g.unit,
      slope: fit.slope,
      slopeCi: fit.slopeCi,
      slopeSe: fit.slopeSe,
      flopsMin: 10 ** Math.min(...g.x),
      flopsMax: 10 ** Math.max(...g.x),
      points: g.x.length,
      source: g.source,
    };
  });
}

/** M = 10^((baseline - treatment) / -slope) with the range the slope's 95% interval gives (see the file comment). */
export function multiplierFromLossDifference(
  law: LossLaw,
  baselineLoss: number,
  treatmentLoss: number,
): { multiplier: number; lo: number | null; hi: number | null; logSd: number | null } {
  const decades = (slope: number) => (baselineLoss - treatmentLoss) / -slope;
  const multiplier = 10 ** decades(law.slope);
  const ends = law.slopeCi?.every((s) => s < 0) ? law.slopeCi.map((s) => 10 ** decades(s)) : null;
  return {
    multiplier,
    lo: ends === null ? null : Math.min(...ends),
    hi: ends === null ? null : Math.max(...ends),
    logSd: law.slopeSe === null ? null : Math.abs(Math.log(multiplier)) * (law.slopeSe / Math.abs(law.slope)),
  };
}
