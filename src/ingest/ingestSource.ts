// The file-system edge of the ingest: find the record tables and logs of a modded-nanogpt checkout (and the nanochat
// leaderboard), read them, and hand the text to the pure parsers. Batch mode collects every warning and keeps going;
// strict mode throws IngestError at the first one.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import { terminalText } from "../terminalText";
import type { IngestWarning, RecordRow, Run } from "../types";
import { assignRoles, trackOfPath } from "./assignRoles";
import { findLogs } from "./findLogs";
import { ingestFile, type FileJob } from "./ingestFile";
import { defaultWorkers, ingestFiles } from "./ingestFiles";
import { nanochatRun } from "./nanochatRuns";
import { parseLeaderboard } from "./parseLeaderboard";
import { findDuplicateLogs, findMissingLinks, type DataIssue } from "./logIntegrity";
import {
  findDuplicateRuns,
  findMismatchedReruns,
  findScriptMismatches,
  findSelectedRuns,
  printedScript,
  printedScriptBefore,
} from "./recordDefects";
import { parseOptimizationTable, parseRecordTables, TRACK3_TABLE } from "./parseRecordTable";
import { hashLog, readLogHead, tailKey } from "./loadRun";
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
  /** Called while the logs are read and parsed: `done` of `total` files parsed so far (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads parsing logs alongside the main thread (0: main thread only). Default: one per spare core, at most
   * 3. The result does not depend on it.
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
  /** Every file the walk found, in path order, with its track, role and fate (the provenance counts come from it). */
  readonly files: readonly FoundFile[];
}

export interface FoundFile {
  readonly path: string;
  readonly track: string | null;
  readonly role: string | null;
  readonly fate: FileFate;
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
  if (!Number.isInteger(workers) || workers < 0)
    throw new Error(`invalid workers: ${String(options.workers)} (expected a non-negative integer)`);
  if (!existsSync(source) || !statSync(source).isDirectory())
    throw new Error(`invalid source: ${source} is not a directory`);
  const warnings: IngestWarning[] = [];
  const report = (ws: readonly IngestWarning[]): void => {
    if (strict && ws.length > 0) throw new IngestError(ws[0]);
    warnings.push(...ws);
  };

  const { name: tableFile, text: tableText } = findTableFile(source);
  const tables = parseRecordTables(tableText, tableFile);
  report(tables.warnings);
  if (tables.rows.length === 0)
    throw new Error(`no record table ("| # | Record time | ...") in ${join(source, tableFile)}`);
  // Track 3's table, where the checkout has one (a clone does; ../shared's older snapshot did not).
  const track3 = (() => {
    const text = readTableFile(join(source, TRACK3_TABLE), "optimization table", source);
    return text === null ? null : parseOptimizationTable(text, TRACK3_TABLE);
  })();
  if (track3 !== null) report(track3.warnings);
  const rows: readonly RecordRow[] = [...tables.rows, ...(track3?.rows ?? [])];

  const recordsDir = join(source, "records");
  if (!existsSync(recordsDir)) throw new Error(`invalid source: ${source} has no records/ folder`);
  const found = findLogs(recordsDir, source); // refuses a records/ link leaving the tree
  const rel = (p: string) => relative(source, p).split(sep).join("/");
  const readable = found.paths.map(rel);
  // Files that cannot be read are reported at their place in path order, and take no part in role assignment.
  const problems = new Map(found.problems.map((p) => [rel(p.path), { ...p.warning, file: rel(p.path) }]));
  const paths = [...new Set([...readable, ...problems.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (paths.length !== readable.length + problems.size)
    throw new Error(`ingest: a path was found twice below ${terminalText(recordsDir)}`);
  const placements = assignRoles(rows, readable);
  const listed = (path: string) => found.files.get(join(source, path))!;
  // Jobs are listed in `paths` order (whole-path order), the order outcomes are reported in; `jobOf` ties each path to
  // its job by name, never by position, so no walk order can shift one file's outcome onto another.
  const jobs: FileJob[] = [];
  const jobOf = new Map<string, number>();
  for (const path of paths) {
    if (problems.has(path)) continue;
    const placement = placements.get(path);
    if (placement === undefined) continue;
    jobOf.set(path, jobs.length);
    jobs.push({ path: listed(path).open, sourcePath: path, placement, identity: listed(path).identity });
  }
  const outcomes = ingestFiles(jobs, workers, undefined, options.onProgress);
  // Byte-identical copies, by SHA-256. Only files that share a fingerprint (size and last bytes: tailKey, taken by the
  // thread that parsed the file) can be copies, so only those are read whole again to hash (hashLog: through the
  // parse's own checks, in chunks); a file with a fingerprint of its own cannot be one. A copy's outcome is then left
  // out: it counts as a duplicate.
  const byTail = new Map<string, string[]>();
  for (const path of readable) {
    const k = jobOf.get(path);
    const outcome = k === undefined ? null : outcomes[k];
    const key = outcome === null ? tailKey(listed(path).open, listed(path).identity) : outcome.tailKey;
    if (key === null) continue; // unreadable: the parse reports it
    const same = byTail.get(key);
    if (same === undefined) byTail.set(key, [path]);
    else same.push(path);
  }
  const hashes = new Map<string, string>();
  for (const same of byTail.values()) {
    if (same.length < 2) continue;
    for (const path of same) {
      const hash = hashLog(listed(path).open, listed(path).identity);
      if (hash !== null) hashes.set(path, hash);
    }
  }
  const duplicates = findDuplicateLogs(hashes, rows);
  const issues: DataIssue[] = [...duplicates.issues, ...findMissingLinks(rows, paths)];
  // Reported in path order, as a one-file-at-a-time ingest would (strict mode stops at the same first warning). Each
  // file found ends as exactly one of: a run, a reported duplicate, or a file-level warning of a named kind.
  const runs: Run[] = [];
  const fate = new Map<string, FileFate>();
  let runsFromFiles = 0;
  for (let done = 1; done <= paths.length; done++) {
    const path = paths[done - 1];
    const problem = problems.get(path);
    const k = jobOf.get(path);
    if (problem !== undefined) {
      report([problem]);
      fate.set(path, problem.kind);
    } else if (duplicates.drop.has(path)) {
      fate.set(path, "duplicate");
    } else if (k === undefined) {
      const w: IngestWarning = {
        kind: "outside_tracks",
        file: path,
        line: null,
        message: "not under a track folder of records/ (track_1_short, track_2_medium, track_3_optimization); not read",
      };
      report([w]);
      fate.set(path, w.kind);
    } else {
      // A null outcome: the file threw in a worker; redo it here so the error surfaces where a sequential ingest would.
      const outcome = outcomes[k] ?? ingestFile(jobs[k]);
      outcomes[k] = outcome;
      report(outcome.parseWarnings);
      if (outcome.runs.length > 0) {
        report(outcome.buildWarnings);
        runs.push(...outcome.runs);
        fate.set(path, "run");
        runsFromFiles += outcome.runs.length;
      } else {
        // No run: the file-level warning that says why (unknown_format, empty_file, unreadable_file, ...).
        const why = outcome.parseWarnings.find((w) => w.line === null) ?? outcome.parseWarnings[0];
        if (why === undefined) throw new Error(`ingest: ${terminalText(path)} gave neither a run nor a warning`);
        fate.set(path, why.kind);
      }
    }
    options.onFile?.(done, paths.length, path);
  }
  if (runsFromFiles !== runs.length)
    throw new Error(`ingest: ${runsFromFiles} runs read from files but ${runs.length} kept`);
  // The same run logged twice in files that differ (recordDefects.ts): kept once; a file left with no run of its own
  // counts as a duplicate.
  const linked = new Set(rows.flatMap((r) => r.logPaths));
  const dupRuns = findDuplicateRuns(runs, linked);
  issues.push(...dupRuns.issues);
  const kept = runs.filter((r) => !dupRuns.drop.has(r.runId));
  const keptFiles = new Set(kept.map((r) => r.sourcePath));
  const duplicateFiles = new Set(duplicates.drop);
  for (const r of runs) {
    if (dupRuns.drop.has(r.runId) && !keptFiles.has(r.sourcePath)) {
      fate.set(r.sourcePath, "duplicate");
      duplicateFiles.add(r.sourcePath);
    }
  }
  checkEveryFileAccounted(paths, fate, kept, duplicateFiles, warnings);
  // Linked logs whose printed script is another record's, and rows whose linked run is the lucky one of several. The
  // parse found where each printed script ends: only that head is read again.
  const scriptOf = (path: string): string[] | null => {
    const k = jobOf.get(path);
    const outcome = k === undefined ? null : outcomes[k];
    if (outcome === null) return printedScript(readFileSync(join(source, path), "latin1")); // not parsed: read it whole
    if (outcome.scriptChars === null) return null;
    return printedScriptBefore(readLogHead(listed(path).open, outcome.scriptChars, listed(path).identity));
  };
  const scripts = new Map<string, readonly string[]>();
  for (const r of kept) {
    if (r.role !== "record" || r.format !== "modded_nanogpt" || !linked.has(r.sourcePath) || scripts.has(r.sourcePath))
      continue;
    const script = scriptOf(r.sourcePath);
    if (script !== null) scripts.set(r.sourcePath, script);
  }
  const mismatches = findScriptMismatches(rows, scripts, kept);
  issues.push(...mismatches.issues);
  for (const [path, older] of mismatches.older) {
    const linkedRun = kept.find((r) => r.sourcePath === path);
    const row = rows.find((x) => x.track === linkedRun?.track && x.rowIndex === linkedRun?.recordRow);
    if (row === undefined) continue;
    const rerunScripts = new Map<string, readonly string[]>();
    for (const r of kept) {
      if (r.role !== "rerun" || r.track !== row.track || r.recordRow !== row.rowIndex || r.format !== "modded_nanogpt")
        continue;
      const script = scriptOf(r.sourcePath);
      if (script !== null) rerunScripts.set(r.sourcePath, script);
    }
    const reruns = findMismatchedReruns(row, older, rerunScripts);
    issues.push(...reruns.issues);
    for (const p of reruns.paths) mismatches.paths.add(p);
  }
  const finalRuns = kept.map((r) =>
    mismatches.paths.has(r.sourcePath) && (r.role === "record" || r.role === "rerun")
      ? {
          ...r,
          role: "mismatch" as const,
          note: [r.note, "role: linked log whose printed script is another record's (data_issues.csv script_mismatch)"]
            .filter((x) => x !== "")
            .join("; "),
        }
      : r,
  );
  issues.push(...findSelectedRuns(rows, finalRuns));
  runs.length = 0;
  runs.push(...finalRuns);

  const records: RecordRow[] = [...rows];
  const sources: SourceInfo[] = [{ name: "modded-nanogpt", path: source, commit: commitOf(source, tableText) }];
  if (nanochat !== null) {
    const text = readTableFile(nanochat, "nanochat leaderboard");
    if (text === null) throw new Error(`${terminalText(nanochat)}: nanochat leaderboard not found`);
    const name = "nanochat/LEADERBOARD.md";
    const board = parseLeaderboard(text, name);
    report(board.warnings);
    if (board.runs.length === 0) {
      report([
        {
          kind: "unknown_format",
          file: name,
          line: null,
          message: `no leaderboard rows in ${terminalText(nanochat)}; no nanochat runs read`,
        },
      ]);
    }
    for (const entry of board.runs) {
      records.push(entry.row);
      runs.push(nanochatRun(entry, name));
    }
    sources.push({ name: "nanochat", path: resolve(nanochat), commit: commitOf(resolve(nanochat, ".."), text) });
  }
  const files: FoundFile[] = paths.map((path) => {
    const placement = placements.get(path);
    return {
      path,
      track: placement?.track ?? trackOfPath(path),
      role: placement?.role ?? null,
      fate: fate.get(path) ?? "run",
    };
  });
  return { records, runs, warnings, filesRead: readable.length, sources, issues, files };
}

/** What became of one file the walk found: a run, a reported duplicate, or the kind of warning that skipped it. */
export type FileFate = "run" | "duplicate" | IngestWarning["kind"];

/**
 * The ingest's own check that nothing was lost: every file the walk found has exactly one fate; the files with runs are
 * exactly the files the runs name, the duplicates exactly those dropped, and every other file has a warning of its
 * fate's kind naming it. A mismatch is a bug of the ingest, raised as an error, never a quiet drop.
 */
export function checkEveryFileAccounted(
  paths: readonly string[],
  fate: ReadonlyMap<string, FileFate>,
  runs: readonly Run[],
  duplicates: ReadonlySet<string>,
  warnings: readonly IngestWarning[],
): void {
  const problems: string[] = [];
  const missing = paths.filter((p) => !fate.has(p));
  if (missing.length > 0) problems.push(`${missing.length} files with no outcome (${missing.slice(0, 3).join(", ")})`);
  if (fate.size !== paths.length) problems.push(`${fate.size} outcomes for ${paths.length} files`);
  const runFiles = new Set(runs.map((r) => r.sourcePath));
  const warned = new Set(warnings.map((w) => `${w.kind}\u0000${w.file}`));
  const counts = { run: 0, duplicate: 0, warned: 0 };
  for (const [path, f] of fate) {
    if (f === "run") {
      counts.run++;
      if (!runFiles.has(path)) problems.push(`${path} counted as a run but no run names it`);
    } else if (f === "duplicate") {
      counts.duplicate++;
      if (!duplicates.has(path)) problems.push(`${path} counted as a duplicate but not reported as one`);
    } else {
      counts.warned++;
      if (!warned.has(`${f}\u0000${path}`)) problems.push(`${path} skipped as ${f} but no such warning names it`);
    }
  }
  if (counts.run !== runFiles.size) problems.push(`${runFiles.size} files gave runs, ${counts.run} counted`);
  if (counts.duplicate !== duplicates.size)
    problems.push(`${duplicates.size} duplicates dropped, ${counts.duplicate} counted`);
  if (problems.length > 0) {
    throw new Error(
      `ingest: files found and outcomes disagree ` +
        `(${paths.length} found: ${counts.run} runs, ${counts.duplicate} duplicates, ` +
        `${counts.warned} warned): ${terminalText(problems.slice(0, 5).join("; "))}`,
    );
  }
}

/** README.md of a clone when it holds the record tables, else RECORDS.md (a verbatim copy of the tables). */
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
      return execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    }
  } catch {
    // not a usable git checkout: fall back to the header
  }
  const m = /commit\s+([0-9a-f]{7,40})/i.exec(headerText.slice(0, 2000));
  if (m !== null) return m[1];
  return commitNamedBeside(dir);
}

/**
 * A copy of a clone without its .git (../shared/upstream): the README.md beside it names each folder's commit, as in
 * "`modded-nanogpt/` is KellerJordan/modded-nanogpt (MIT licence) at commit f411b3d3...". Null when none does.
 */
function commitNamedBeside(dir: string): string | null {
  const readme = join(dir, "..", "README.md");
  if (!existsSync(readme)) return null;
  const name = basename(resolve(dir));
  for (const paragraph of readFileSync(readme, "utf8")
    .slice(0, 20000)
    .split(/\n\s*\n/)) {
    if (!paragraph.includes(`\`${name}/\``)) continue;
    const m = /at commit\s+([0-9a-f]{40})\b/i.exec(paragraph);
    if (m !== null) return m[1];
  }
  return null;
}
