// Ties each log file to its record row and role. Pure: works on paths relative to the checkout (`records/...`).
//
// Rules, in order (documented again in data/README.md):
//  1. A file a table row links to directly is that row's "record" run.
//  2. A file under a folder a row links to belongs to that row: "baseline" when a sub-folder name below the link says
//     baseline or prior, "ablation" when it says ablation or extra, else "record" (the folder holds the record's runs).
//  3. A file not linked, in a record folder (records/<track>/<folder>) that holds a linked file, belongs to the row
//     whose linked file sits in the same directory with the same extension (track 2's 2025-01-18 holds the llm.c
//     main.log of row 1 and the .txt runs of row 2); "baseline"/"ablation" by sub-folder name as in 2, "rerun" in the
//     linked file's own directory (further runs of the record's script, submitted for its significance test), else
//     "other".
//  Track 3 (records/track_3_optimization/results/) is read the same way one level down: a record folder is
//  results/<folder>/, and a file directly in results/ that no row links is "other".
//  4. A folder no row links to: "scaleup" for ScaleUp folders (2024-10-20_ScaleUp1B: three 1.5B runs), "ablation" for
//     the optimizer and shortcut comparisons (2024-10-29_Optimizers, 2024-11-10_ScaleShortcuts), else "other"; no
//     record.
import type { RecordRow, RunRole, Track } from "../types";

export interface RunPlacement {
  readonly track: Track;
  readonly row: RecordRow | null;
  readonly role: RunRole;
  /** Which rule placed it (for the note column). */
  readonly rule: string;
}

const TRACK_FOLDERS: Readonly<Record<string, Track>> = {
  track_1_short: "track1",
  track_2_medium: "track2",
  track_3_optimization: "track3",
};

/** Log file names: .txt and .log in every track, and track 3's captured .stdout/.out streams. */
const LOG_FILE = /\.(txt|log|stdout|out)$/i;

/**
 * The record folder of a path: records/<track>/<folder>/ for tracks 1 and 2; track 3 keeps its runs one level down,
 * records/track_3_optimization/results/<folder>/ (a file directly in results/ is a folder of its own: null).
 */
function recordFolderOf(path: string): string | null {
  const parts = path.split("/");
  const depth = parts[1] === "track_3_optimization" ? 4 : 3;
  return parts.length > depth ? parts.slice(0, depth).join("/") + "/" : null;
}

export function trackOfPath(path: string): Track | null {
  const parts = path.split("/");
  return parts[0] === "records" ? (TRACK_FOLDERS[parts[1]] ?? null) : null;
}

export function assignRoles(rows: readonly RecordRow[], paths: readonly string[]): Map<string, RunPlacement> {
  const fileLinks = new Map<string, RecordRow>();
  const folderLinks: { folder: string; row: RecordRow }[] = [];
  const pathSet = new Set(paths);
  for (const row of rows) {
    for (const link of row.logPaths) {
      // A link to a .txt/.log is a file even when the file is absent (upstream files of 4 MiB+ are not in ../shared).
      if (pathSet.has(link) || LOG_FILE.test(link)) {
        if (!fileLinks.has(link)) fileLinks.set(link, row);
      } else folderLinks.push({ folder: link + "/", row });
    }
  }
  // Linked files grouped by record folder (records/<track>/<folder>/), so rule 3 looks at a handful, not all.
  const linksByFolder = new Map<string, [string, RecordRow][]>();
  for (const entry of fileLinks) {
    const folder = recordFolderOf(entry[0]);
    if (folder === null) continue;
    linksByFolder.set(folder, [...(linksByFolder.get(folder) ?? []), entry]);
  }
  const out = new Map<string, RunPlacement>();
  for (const path of paths) {
    const track = trackOfPath(path);
    if (track === null) continue;
    out.set(path, place(path, track));
  }
  return out;

  function place(path: string, track: Track): RunPlacement {
    const direct = fileLinks.get(path);
    if (direct !== undefined) return { track, row: direct, role: "record", rule: "linked log" };
    const folder = folderLinks.find((f) => path.startsWith(f.folder) && trackOfPath(f.folder) === track);
    if (folder !== undefined) {
      const below = path.slice(folder.folder.length).split("/").slice(0, -1);
      const role = roleByName(below) ?? "record";
      return { track, row: folder.row, role, rule: `in linked folder ${folder.folder}` };
    }
    const recordFolder = recordFolderOf(path) ?? path;
    const dir = path.slice(0, path.lastIndexOf("/") + 1);
    const ext = path.slice(path.lastIndexOf("."));
    const siblings = linksByFolder.get(recordFolder) ?? [];
    if (siblings.length > 0) {
      const sameDir = siblings.filter(([p]) => p.slice(0, p.lastIndexOf("/") + 1) === dir);
      const sameExt = sameDir.filter(([p]) => p.endsWith(ext));
      const pick = (sameExt.length > 0 ? sameExt : sameDir.length > 0 ? sameDir : siblings)
        .map(([, r]) => r)
        .sort((a, b) => b.rowIndex - a.rowIndex)[0];
      const below = path.slice(recordFolder.length).split("/").slice(0, -1);
      const byName = roleByName(below);
      const role: RunRole = byName ?? (sameDir.length > 0 ? "rerun" : "other");
      return { track, row: pick, role, rule: `unlinked file in record folder ${recordFolder}` };
    }
    const folderName = recordFolder.split("/")[track === "track3" ? 3 : 2] ?? "";
    if (/scale\s*up/i.test(folderName)) return { track, row: null, role: "scaleup", rule: "scale-up folder" };
    if (/optimizers|scaleshortcuts|ablat/i.test(folderName))
      return { track, row: null, role: "ablation", rule: "comparison folder" };
    return { track, row: null, role: "other", rule: "folder linked by no record row" };
  }
}

function roleByName(folders: readonly string[]): RunRole | null {
  for (const f of folders) {
    if (/baseline|prior/i.test(f)) return "baseline";
    if (/ablat|extra/i.test(f)) return "ablation";
  }
  return null;
}
