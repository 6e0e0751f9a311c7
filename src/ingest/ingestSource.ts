// The file-system edge of the ingest: find the record tables and logs of a modded-nanogpt checkout (and the nanochat
// leaderboard), read them, and hand the text to the pure parsers. Batch mode collects every warning and keeps going;
// strict mode throws IngestError at the first one.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { terminalText } from "../terminalText";
import type { IngestWarning, RecordRow, Run } from "../types";
import { assignRoles, trackOfPath } from "./assignRoles";
import { findLogs } from "./findLogs";
import { ingestFile, type FileJob } from "./ingestFile";
import { defaultWorkers, ingestFiles } from "./ingestFiles";
import { nanochatRun } from "./nanochatRuns";
import { parseLeaderboard } from "./parseLeaderboard";
import { findDuplicateLogs, findMissingLinks, type DataIssue } from "./logIntegrity";
import { parseRecordTables } from "./parseRecordTable";
import { hashLog } from "./loadRun";
import { readTableFile } from "./readTableFile";

export class IngestError extends Error {
  constructor(readonly warning: IngestWarning) {
    super(formatWarning(warning));
    this.name = "IngestError";
  }
}

export function formatWarning(w: IngestWarning): string {
  return terminalText(`${w.kind}: ${w.file}${w.line === null ? "" : `:${w.line}`}: ${w.message}`);
}

export interface IngestOptions {
  /** A modded-nanogpt checkout: README.md (or RECORDS.md) with the record tables, and records/. */
  readonly source: string;
  /** nanochat LEADERBOARD.md; null skips it. */
  readonly nanochat?: string | null;
  readonly strict?: boolean;
  /** Called for each log file, in path order, once its outcome is in. */
  readonly onFile?: (done: number, total: number, path: string) => void;
  /**
   * Worker threads parsing logs alongside the main thread (0: main thread only). Default: one per spare core, at most 3.
   * The result does not depend on it.
   */
  readonly workers?: number;
}

export interface SourceInfo {
  readonly name: string;
  readonly path: string;
  readonly commit: string | null;
}

export interface IngestResult {
  readonly records: readonly RecordRow[];
  readonly runs: readonly Run[];
  readonly warnings: readonly IngestWarning[];
  readonly filesRead: number;
  readonly sources: readonly SourceInfo[];
  /** Byte-identical copies left out, linked logs absent, rows with no log (logIntegrity.ts). */
  readonly issues: readonly DataIssue[];
}

const DEFAULTS = { nanochat: null as string | null, strict: false }; // workers: defaultWorkers()

export function ingestSource(options: IngestOptions): IngestResult {
  if (typeof options.source !== "string" || options.source.length === 0) {
    throw new Error(`invalid source: ${String(options.source)} (expected a modded-nanogpt checkout directory)`);
  }
  const source = resolve(options.source);
  const nanochat = options.nanochat === undefined ? DEFAULTS.nanochat : options.nanochat;
  const strict = options.strict ?? DEFAULTS.strict;
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 0) throw new Error(`invalid workers: ${String(options.workers)} (expected a non-negative integer)`);
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new Error(`invalid source: ${source} is not a directory`);
  const warnings: IngestWarning[] = [];
  const report = (ws: readonly IngestWarning[]): void => {
    if (strict && ws.length > 0) throw new IngestError(ws[0]);
    warnings.push(...ws);
  };

  const { name: tableFile, text: tableText } = findTableFile(source);
  const tables = parseRecordTables(tableText, tableFile);
  report(tables.warnings);
  if (tables.rows.length === 0) throw new Error(`no record table ("| # | Record time | ...") in ${join(source, tableFile)}`);

  const recordsDir = join(source, "records");
  if (!existsSync(recordsDir)) throw new Error(`invalid source: ${source} has no records/ folder`);
  const found = findLogs(recordsDir, source); // refuses a records/ link leaving the tree
  const rel = (p: string) => relative(source, p).split(sep).join("/");
  const readable = found.paths.map(rel);
  // Files that cannot be read are reported at their place in path order, and take no part in role assignment.
  const problems = new Map(found.problems.map((p) => [rel(p.path), { ...p.warning, file: rel(p.path) }]));
  const paths = [...readable, ...problems.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const placements = assignRoles(tables.rows, readable);
  // Byte-identical copies are read once more here (a hash per file) and left out of the parse.
  const hashes = new Map<string, string>();
  // Through the parse's own checks (size before any byte, no link, the listed file), in chunks (hashLog).
  const listed = (path: string) => found.files.get(join(source, path))!;
  for (const path of readable) {
    const hash = hashLog(listed(path).open, listed(path).identity);
    if (hash !== null) hashes.set(path, hash); // else unreadable: the parse reports it
  }
  const duplicates = findDuplicateLogs(hashes, tables.rows);
  const issues: DataIssue[] = [...duplicates.issues, ...findMissingLinks(tables.rows, paths)];
  const jobs: FileJob[] = [];
  for (const path of readable) {
    const placement = placements.get(path);
    if (placement !== undefined && trackOfPath(path) !== null && !duplicates.drop.has(path)) jobs.push({ path: listed(path).open, sourcePath: path, placement, identity: listed(path).identity });
  }
  const outcomes = ingestFiles(jobs, workers);
  // Reported in path order, as a one-file-at-a-time ingest would (strict mode stops at the same first warning).
  const runs: Run[] = [];
  let next = 0;
  for (let done = 1; done <= paths.length; done++) {
    const path = paths[done - 1];
    const problem = problems.get(path);
    if (problem !== undefined) report([problem]);
    else if (next < jobs.length && jobs[next].sourcePath === path) {
      const outcome = outcomes[next];
      const job = jobs[next++];
      if (outcome === null) {
        // The file threw in a worker: redo it here so the error surfaces where a sequential ingest would raise it.
        const redone = ingestFile(job);
        report(redone.parseWarnings);
        if (redone.run !== null) {
          report(redone.buildWarnings);
          runs.push(redone.run);
        }
      } else {
        report(outcome.parseWarnings);
        if (outcome.run !== null) {
          report(outcome.buildWarnings);
          runs.push(outcome.run);
        }
      }
    }
    options.onFile?.(done, paths.length, path);
  }

  const records: RecordRow[] = [...tables.rows];
  const sources: SourceInfo[] = [{ name: "modded-nanogpt", path: source, commit: commitOf(source, tableText) }];
  if (nanochat !== null) {
    const text = readTableFile(nanochat, "nanochat leaderboard");
    if (text === null) throw new Error(`${terminalText(nanochat)}: nanochat leaderboard not found`);
    const name = "nanochat/LEADERBOARD.md";
    const board = parseLeaderboard(text, name);
    report(board.warnings);
    if (board.runs.length === 0) {
      report([{ kind: "unknown_format", file: name, line: null, message: `no leaderboard rows in ${terminalText(nanochat)}; no nanochat runs read` }]);
    }
    for (const entry of board.runs) {
      records.push(entry.row);
      runs.push(nanochatRun(entry, name));
    }
    sources.push({ name: "nanochat", path: resolve(nanochat), commit: commitOf(resolve(nanochat, ".."), text) });
  }
  return { records, runs, warnings, filesRead: readable.length, sources, issues };
}

/** README.md of a clone when it holds the record tables, else RECORDS.md (as in ../shared/modded-nanogpt). */
function findTableFile(source: string): { name: string; text: string } {
  for (const name of ["README.md", "RECORDS.md"]) {
    const text = readTableFile(join(source, name), "record table file", source); // regular, within a size cap
    if (text !== null && /\|\s*#\s*\|\s*Record time\s*\|/i.test(text)) return { name, text };
  }
  throw new Error(`no README.md or RECORDS.md with a record table in ${source}`);
}

/** Every readable .txt/.log below `dir`, sorted by path (findLogs, without its problem list). */
export function listLogs(dir: string): string[] {
  return [...findLogs(dir).paths];
}

/** The git commit of a clone, else the one a verbatim copy names in its header (`commit f411b3d3...`). */
function commitOf(dir: string, headerText: string): string | null {
  try {
    if (existsSync(join(dir, ".git"))) {
      return execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    }
  } catch {
    // not a usable git checkout: fall back to the header
  }
  const m = /commit\s+([0-9a-f]{7,40})/i.exec(headerText.slice(0, 2000));
  return m === null ? null : m[1];
}
