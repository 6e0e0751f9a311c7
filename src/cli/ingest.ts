// npm run ingest -- --source <modded-nanogpt checkout> [--nanochat <LEADERBOARD.md> | --no-nanochat] [--out <dir>] [--strict]
import { SingleBar, Presets } from "cli-progress";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { datasetFiles } from "../dataset/datasetFiles";
import { DATASET_DIR, sharedDir } from "../dataset/sharedDir";
import { writeFilesAtomically } from "../dataset/writeFilesAtomically";
import { formatWarning, ingestSource, IngestError } from "../ingest/ingestSource";
import type { IngestWarningKind } from "../types";

interface CliOptions {
  source: string;
  nanochat: string | null;
  out: string;
  strict: boolean;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const shared = sharedDir();
  const defaultNanochat = join(shared, "nanochat", "LEADERBOARD.md");
  const opts: CliOptions = {
    source: join(shared, "modded-nanogpt"),
    nanochat: existsSync(defaultNanochat) ? defaultNanochat : null,
    out: DATASET_DIR,
    strict: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`option ${a} needs a value`);
      return v;
    };
    if (a === "--source") opts.source = resolve(value().replace(/^~(?=\/|$)/, process.env.HOME ?? "~"));
    else if (a === "--nanochat") opts.nanochat = resolve(value());
    else if (a === "--no-nanochat") opts.nanochat = null;
    else if (a === "--out") opts.out = resolve(value());
    else if (a === "--strict") opts.strict = true;
    else throw new Error(`unknown option: ${a} (expected --source, --nanochat, --no-nanochat, --out, --strict)`);
  }
  return opts;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const bar = new SingleBar({ format: "ingest [{bar}] {value}/{total} logs  {file}", hideCursor: true, stream: process.stderr }, Presets.shades_classic);
  let started = false;
  const t0 = Date.now();
  let result;
  try {
    result = ingestSource({
      source: opts.source,
      nanochat: opts.nanochat,
      strict: opts.strict,
      onFile: (done, total, path) => {
        if (!started) {
          bar.start(total, 0, { file: "" });
          started = true;
        }
        bar.update(done, { file: path.length > 60 ? "…" + path.slice(-59) : path });
      },
    });
  } finally {
    if (started) bar.stop();
  }
  writeFilesAtomically(opts.out, datasetFiles(result));
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const perTrack = new Map<string, number>();
  for (const r of result.runs) perTrack.set(r.track, (perTrack.get(r.track) ?? 0) + 1);
  const byKind = new Map<IngestWarningKind, string[]>();
  for (const w of result.warnings) byKind.set(w.kind, [...(byKind.get(w.kind) ?? []), formatWarning(w)]);
  console.log(`ingest: read ${result.filesRead} log files from ${opts.source} in ${seconds} s; wrote ${opts.out}`);
  console.log(`runs per track: ${[...perTrack].map(([t, n]) => `${t} ${n}`).join(", ")}; record rows: ${result.records.length}`);
  if (byKind.size === 0) console.log("warnings: none");
  for (const [kind, list] of [...byKind].sort()) {
    console.log(`warnings ${kind}: ${list.length}`);
    for (const line of list.slice(0, 5)) console.log(`  ${line}`);
    if (list.length > 5) console.log(`  ... and ${list.length - 5} more`);
  }
}

try {
  main();
} catch (err) {
  if (err instanceof IngestError) console.error(`ingest --strict stopped: ${err.message}`);
  else console.error(`ingest failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
