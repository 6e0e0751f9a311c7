// Every data problem in one list for results/summary.json's data_issues: the ingest's file-level issues
// (data/speedrun/data_issues.csv: duplicate logs, missing linked logs, rows without a log), record rows whose reruns
// partly missed the target (censored in the per-record median), and linked logs whose script changed in a way the
// description does not mention (scriptChanges.ts).
import type { AnalysisInput } from "./analysisInput";
import type { DataIssue } from "./inputs";
import { findScriptChanges } from "./scriptChanges";
import type { RecordCompute } from "./types";

export function collectDataIssues(input: AnalysisInput, rows: readonly RecordCompute[]): DataIssue[] {
  const censored: DataIssue[] = rows
    .filter((r) => r.shareReached !== null && r.shareReached < 1 && r.nRunsAll > 0)
    .map((r) => ({
      kind: "censored_reruns",
      path: r.source,
      detail:
        `${r.track} record ${r.record}: ${Math.round((r.shareReached as number) * r.nRunsAll)} of ${r.nRunsAll} ` +
        `runs reached the target (share ${(r.shareReached as number).toFixed(2)}); ` +
        `${r.reason.split("; ").find((x) => x.includes("missed the target")) ?? (r.reason || "no run reached it")}`,
    }));
  return [...(input.dataIssues ?? []), ...findScriptChanges(input.records, input.runs), ...censored];
}
