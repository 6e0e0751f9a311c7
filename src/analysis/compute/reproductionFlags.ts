// Does a record reproduce? Per record-table row with reruns (roles record and rerun), how many of its own runs end
// above the track's target. A record most of whose runs miss the target is flagged (issue 9): its table time rests on
// a lucky run. Runs that miss are counted, never dropped.
import { TARGET_LOSS } from "../constants";
import type { AnalysisInput } from "../analysisInput";

export interface ReproductionRow {
  readonly track: string;
  readonly record: number;
  readonly rowIndex: number;
  readonly targetLoss: number;
  readonly nRuns: number;
  /** Runs whose final val loss is above the target (or missing). */
  readonly nMissed: number;
  /** More than half of at least `minRuns` runs miss the target. */
  readonly flagged: boolean;
  readonly note: string;
}

/** Rows with at least `minRuns` runs (default 3: one run cannot show a failure to reproduce). */
export function reproductionFlags(input: Pick<AnalysisInput, "records" | "runs">, minRuns = 3): ReproductionRow[] {
  if (!(Number.isInteger(minRuns) && minRuns >= 2))
    throw new Error(`invalid minRuns: ${minRuns} (expected an integer >= 2)`);
  const out: ReproductionRow[] = [];
  for (const rec of [...input.records].sort((a, b) =>
    a.track < b.track ? -1 : a.track > b.track ? 1 : a.rowIndex - b.rowIndex,
  )) {
    const target = TARGET_LOSS[rec.track];
    if (target === undefined) continue;
    const runs = input.runs.filter(
      (r) => r.track === rec.track && r.rowIndex === rec.rowIndex && (r.role === "record" || r.role === "rerun"),
    );
    if (runs.length < minRuns) continue;
    const missed = runs.filter((r) => r.finalValLoss === null || r.finalValLoss > target);
    const flagged = missed.length > runs.length / 2;
    out.push({
      track: rec.track,
      record: rec.record,
      rowIndex: rec.rowIndex,
      targetLoss: target,
      nRuns: runs.length,
      nMissed: missed.length,
      flagged,
      note: flagged ? `${missed.length} of ${runs.length} runs end above ${target}: the record does not reproduce` : "",
    });
  }
  return out;
}
