// Defects of the records themselves, found by rules after the logs are parsed (pure: runs, rows and printed scripts
// in; data issues and decisions out). Each rule reports its evidence in data_issues.csv; none is applied by hand.
//  - duplicate_run: the same run logged twice (identical evaluation sequence, step and loss, at 3 or more points) in
//    files that are not byte-identical: a combined stdout beside the per-seed files, a log rebuilt from a seed's
//    stdout. Kept once: a linked file first, else the first path in sorted order.
//  - script_mismatch: a row's linked log whose printed script is a near copy (at most SCRIPT_NEAR_LINES changed lines)
//    of an older record's script and SCRIPT_RATIO times further from the record just before it: the log is not the
//    run of the record it is linked from. Tracks 1 and 2 only, where each record builds on the one before; track 3's
//    entries are independent submissions ("Setup from #k"). The run keeps its data, with role `mismatch`, so the
//    analysis leaves it out of the row's figures.
//  - selected_run: a row whose linked run reaches the target while most of its runs (linked log and reruns of the
//    same script) do not: the reported run is the lucky one. The analysis reads all of them, misses censored.
import type { RecordRow, Run } from "../types";
import type { DataIssue } from "./logIntegrity";
import { SCRIPT_RULE } from "./parseLog";

/** At most this many changed lines makes two printed scripts near copies. */
const SCRIPT_NEAR_LINES = 10;
/** ...and the record before must be at least this many times further away. */
const SCRIPT_RATIO = 10;

const rowName = (r: RecordRow): string => `${r.track} record ${r.record} (${r.source})`;

/**
 * The printed training script at the top of a modded-nanogpt log: the lines before the first `=====` rule
 * (SCRIPT_RULE), trailing blanks trimmed, blank lines left out; null without a rule or with nothing before it.
 */
export function printedScript(text: string): string[] | null {
  const lines = text.split("\n");
  const end = lines.findIndex((l) => SCRIPT_RULE.test(l));
  return end < 0 ? null : printedScriptBefore(lines.slice(0, end).join("\n"));
}

/** printedScript from the text before the rule (ParsedLog.scriptChars characters of the log, as the parse found it). */
export function printedScriptBefore(head: string): string[] | null {
  if (head.length === 0) return null;
  return head
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
}

/** Changed lines between two scripts: the larger side of their multiset difference (an edit of k lines gives k). */
export function scriptDistance(a: readonly string[], b: readonly string[]): number {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  let onlyB = 0;
  for (const x of b) {
    const k = count.get(x) ?? 0;
    if (k > 0) count.set(x, k - 1);
    else onlyB++;
  }
  let onlyA = 0;
  for (const v of count.values()) onlyA += v;
  return Math.max(onlyA, onlyB);
}

/**
 * scriptDistance on interned lines; `count`: zeros, one per line id, left zeroed again (a table of all ids allocated
 * for each of the O(rows^2) comparisons was most of this check's time).
 */
function lineDistance(a: Int32Array, b: Int32Array, count: Int32Array): number {
  for (const x of a) count[x]++;
  let onlyB = 0;
  for (const x of b) {
    if (count[x] > 0) count[x]--;
    else onlyB++;
  }
  let onlyA = 0;
  for (const x of a)
    if (count[x] > 0) {
      onlyA += count[x];
      count[x] = 0;
    }
  return Math.max(onlyA, onlyB);
}

/** Runs logged twice; `linked`: paths a table row links. Returns the run ids to drop and the issues. */
export function findDuplicateRuns(
  runs: readonly Run[],
  linked: ReadonlySet<string>,
): { drop: Set<string>; issues: DataIssue[] } {
  const byCurve = new Map<string, Run[]>();
  for (const r of runs) {
    if (r.evals.length < 3) continue;
    const key = `${r.track}|${r.evals.map((e) => `${e.step}:${e.valLoss}`).join(",")}`;
    byCurve.set(key, [...(byCurve.get(key) ?? []), r]);
  }
  const drop = new Set<string>();
  const issues: DataIssue[] = [];
  const order = (a: Run, b: Run): number =>
    Number(linked.has(b.sourcePath)) - Number(linked.has(a.sourcePath)) ||
    (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0);
  for (const group of byCurve.values()) {
    if (group.length < 2) continue;
    const [keep, ...rest] = [...group].sort(order);
    for (const r of rest) {
      drop.add(r.runId);
      const last = r.evals[r.evals.length - 1];
      issues.push({
        kind: "duplicate_run",
        path: r.sourcePath,
        detail:
          `run ${r.runId} repeats run ${keep.runId} (the same ${r.evals.length} evaluations, ` +
          `ending ${last.valLoss} at step ${last.step}); kept once, as ${keep.runId}`,
      });
    }
  }
  return { drop, issues };
}

/**
 * Linked logs whose printed script is not their record's. `scripts`: linked path -> printed script (absent: none, e.g.
 * llm.c). `runs`: the runs read from those paths (for the steps and log time in the evidence).
 */
export function findScriptMismatches(
  rows: readonly RecordRow[],
  scripts: ReadonlyMap<string, readonly string[]>,
  runs: readonly Run[],
): { paths: Set<string>; issues: DataIssue[]; older: Map<string, { row: RecordRow; script: readonly string[] }> } {
  const paths = new Set<string>();
  const older = new Map<string, { row: RecordRow; script: readonly string[] }>();
  const issues: DataIssue[] = [];
  // Lines interned as numbers once, so the O(rows^2) comparisons hash no strings.
  const ids = new Map<string, number>();
  let counts = new Int32Array(0);
  const intern = (script: readonly string[]): Int32Array => {
    const interned = Int32Array.from(script, (l) => ids.get(l) ?? (ids.set(l, ids.size), ids.size - 1));
    if (counts.length < ids.size) counts = new Int32Array(2 * ids.size);
    return interned;
  };
  for (const track of ["track1", "track2"]) {
    const earlier: { row: RecordRow; path: string; script: Int32Array }[] = [];
    for (const row of rows.filter((r) => r.track === track).sort((a, b) => a.rowIndex - b.rowIndex)) {
      const path = row.logPaths.find((p) => scripts.has(p));
      if (path === undefined) continue;
      const script = intern(scripts.get(path) as readonly string[]);
      const prev = earlier[earlier.length - 1];
      if (prev !== undefined) {
        const toPrev = lineDistance(script, prev.script, counts);
        const nearest = earlier
          .map((e) => ({ e, d: lineDistance(script, e.script, counts) }))
          .reduce((a, b) => (b.d < a.d ? b : a));
        if (nearest.e !== prev && nearest.d <= SCRIPT_NEAR_LINES && toPrev >= SCRIPT_RATIO * Math.max(1, nearest.d)) {
          paths.add(path);
          older.set(path, { row: nearest.e.row, script: scripts.get(nearest.e.path) as readonly string[] });
          const run = runs.find((r) => r.sourcePath === path);
          const minutes = (s: number | null): string => (s === null ? "none" : `${(s / 60).toFixed(2)} min`);
          issues.push({
            kind: "script_mismatch",
            path,
            detail:
              `${rowName(row)} (${row.date ?? "no date"}) links a log whose printed script ` +
              `is ${nearest.d} lines from the script of ` +
              `${rowName(nearest.e.row)} (${nearest.e.row.date ?? "no date"}, ${nearest.e.path}) ` +
              `and ${toPrev} lines from the record just ` +
              `before, ${prev.row.record} (${prev.path}); the log runs ${run?.totalSteps ?? "?"} steps ` +
              `in ${minutes(run?.trainTimeS ?? null)} ` +
              `of log time against the table's ${minutes(row.timeS)}. Kept with role mismatch, out of the row's ` +
              `figures`,
          });
        }
      }
      earlier.push({ row, path, script });
    }
  }
  return { paths, issues, older };
}

/**
 * Reruns of a row whose linked log is a script mismatch: those whose own printed script is also a near copy of the
 * older record's script (same rule, SCRIPT_NEAR_LINES) are mismatches too. `scripts`: rerun path -> printed script.
 */
export function findMismatchedReruns(
  row: RecordRow,
  older: { row: RecordRow; script: readonly string[] },
  scripts: ReadonlyMap<string, readonly string[]>,
): { paths: Set<string>; issues: DataIssue[] } {
  const paths = new Set<string>();
  const issues: DataIssue[] = [];
  for (const [path, script] of scripts) {
    const d = scriptDistance(script, older.script);
    if (d > SCRIPT_NEAR_LINES) continue;
    paths.add(path);
    issues.push({
      kind: "script_mismatch",
      path,
      detail:
        `a further run of ${rowName(row)} whose printed script is ${d} lines from the script ` +
        `of ${rowName(older.row)}, as its linked log's is; kept with role mismatch, out of the row's figures`,
    });
  }
  return { paths, issues };
}

/** Rows whose linked run reaches the target while most of the row's runs (linked and reruns) miss it. */
export function findSelectedRuns(rows: readonly RecordRow[], runs: readonly Run[]): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const row of rows) {
    const mine = runs.filter(
      (r) => r.track === row.track && r.recordRow === row.rowIndex && (r.role === "record" || r.role === "rerun"),
    );
    const linked = mine.filter((r) => r.role === "record");
    if (linked.length === 0 || mine.length < 3 || !linked.every((r) => r.status === "reached_target")) continue;
    const reached = mine.filter((r) => r.status === "reached_target");
    if (reached.length * 2 >= mine.length) continue;
    const missed = mine
      .filter((r) => r.status !== "reached_target")
      .map((r) => r.finalValLoss)
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    issues.push({
      kind: "selected_run",
      path: linked[0].sourcePath,
      detail:
        `${rowName(row)}: the linked run reaches ${linked[0].targetLoss} (final ${linked[0].finalValLoss}) but ` +
        `only ${reached.length} of the ` +
        `row's ${mine.length} runs do; the others end at ${missed.join(", ")}. The analysis reads ` +
        `all ${mine.length}, misses censored`,
    });
  }
  return issues;
}
