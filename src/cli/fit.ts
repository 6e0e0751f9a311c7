// npm run fit -- --data <csv> --model <name> --x <column>[,<column>] --y <column> [--loss huber:1e-3] [--grid hoffmann]
//   [--bootstrap 4000 --seed 1] [--out result.json] [--tokens-from-compute] [--drop-highest-loss K] [--weights <column>]
//   [--workers 2] [--solver lm|ml] [--samples]
// Reads a CSV, fits one scaling-law model, prints a table and writes the result as JSON (whole or not at all).
// Bad input (missing column, non-numeric or non-positive value, unknown model or loss) exits with code 2;
// a fit that fails prints its reason and exits with code 1.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { readCsv, type CsvRow } from "../dataset/csv";
import { fitModel, getModel, parseLoss, type FitOptions, type FitResult } from "../index";

class UsageError extends Error {}

const USAGE = "usage: npm run fit -- --data <csv> --model <power|chinchilla|kaplan|broken_power> --x <column>[,<column>] --y <column> [--loss ls|ls_log|huber:<delta>] [--grid <preset>] [--bootstrap <resamples> --seed <n>] [--out <json>] [--tokens-from-compute] [--drop-highest-loss <k>] [--weights <column>] [--workers <n>] [--solver lm|ml] [--samples]";

function parseArgs(argv: readonly string[]): Map<string, string> {
  const flags = new Set(["tokens-from-compute", "samples", "help"]);
  const valued = new Set(["data", "model", "x", "y", "loss", "grid", "bootstrap", "seed", "out", "drop-highest-loss", "weights", "workers", "solver"]);
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new UsageError(`unexpected argument: ${a}\n${USAGE}`);
    const name = a.slice(2);
    if (flags.has(name)) out.set(name, "true");
    else if (valued.has(name)) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`option --${name} needs a value\n${USAGE}`);
      out.set(name, v);
      i++;
    } else throw new UsageError(`unknown option: --${name}\n${USAGE}`);
  }
  return out;
}

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "-";
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(4) : v.toPrecision(6);
}

export function formatTable(r: FitResult): string {
  const lines: string[] = [];
  lines.push(`model ${r.model} (${r.inputs.join(", ")}), loss ${r.loss}, n = ${r.n}`);
  const rows = [["param", "estimate", "SE", "SE (sandwich)", r.ci ? `${Math.round(r.level * 100)}% CI (bootstrap)` : "CI"]];
  for (const name of r.paramNames) {
    const ci = r.ci?.[name];
    rows.push([name, fmt(r.params[name]), fmt(r.se[name]), fmt(r.seRobust[name]), ci ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : "-"]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j].length)));
  for (const row of rows) lines.push(row.map((c, j) => c.padEnd(widths[j])).join("  ").trimEnd());
  lines.push(`objective ${fmt(r.objective)}  status ${r.status} (${r.reason})  iterations ${r.iterations}`);
  lines.push(`starts ${r.starts.count} (refined ${r.starts.refined}, ${r.starts.atBest} at the best objective; top ${r.starts.topK} objectives ${fmt(r.starts.topObjective[0])} .. ${fmt(r.starts.topObjective[1])})`);
  if (r.bootstrap) lines.push(`bootstrap ${r.bootstrap.resamples} resamples, seed ${r.bootstrap.seed}, ${r.bootstrap.failed} failed`);
  lines.push(`AIC ${fmt(r.aic)}  BIC ${fmt(r.bic)}  RMSE ${fmt(r.rmse)}  seconds ${r.seconds.toFixed(2)}  threads ${r.parallel.threads}${r.parallel.note ? ` (${r.parallel.note})` : ""}`);
  return lines.join("\n");
}

function intArg(args: Map<string, string>, name: string, min: number): number | undefined {
  const v = args.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`invalid --${name}: ${v} (expected an integer >= ${min})`);
  return n;
}

export function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (args.has("help")) {
    console.log(USAGE);
    return 0;
  }
  for (const required of ["data", "model", "x", "y"]) if (!args.has(required)) throw new UsageError(`missing --${required}\n${USAGE}`);
  const dataPath = args.get("data")!;
  let spec;
  try {
    spec = getModel(args.get("model")!);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let loss;
  try {
    loss = args.has("loss") ? parseLoss(args.get("loss")) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let text: string;
  try {
    text = readFileSync(dataPath, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read --data ${dataPath}: ${(e as Error).message}`);
  }
  let table;
  try {
    table = readCsv(text, dataPath);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const header = table.header.map((h) => h.trim());
  const rows = table.rows;
  if (header.length === 0) throw new UsageError(`${dataPath}: empty file`);
  const column = (name: string) => {
    const j = header.indexOf(name);
    if (j < 0) throw new UsageError(`${dataPath}: column "${name}" not found (available: ${header.join(", ")})`);
    return j;
  };
  const xCols = args.get("x")!.split(",").map((s) => s.trim());
  const tokensFromCompute = args.has("tokens-from-compute");
  if (tokensFromCompute && xCols.length !== 2) throw new UsageError("--tokens-from-compute needs --x <parameters column>,<compute column> (D = C / 6N)");
  if (xCols.length !== spec.inputs.length) throw new UsageError(`--x names ${xCols.length} column(s) but model ${spec.name} takes ${spec.inputs.length} (${spec.inputs.join(", ")})`);
  const xIdx = xCols.map(column);
  const yIdx = column(args.get("y")!);
  const wIdx = args.has("weights") ? column(args.get("weights")!) : -1;
  const num = (row: CsvRow, j: number, positive: boolean) => {
    const raw = row.cells[j];
    const v = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
    if (!Number.isFinite(v)) throw new UsageError(`${dataPath}:${row.line}: column "${header[j]}" value ${JSON.stringify(raw ?? "")} is not a number`);
    if (positive && v <= 0) throw new UsageError(`${dataPath}:${row.line}: column "${header[j]}" value ${v} must be positive`);
    return v;
  };
  let points = rows.map((row) => {
    const xs = xIdx.map((j) => num(row, j, true));
    if (tokensFromCompute) xs[1] = xs[1] / (6 * xs[0]);
    return { x: xs, y: num(row, yIdx, true), w: wIdx >= 0 ? num(row, wIdx, false) : 1, line: row.line };
  });
  if (points.length === 0) throw new UsageError(`${dataPath}: no data rows`);
  const drop = intArg(args, "drop-highest-loss", 0) ?? 0;
  if (drop > 0) {
    // Epoch's replication drops the 5 highest-loss points before fitting; ties broken by file order.
    const keep = new Set([...points].sort((a, b) => b.y - a.y || a.line - b.line).slice(drop).map((p) => p.line));
    points = points.filter((p) => keep.has(p.line));
  }
  if (points.length < spec.paramNames.length) throw new UsageError(`${dataPath}: ${points.length} points but model ${spec.name} has ${spec.paramNames.length} parameters`);
  const options: FitOptions = {
    ...(loss !== undefined ? { loss } : {}),
    ...(args.has("grid") ? { grid: args.get("grid")! } : {}),
    ...(args.has("workers") ? { workers: intArg(args, "workers", 1) } : {}),
    ...(args.has("solver") ? { solver: args.get("solver") as "lm" | "ml" } : {}),
    keepSamples: args.has("samples"),
  };
  if (args.has("bootstrap")) {
    Object.assign(options, { bootstrap: { resamples: intArg(args, "bootstrap", 1)!, seed: intArg(args, "seed", 0) ?? 0 } });
  } else if (args.has("seed")) throw new UsageError("--seed needs --bootstrap");
  let result: FitResult;
  try {
    result = fitModel(spec, { x: points.map((p) => p.x), y: points.map((p) => p.y), weights: points.map((p) => p.w) }, options);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  console.log(`${basename(dataPath)}: ${points.length} points${drop > 0 ? ` (${drop} highest-loss dropped)` : ""}${tokensFromCompute ? ", tokens D = C / (6 N)" : ""}`);
  console.log(formatTable(result));
  if (args.has("out")) {
    const out = resolve(args.get("out")!);
    const tmp = `${out}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ ...result, data: { file: dataPath, x: xCols, y: args.get("y"), points: points.length, dropHighestLoss: drop, tokensFromCompute } }, null, 2) + "\n");
    renameSync(tmp, out);
    console.log(`wrote ${out}`);
  }
  return result.status === "failed" ? 1 : 0;
}

/** Runs the CLI and returns its exit code: 0 fitted, 1 fit failed, 2 bad input (message on stderr). */
export function run(argv: readonly string[]): number {
  try {
    return main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`fit: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
