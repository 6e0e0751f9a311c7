// npm run scale -- --catalogue A.csv [--catalogue B.csv ...] [--at 1e24] [--out result.json] [--seed 1]
// Fits the scale model (src/scale) to each catalogue in one process and prints (or writes, whole or not at all) a JSON
// array, one object per catalogue in the order given.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { scaleAnswersFromFiles, CATALOGUE_REQUIRED_COLUMNS } from "../scale";
import { defineCommand, integerOption, nonEmpty, runCommand, UsageError, type ParsedCommand } from "./args";

const SCALE_COMMAND = defineCommand({
  command: "npm run scale --",
  summary:
    "Fits the cross-scale model to each catalogue given and prints a JSON array, one object per catalogue in " +
    "the order " +
    "given: {catalogue, verdict: grows|shrinks|flat|not identified, reason, parameters: {beta0, beta1, tau, sigma, " +
    "typical_slope: {estimate, lo, hi}}, pairs: [{pair_id, flops, multiplier, lo, hi, role, extrapolated}], " +
    "measured_flops, " +
    "assumption, excluded}. Model: ln M_i = a_i + b_i log10 C per pair, b_i ~ N(beta0 + beta1 a_i, tau^2) " +
    "(beta0: ln M per " +
    "decade whatever the gain's size; beta1: the fraction of its ln M a gain gains per decade); 95% posterior " +
    "intervals. " +
    `A catalogue is a CSV with the columns of results/transfer_pairs.csv; ` +
    `required: ${CATALOGUE_REQUIRED_COLUMNS.join(", ")}; ` +
    "kind is estimate, lower_bound, upper_bound or interval (lo, hi); preferred=false rows are listed, not " +
    "fitted. A catalogue " +
    'with no pair measured (points) at two or more compute values cannot identify the trend: verdict "not ' +
    'identified", ' +
    "parameters null and every pair's numbers null. One whose intervals leave the direction open is also \"not " +
    'identified", ' +
    "with its 95% intervals (calibrated: npm run bench:scale). A pair with a point at one compute and bounds at " +
    "others is " +
    "predicted, not fitted (role one-sided). Exit codes: 0 fitted, 1 a catalogue is malformed or unreadable " +
    "(the error " +
    "names file, line and column), 2 bad options.",
  options: {
    catalogue: {
      type: "string",
      value: "csv",
      multiple: true,
      description: "a catalogue CSV (required; repeat for several)",
    },
    at: { type: "string", value: "flops", description: "compute at which each pair is predicted (default 1e24)" },
    out: {
      type: "string",
      value: "json",
      description: "write the JSON array here instead of printing it (written whole or not at all)",
    },
    seed: {
      type: "string",
      value: "n",
      description: "sampler seed, a decimal integer 0 to 4294967295 (default 1): same data and seed, same bytes",
    },
  },
});

function main(args: ParsedCommand<typeof SCALE_COMMAND.options>): number {
  const catalogues = args.values.catalogue ?? [];
  if (catalogues.length === 0) throw new UsageError("option --catalogue is required");
  for (const c of catalogues) nonEmpty("catalogue", c);
  const atRaw = args.values.at ?? "1e24";
  const at = Number(atRaw);
  if (!/^\d+(\.\d*)?([eE][+-]?\d+)?$/.test(atRaw.trim()) || !(at > 0) || !Number.isFinite(at))
    throw new UsageError(`invalid --at: ${JSON.stringify(atRaw)} (expected a positive number of FLOPs, e.g. 1e24)`);
  const seed = integerOption("seed", args.values.seed, 0, 4294967295) ?? 1;
  const out = nonEmpty("out", args.values.out);
  const answers = scaleAnswersFromFiles(catalogues, at, { seed });
  const text = `${JSON.stringify(answers, null, 2)}\n`;
  if (out === undefined) process.stdout.write(text);
  else {
    const tmp = `${out}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, out);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    console.error(`wrote ${out} (${answers.length} catalogue${answers.length === 1 ? "" : "s"})`);
  }
  return 0;
}

if (require.main === module) void runCommand(SCALE_COMMAND, process.argv.slice(2), main);
