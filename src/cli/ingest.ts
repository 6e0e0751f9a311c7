// npm run ingest -- --source <modded-nanogpt checkout> [--nanochat <LEADERBOARD.md> | --no-nanochat] [--out <dir>]
// [--strict]
import { SingleBar, Presets } from "cli-progress";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { datasetFiles } from "../dataset/datasetFiles";
import { DATASET_DIR, moddedNanogptDir, nanochatLeaderboardFile } from "../dataset/sharedDir";
import { writeFilesAtomically } from "../dataset/writeFilesAtomically";
import { checkOutputFolder, recoverOutputFolder } from "../dataset/outputFolder";
import { terminalText } from "../terminalText";
import { defineCommand, nonEmpty, runCommand, UsageError, type ParsedCommand } from "./args";
import { formatWarning, ingestSource, IngestError } from "../ingest/ingestSource";
import type { IngestWarningKind } from "../types";

const INGEST_COMMAND = defineCommand({
  command: "npm run ingest --",
  summary:
    "Rebuilds the speedrun dataset (records.csv, runs.csv, evals.csv, train_losses.csv, sources.csv) from a " +
    "modded-nanogpt " +
    "checkout and the nanochat leaderboard, written whole or not at all. Bad input is counted by kind with file " +
    "and line. " +
    "The output folder must be absent, empty or an earlier dataset.",
  options: {
    source: {
      type: "string",
      value: "dir",
      description:
        "modded-nanogpt checkout: README.md or RECORDS.md with the record tables, and records/ (default " +
        "../shared/upstream/modded-nanogpt, a full clone)",
    },
    nanochat: {
      type: "string",
      value: "file",
      description: "nanochat LEADERBOARD.md (default ../shared/nanochat/LEADERBOARD.md when present)",
    },
    "no-nanochat": { type: "boolean", description: "leave the nanochat leaderboard out" },
    out: { type: "string", value: "dir", description: "dataset folder to write (default data/speedrun)" },
    strict: { type: "boolean", description: "stop at the first bad input (table row, log line or file)" },
  },
});

interface CliOptions {
  source: string;
  nanochat: string | null;
  out: string;
  strict: boolean;
}

function cliOptions({ values }: ParsedCommand<typeof INGEST_COMMAND.options>): CliOptions {
  const defaultNanochat = nanochatLeaderboardFile();
  const source = nonEmpty("source", values.source);
  const nanochat = nonEmpty("nanochat", values.nanochat);
  if (nanochat !== undefined && values["no-nanochat"])
    throw new UsageError("give either --nanochat or --no-nanochat, not both");
  const opts: CliOptions = {
    source: source === undefined ? moddedNanogptDir() : resolve(source.replace(/^~(?=\/|$)/, process.env.HOME ?? "~")),
    nanochat: values["no-nanochat"]
      ? null
      : nanochat !== undefined
        ? resolve(nanochat)
        : existsSync(defaultNanochat)
          ? defaultNanochat
          : null,
    out: resolve(nonEmpty("out", values.out) ?? DATASET_DIR),
    strict: values.strict === true,
  };
  if (!existsSync(opts.source) || !statSync(opts.source).isDirectory())
    throw new Error(`${terminalText(opts.source)}: source folder not found (expected a modded-nanogpt checkout)`);
  if (opts.nanochat !== null && !existsSync(opts.nanochat))
    throw new Error(`${terminalText(opts.nanochat)}: nanochat leaderboard not found`);
  return opts;
}

function main(args: ParsedCommand<typeof INGEST_COMMAND.options>): void {
  const opts = cliOptions(args);
  // Refuse a folder that is not a dataset before reading anything; repair what a killed run left beside it.
  for (const line of recoverOutputFolder(opts.out, "dataset")) console.log(`ingest: ${line}`);
  checkOutputFolder(opts.out, "dataset");
  const bar = new SingleBar(
    { format: "ingest [{bar}] {value}/{total} logs  {file}", hideCursor: true, stream: process.stderr },
    Presets.shades_classic,
  );
  let started = false;
  const t0 = Date.now();
  let result;
  try {
    result = ingestSource({
      source: opts.source,
      nanochat: opts.nanochat,
      strict: opts.strict,
      // The bar moves while the logs are read and parsed; the label then names each file as its outcome is reported.
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, 0, { file: "reading" });
          started = true;
        }
        bar.update(done);
      },
      onFile: (done, total, path) => {
        if (!started) {
          bar.start(total, 0, { file: "" });
          started = true;
        }
        if (bar.getTotal() !== total) bar.setTotal(total);
        const shown = terminalText(path);
        bar.update(done, { file: shown.length > 60 ? "…" + shown.slice(-59) : shown });
      },
    });
  } finally {
    if (started) bar.stop();
  }
  writeFilesAtomically(opts.out, datasetFiles(result), "dataset", (line) => console.log(`ingest: ${line}`));
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const perTrack = new Map<string, number>();
  for (const r of result.runs) perTrack.set(r.track, (perTrack.get(r.track) ?? 0) + 1);
  const byKind = new Map<IngestWarningKind, string[]>();
  for (const w of result.warnings) byKind.set(w.kind, [...(byKind.get(w.kind) ?? []), formatWarning(w)]);
  console.log(
    `ingest: read ${result.filesRead} log files from ${terminalText(opts.source)} in ${seconds} s; ` +
      `wrote ${terminalText(opts.out)}`,
  );
  console.log(
    `runs per track: ${[...perTrack].map(([t, n]) => `${t} ${n}`).join(", ")}; record rows: ${result.records.length}`,
  );
  if (byKind.size === 0) console.log("warnings: none");
  for (const [kind, list] of [...byKind].sort()) {
    console.log(`warnings ${kind}: ${list.length}`);
    for (const line of list.slice(0, 5)) console.log(`  ${terminalText(line)}`);
    if (list.length > 5) console.log(`  ... and ${list.length - 5} more`);
  }
}

if (require.main === module) {
  void runCommand(INGEST_COMMAND, process.argv.slice(2), main, (err) =>
    err instanceof IngestError ? `ingest --strict stopped: ${err.message}` : `ingest failed: ${err.message}`,
  );
}
