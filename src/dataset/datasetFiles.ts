// The whole data/speedrun/ file set for one ingest result (pure): the four tables plus where they came from.
import type { IngestResult } from "../ingest/ingestSource";
import { toCsv } from "./csv";
import { evalsCsv, recordsCsv, runsCsv, trainsCsv } from "./datasetTables";

const LICENCES: Readonly<Record<string, string>> = { "modded-nanogpt": "MIT", nanochat: "MIT" };
const REPOSITORIES: Readonly<Record<string, string>> = {
  "modded-nanogpt": "https://github.com/KellerJordan/modded-nanogpt",
  nanochat: "https://github.com/karpathy/nanochat",
};

export function datasetFiles(result: Pick<IngestResult, "records" | "runs" | "sources"> & Partial<Pick<IngestResult, "issues">>): Map<string, string> {
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
    // Ingest-level data issues (duplicate logs left out, linked logs absent, rows without a log): logIntegrity.ts.
    ["data_issues.csv", toCsv(["kind", "path", "detail"], (result.issues ?? []).map((i) => [i.kind, i.path, i.detail]))],
  ]);
}
