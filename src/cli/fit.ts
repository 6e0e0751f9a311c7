// npm run fit -- --data <csv> --model <name> --x <column>[,<column>] --y <column> [--loss huber:1e-3] [--grid hoffmann]
//   [--bootstrap 4000 --seed 1] [--out result.json] [--tokens-from-compute] [--drop-highest-loss K]
//   [--weights <column>] [--workers 2] [--solver lm|ml] [--samples]
// Reads a CSV, fits one scaling-law model, prints a table and writes the result as JSON (whole or not at all).
// Bad input (missing column, non-numeric or non-positive value, unknown model or loss) exits with code 2;
// a fit that fails prints its reason and exits with code 1.
import { accessSync, constants, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, resolve } from "node:path";
import { decimalOrNaN, duplicateHeader, readCsv, type CsvRow } from "../dataset/csv";
import { fitModel, getModel, parseLoss, type FitOptions, type FitResult } from "../index";
import { terminalText } from "../terminalText";
import { defineCommand, integerOption, nonEmpty, parseCommand, usageText, UsageError } from "./args";

/** Bootstrap resamples accepted: Epoch's replication uses 4,000; 100,000 refits already take minutes on 2 cores. */
const MAX_BOOTSTRAP = 100_000;

const FIT_COMMAND = defineCommand({
  command: "npm run fit --",
  summary:
    "Reads a CSV, fits one scaling-law model by multi-start Levenberg-Marquardt, prints a table and writes the " +
    "result as " +
    "JSON (whole or not at all). Exit codes: 0 fitted, 1 the fit failed or the data cannot determine the " +
    "parameters, 2 bad input.",
  options: {
    data: { type: "string", value: "csv", description: "input CSV with a header row (required)" },
    model: { type: "string", value: "name", description: "power | chinchilla | kaplan | broken_power (required)" },
    x: {
      type: "string",
      value: "columns",
      description:
        "input column(s), comma-separated: one for power/kaplan/broken_power, two (N,D) for chinchilla (required)",
    },
    y: { type: "string", value: "column", description: "loss column (required)" },
    loss: {
      type: "string",
      value: "ls|ls_log|huber:<delta>",
      description: "objective (default huber:1e-3 on log-loss residuals)",
    },
    grid: {
      type: "string",
      value: "preset",
      description: "start grid preset of the model (e.g. hoffmann for chinchilla)",
    },
    bootstrap: { type: "string", value: "n", description: `bootstrap resamples, 1 to ${MAX_BOOTSTRAP}` },
    seed: {
      type: "string",
      value: "n",
      description: "bootstrap seed, a decimal integer 0 to 4294967295 (default 0; needs --bootstrap)",
    },
    out: {
      type: "string",
      value: "json",
      description: "write the result here (its folder must exist; an existing file must be an earlier fit result)",
    },
    "tokens-from-compute": {
      type: "boolean",
      description: "with --x N,C: use tokens D = C / (6 N) as the second input",
    },
    "drop-highest-loss": {
      type: "string",
      value: "k",
      description: "drop the k highest-loss rows before fitting (Epoch's replication drops 5)",
    },
    weights: { type: "string", value: "column", description: "per-row weights (finite, >= 0)" },
    workers: {
      type: "string",
      value: "n",
      description: `worker threads, 1 to the number of cores (${availableParallelism()} here)`,
    },
    solver: {
      type: "string",
      value: "lm|ml",
      description: "descent solver: ml (ml-levenberg-marquardt, default) or lm (the project's kernel)",
    },
    samples: { type: "boolean", description: "keep the bootstrap samples in the JSON" },
  },
});

const USAGE = usageText(FIT_COMMAND);

/**
 * Losses the fit accepts: the models bound the irreducible loss E to e^-20 .. e^20 (2e-9 .. 4.9e8), so a loss outside
 * 1e-8 .. 1e8 can only end at a bound (issue 21: losses of 1e300 or subnormal ones "fitted" with exit 0). Cross-entropy
 * losses in nats or bits lie far inside this range.
 */
const LOSS_RANGE: readonly [number, number] = [1e-8, 1e8];

/**
 * Largest --data file read, and most rows (scaling-law fits take hundreds of points; every start of a fit goes over
 * every row, so more rows cost time in proportion): the CSV text, its cells and the fit's arrays take about 1 KB a row,
 * so ten million rows ran V8 out of memory after 98 s (issue 21). Refused before reading (size) or parsing (rows), with
 * the figure and the limit.
 */
const MAX_FIT_BYTES = 64 * 1024 * 1024;
const MAX_FIT_ROWS = 100_000;

/** Bad content of the input file (exit 2, like a usage error, but printed without the usage). */
class DataError extends UsageError {}

/**
 * Checks `--out` before any work: its folder exists and is writable, it is not a folder, and an existing file is an
 * earlier fit result (JSON with model and params), so a typo cannot overwrite a notebook or a source file.
 */
function checkOutFile(out: string): void {
  const shown = terminalText(out);
  const dir = dirname(out);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new DataError(`--out ${shown}: folder ${terminalText(dir)} does not exist`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new DataError(`--out ${shown}: folder ${terminalText(dir)} is not writable`);
  }
  if (!existsSync(out)) return;
  if (!statSync(out).isFile()) throw new DataError(`--out ${shown}: is a folder or special file, not a result file`);
  let earlier: unknown;
  try {
    earlier = JSON.parse(readFileSync(out, "utf8"));
  } catch {
    earlier = null;
  }
  const looksLikeFit =
    typeof earlier === "object" && earlier !== null && "model" in earlier && "params" in earlier && "status" in earlier;
  if (!looksLikeFit)
    throw new DataError(`--out ${shown}: refusing to overwrite a file that is not an earlier fit result`);
}

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "-";
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(4) : v.toPrecision(6);
}

function formatTable(r: FitResult): string {
  const lines: string[] = [];
  lines.push(`model ${r.model} (${r.inputs.join(", ")}), loss ${r.loss}, n = ${r.n}`);
  const rows = [
    ["param", "estimate", "SE", "SE (sandwich)", r.ci ? `${Math.round(r.level * 100)}% CI (bootstrap)` : "CI"],
  ];
  for (const name of r.paramNames) {
    const ci = r.ci?.[name];
    rows.push([
      name,
      fmt(r.params[name]),
      fmt(r.se[name]),
      fmt(r.seRobust[name]),
      ci ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : "-",
    ]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j].length)));
  for (const row of rows)
    lines.push(
      row
        .map((c, j) => c.padEnd(widths[j]))
        .join("  ")
        .trimEnd(),
    );
  lines.push(`objective ${fmt(r.objective)}  status ${r.status} (${r.reason})  iterations ${r.iterations}`);
  lines.push(
    `starts ${r.starts.count} (refined ${r.starts.refined}, ${r.starts.atBest} at the best objective; ` +
      `top ${r.starts.topK} objectives ${fmt(r.starts.topObjective[0])} .. ${fmt(r.starts.topObjective[1])})`,
  );
  if (r.bootstrap)
    lines.push(`bootstrap ${r.bootstrap.resamples} resamples, seed ${r.bootstrap.seed}, ${r.bootstrap.failed} failed`);
  lines.push(
    `AIC ${fmt(r.aic)}  BIC ${fmt(r.bic)}  RMSE ${fmt(r.rmse)}  seconds ${r.seconds.toFixed(2)}  ` +
      `threads ${r.parallel.threads}${r.parallel.note ? ` (${r.parallel.note})` : ""}`,
  );
  return lines.join("\n");
}

function main(argv: readonly string[]): number {
  const parsed = parseCommand(FIT_COMMAND, argv);
  if (parsed === null) return 0;
  const args = parsed.values;
  for (const [name, value] of Object.entries(args)) if (typeof value === "string") nonEmpty(name, value);
  for (const required of ["data", "model", "x", "y"] as const)
    if (args[required] === undefined) throw new UsageError(`missing --${required}`);
  // Every argument is checked here, before the file is read or a thread started.
  const dataPath = args.data!;
  let spec;
  try {
    spec = getModel(args.model!);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let loss;
  try {
    loss = args.loss !== undefined ? parseLoss(args.loss) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args.solver !== undefined && args.solver !== "lm" && args.solver !== "ml")
    throw new UsageError(`invalid --solver: ${terminalText(args.solver)} (expected lm or ml)`);
  const cores = availableParallelism();
  const workers = integerOption("workers", args.workers, 1, cores);
  const resamples = integerOption("bootstrap", args.bootstrap, 1, MAX_BOOTSTRAP);
  const seed = integerOption("seed", args.seed, 0, 2 ** 32 - 1);
  if (seed !== undefined && resamples === undefined) throw new UsageError("--seed needs --bootstrap");
  const drop = integerOption("drop-highest-loss", args["drop-highest-loss"], 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const xCols = args.x!.split(",").map((s) => s.trim());
  const tokensFromCompute = args["tokens-from-compute"] === true;
  if (tokensFromCompute && xCols.length !== 2)
    throw new UsageError("--tokens-from-compute needs --x <parameters column>,<compute column> (D = C / 6N)");
  if (xCols.length !== spec.inputs.length)
    throw new UsageError(
      `--x names ${xCols.length} column(s) but ` +
        `model ${spec.name} takes ${spec.inputs.length} (${spec.inputs.join(", ")})`,
    );
  const out = args.out === undefined ? null : resolve(args.out);
  if (out !== null) checkOutFile(out);

  const shownPath = terminalText(dataPath);
  let text: string;
  try {
    if (!existsSync(dataPath)) throw new DataError(`${shownPath}: --data file not found`);
    const size = statSync(dataPath);
    if (!size.isFile()) throw new DataError(`${shownPath}: --data is not a regular file`);
    if (size.size > MAX_FIT_BYTES) {
      throw new DataError(
        `${shownPath}: --data is ${size.size} bytes, over the ${MAX_FIT_BYTES / 1024 / 1024} MiB limit of the ` +
          `fit; not read`,
      );
    }
    text = readFileSync(dataPath, "utf8");
    let lines = 0;
    for (let i = text.indexOf("\n"); i >= 0 && lines <= MAX_FIT_ROWS + 1; i = text.indexOf("\n", i + 1)) lines++;
    if (lines > MAX_FIT_ROWS + 1) {
      throw new DataError(
        `${shownPath}: --data has over ${MAX_FIT_ROWS.toLocaleString("en-US")} rows, the limit of the fit; not read`,
      );
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`cannot read --data ${shownPath}: ${(e as Error).message}`);
  }
  let table;
  try {
    table = readCsv(text, shownPath);
  } catch (e) {
    throw new DataError((e as Error).message);
  }
  const header = table.header.map((h) => h.trim());
  const rows = table.rows;
  if (header.length === 0) throw new DataError(`${shownPath}: empty file`);
  const dup = duplicateHeader(header);
  if (dup !== null)
    throw new DataError(
      `${shownPath}:1: duplicate column ` +
        `name ${JSON.stringify(terminalText(dup.name))} (columns ${dup.first + 1} and ${dup.second + 1})`,
    );
  for (const row of rows) {
    if (row.cells.length !== header.length)
      throw new DataError(`${shownPath}:${row.line}: ${row.cells.length} cells, but the header has ${header.length}`);
  }
  const column = (name: string) => {
    const j = header.indexOf(name);
    if (j < 0)
      throw new DataError(
        `${shownPath}: column "${terminalText(name)}" not found (available: ${terminalText(header.join(", "))})`,
      );
    return j;
  };
  const xIdx = xCols.map(column);
  const yIdx = column(args.y!);
  const wIdx = args.weights !== undefined ? column(args.weights) : -1;
  const num = (row: CsvRow, j: number, rule: "positive" | "nonnegative") => {
    const raw = row.cells[j];
    const v = decimalOrNaN(raw);
    if (!Number.isFinite(v))
      throw new DataError(
        `${shownPath}:${row.line}: column "${terminalText(header[j])}" ` +
          `value ${terminalText(JSON.stringify(raw))} is not a decimal number`,
      );
    if (rule === "positive" && v <= 0)
      throw new DataError(`${shownPath}:${row.line}: column "${terminalText(header[j])}" value ${v} must be positive`);
    if (rule === "nonnegative" && v < 0)
      throw new DataError(`${shownPath}:${row.line}: column "${terminalText(header[j])}" weight ${v} must be >= 0`);
    return v;
  };
  let points = rows.map((row) => {
    const xs = xIdx.map((j) => num(row, j, "positive"));
    if (tokensFromCompute) xs[1] = xs[1] / (6 * xs[0]);
    const y = num(row, yIdx, "positive");
    if (y < LOSS_RANGE[0] || y > LOSS_RANGE[1]) {
      throw new DataError(
        `${shownPath}:${row.line}: column "${terminalText(header[yIdx])}" loss ${y} is outside the range a fit ` +
          `can use (${LOSS_RANGE[0].toExponential()} to ${LOSS_RANGE[1].toExponential()})`,
      );
    }
    return { x: xs, y, w: wIdx >= 0 ? num(row, wIdx, "nonnegative") : 1, line: row.line };
  });
  if (points.length === 0) throw new DataError(`${shownPath}: no data rows`);
  if (drop > 0) {
    // Epoch's replication drops the 5 highest-loss points before fitting; ties broken by file order.
    const keep = new Set(
      [...points]
        .sort((a, b) => b.y - a.y || a.line - b.line)
        .slice(drop)
        .map((p) => p.line),
    );
    points = points.filter((p) => keep.has(p.line));
  }
  if (points.length < spec.paramNames.length)
    throw new DataError(
      `${shownPath}: ${points.length} points but model ${spec.name} has ${spec.paramNames.length} parameters`,
    );
  const options: FitOptions = {
    ...(loss !== undefined ? { loss } : {}),
    ...(args.grid !== undefined ? { grid: args.grid } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(args.solver !== undefined ? { solver: args.solver as "lm" | "ml" } : {}),
    ...(resamples !== undefined ? { bootstrap: { resamples, seed: seed ?? 0 } } : {}),
    keepSamples: args.samples === true,
  };
  let result: FitResult;
  try {
    result = fitModel(
      spec,
      { x: points.map((p) => p.x), y: points.map((p) => p.y), weights: points.map((p) => p.w) },
      options,
    );
  } catch (e) {
    throw new DataError((e as Error).message);
  }
  console.log(
    `${terminalText(basename(dataPath))}: ${points.length} points` +
      (drop > 0 ? ` (${drop} highest-loss dropped)` : "") +
      (tokensFromCompute ? ", tokens D = C / (6 N)" : ""),
  );
  console.log(formatTable(result));
  if (out !== null) {
    const tmp = `${out}.tmp-${process.pid}`;
    try {
      writeFileSync(
        tmp,
        JSON.stringify(
          {
            ...result,
            data: {
              file: dataPath,
              x: xCols,
              y: args.y,
              points: points.length,
              dropHighestLoss: drop,
              tokensFromCompute,
            },
          },
          null,
          2,
        ) + "\n",
      );
      renameSync(tmp, out);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    console.log(`wrote ${terminalText(out)}`);
  }
  if (result.status === "unidentifiable")
    console.error(`fit: the data cannot determine the parameters: ${result.reason}`);
  // A parameter left at the edge of its search box was not determined by the data: not a success.
  if (result.status === "hit_bound")
    console.error(`fit: a parameter ended at the bound of its range (${result.reason}): the data do not determine it`);
  if (result.status === "failed") console.error(`fit: the fit failed: ${result.reason}`);
  return result.status === "converged" || result.status === "max_iterations" ? 0 : 1;
}

/** Runs the CLI and returns its exit code: 0 fitted, 1 fit failed, 2 bad input (message on stderr). */
export function run(argv: readonly string[]): number {
  try {
    return main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e instanceof DataError ? `fit: ${e.message}` : `fit: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    // Anything else (a full disk while writing --out, a bug): its message, not a stack trace.
    console.error(`fit: error: ${terminalText((e as Error).message ?? String(e), { keepNewlines: true })}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
