// File-level integrity of a modded-nanogpt checkout, found before any log is parsed (pure: hashes and paths in,
// decisions out; ingestSource reads the bytes).
//  - Byte-identical logs (same SHA-256): each is kept once, under the record row whose log link names it
//    (records/track_1_short/2024-11-06_ShortcutsTweaks/ holds a copy of record 8's linked log from
//    2024-11-03_UntieEmbed,
//    which would otherwise count as a rerun of record 9). With no linking row the first path in sorted order is kept.
//  - Record-table rows whose linked logs are absent from the tree, and rows with no log link at all.
import type { RecordRow } from "../types";

export interface DataIssue {
  /** duplicate_log | missing_linked_log | no_log_link (ingest); the analysis adds its own kinds. */
  readonly kind: string;
  readonly path: string;
  readonly detail: string;
}

const rowName = (r: RecordRow) => `${r.track} record ${r.record} (${r.source})`;

/** Which paths to drop as byte-identical copies, and the issues that report them. `hashes`: path -> content hash. */
export function findDuplicateLogs(
  hashes: ReadonlyMap<string, string>,
  rows: readonly RecordRow[],
): { drop: Set<string>; issues: DataIssue[] } {
  const linkedBy = new Map<string, RecordRow>();
  for (const row of rows) for (const link of row.logPaths) if (!linkedBy.has(link)) linkedBy.set(link, row);
  const byHash = new Map<string, string[]>();
  for (const [path, hash] of [...hashes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
    byHash.set(hash, [...(byHash.get(hash) ?? []), path]);
  const drop = new Set<string>();
  const issues: DataIssue[] = [];
  for (const [hash, paths] of byHash) {
    if (paths.length < 2) continue;
    const keep = paths.find((p) => linkedBy.has(p)) ?? paths[0];
    const owner = linkedBy.get(keep);
    for (const p of paths) {
      if (p === keep) continue;
      drop.add(p);
      issues.push({
        kind: "duplicate_log",
        path: p,
        detail:
          `byte-identical to ${keep} (sha256 ${hash.slice(0, 12)}); kept once, ` +
          `under ${owner ? `the row that links it, ${rowName(owner)}` : "the first path in sorted order"}`,
      });
    }
  }
  return { drop, issues };
}

/** Rows (modded-nanogpt tracks) whose links point at nothing in `paths`, and rows with no link. */
export function findMissingLinks(rows: readonly RecordRow[], paths: readonly string[]): DataIssue[] {
  const have = new Set(paths);
  const issues: DataIssue[] = [];
  for (const row of rows) {
    if (row.track === "nanochat") continue;
    if (row.logPaths.length === 0) {
      issues.push({ kind: "no_log_link", path: "", detail: `${rowName(row)} "${row.description}" links no log` });
      continue;
    }
    for (const link of row.logPaths) {
      const present = have.has(link) || paths.some((p) => p.startsWith(`${link}/`));
      if (!present)
        issues.push({
          kind: "missing_linked_log",
          path: link,
          detail: `${rowName(row)} links it; absent from the source tree`,
        });
    }
  }
  return issues;
}
