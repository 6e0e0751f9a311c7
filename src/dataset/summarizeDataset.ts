// A short account of the embedded dataset: runs per track and role, and tokens/time to target of each track's first
// and latest record. `npm start` prints it until the analysis lands; the analysis can reuse it.
import type { Run, Track } from "../types";
import type { Dataset } from "./loadDataset";

export interface RecordToTarget {
  readonly record: number;
  readonly recordRow: number;
  readonly date: string | null;
  readonly description: string;
  /** Record time from the table, seconds. */
  readonly tableTimeS: number | null;
  /** The record's own runs (role "record") that reached the target, and the medians over them. */
  readonly runsReached: number;
  readonly runs: number;
  readonly medianTokensToTarget: number | null;
  readonly medianTimeToTargetS: number | null;
}

export interface TrackSummary {
  readonly track: Track;
  readonly runs: number;
  readonly runsByRole: Readonly<Record<string, number>>;
  readonly records: number;
  readonly first: RecordToTarget | null;
  readonly latest: RecordToTarget | null;
}

export function summarizeDataset(dataset: Dataset): TrackSummary[] {
  const tracks: Track[] = ["track1", "track2", "nanochat"];
  return tracks
    .map((track) => {
      const runs = dataset.runs.filter((r) => r.track === track);
      const rows = dataset.records.filter((r) => r.track === track).sort((a, b) => a.rowIndex - b.rowIndex);
      const runsByRole: Record<string, number> = {};
      for (const r of runs) runsByRole[r.role] = (runsByRole[r.role] ?? 0) + 1;
      const withRuns = rows
        .map((row) => ({ row, own: runs.filter((r) => r.recordRow === row.rowIndex && r.role === "record") }))
        .filter((x) => x.own.length > 0);
      const toTarget = (x: (typeof withRuns)[number] | undefined): RecordToTarget | null => {
        if (x === undefined) return null;
        const reached = x.own.filter((r: Run) => r.status === "reached_target");
        return {
          record: x.row.record,
          recordRow: x.row.rowIndex,
          date: x.row.date,
          description: x.row.description,
          tableTimeS: x.row.timeS,
          runsReached: reached.length,
          runs: x.own.length,
          medianTokensToTarget: median(reached.map((r) => r.tokensToTarget)),
          medianTimeToTargetS: median(reached.map((r) => r.timeToTargetS)),
        };
      };
      return {
        track,
        runs: runs.length,
        runsByRole,
        records: rows.length,
        first: toTarget(withRuns[0]),
        latest: toTarget(withRuns[withRuns.length - 1]),
      };
    })
    .filter((s) => s.runs > 0 || s.records > 0);
}

function median(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

export function formatSummary(summary: readonly TrackSummary[]): string {
  const lines: string[] = [];
  const fmtTokens = (t: number | null): string => (t === null ? "n/a" : `${(t / 1e9).toFixed(3)}B tokens`);
  const fmtTime = (s: number | null): string =>
    s === null ? "n/a" : s >= 3600 ? `${(s / 3600).toFixed(2)} h` : `${(s / 60).toFixed(2)} min`;
  for (const s of summary) {
    const roles = Object.entries(s.runsByRole)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    lines.push(`${s.track}: ${s.runs} runs (${roles}), ${s.records} record rows`);
    for (const [label, r] of [
      ["first", s.first],
      ["latest", s.latest],
    ] as const) {
      if (r === null) continue;
      // A record whose logs carry no train time (llm.c) says so, instead of "n/a to target".
      const time = r.medianTimeToTargetS === null ? "" : `, ${fmtTime(r.medianTimeToTargetS)}`;
      const reached =
        r.runs === 1 ? "its one run" : `median of the ${r.runsReached} of its ${r.runs} runs that reach it`;
      const parts = [
        r.medianTokensToTarget === null ? "" : fmtTokens(r.medianTokensToTarget),
        time.replace(/^, /, ""),
      ].filter((x) => x !== "");
      const what =
        r.runsReached === 0
          ? "never reaches the target"
          : parts.length === 0
            ? "reaches the target (no tokens or time in its log)"
            : `${parts.join(", ")} to target`;
      lines.push(
        `  ${label} record #${r.record} (${r.date ?? "no date"}, ${r.description}): ${what} ` +
          `(${reached}${r.medianTimeToTargetS === null && r.runsReached > 0 ? "; no train time in its log" : ""}; ` +
          `README table time ${fmtTime(r.tableTimeS)})`,
      );
    }
  }
  return lines.join("\n");
}
