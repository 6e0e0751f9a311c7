// The whole data/speedrun/ file set for one ingest result (pure): the four tables plus where they came from.
import type { IngestResult } from "../ingest/ingestSource";
import { toCsv } from "./csv";
import { evalsCsv, recordsCsv, runsCsv, trainsCsv } from "./datasetTables";

const LICENCES: Readonly<Record<string, string>> = { "modded-nanogpt": "MIT", nanochat: "MIT" };
const REPOSITORIES: Readonly<Record<string, string>> = {
  "modded-nanogpt": "https://github.com/KellerJordan/modded-nanogpt",
  nanochat: "https://github.com/karpathy/nanochat",
};

/**
 * provenance.csv: how many files of each track and role the walk found, and what became of them (a run, a duplicate
 * left out, or the warning kind that skipped it), with the runs they gave; one row per (track, role, fate).
 */
function provenanceCsv(result: Pick<IngestResult, "runs" | "sources"> & Partial<Pick<IngestResult, "files">>): string {
  const commit = result.sources.find((s) => s.name === "modded-nanogpt")?.commit ?? null;
  const runsByFile = new Map<string, number>();
  for (const r of result.runs) runsByFile.set(r.sourcePath, (runsByFile.get(r.sourcePath) ?? 0) + 1);
  const groups = new Map<string, { track: string; role: string; fate: string; files: number; runs: number }>();
  for (const f of result.files ?? []) {
    const key = `${f.track ?? ""}\u0000${f.role ?? ""}\u0000${f.fate}`;
    const g = groups.get(key) ?? { track: f.track ?? "", role: f.role ?? "", fate: f.fate, files: 0, runs: 0 };
    g.files++;
    g.runs += f.fate === "run" ? (runsByFile.get(f.path) ?? 0) : 0;
    groups.set(key, g);
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const rows = [...groups.values()].sort(
    (a, b) => order(a.track, b.track) || order(a.role, b.role) || order(a.fate, b.fate),
  );
  return toCsv(
    ["source", "commit", "track", "role", "fate", "files", "runs"],
    rows.map((g) => ["modded-nanogpt", commit, g.track, g.role, g.fate, g.files, g.runs]),
  );
}

export function datasetFiles(
  result: Pick<IngestResult, "records" | "runs" | "sources"> & Partial<Pick<IngestResult, "issues" | "files">>,
): Map<string, string> {
  const sources = toCsv(
    ["name", "repository", "commit", "licence"],
    result.sources.map((s) => [s.name, REPOSITORIES[s.name] ?? null, s.commit, LICENCES[s.name] ?? null]),
  );
  return new Map([
    ["records.csv", recordsCsv(result.records)],
    ["runs.csv", runsCsv(result.runs)],
    ["evals.csv", evalsCsv(result.runs)],
    ["train_losses.csv", trainsCsv(result.runs)],
    ["sources.csv", sources],
    ["provenance.csv", provenanceCsv(result)],
    // Ingest-level data issues (duplicate logs left out, linked logs absent, rows without a log): logIntegrity.ts.
    [
      "data_issues.csv",
      toCsv(
        ["kind", "path", "detail"],
        (result.issues ?? []).map((i) => [i.kind, i.path, i.detail]),
      ),
    ],
  ]);
}
