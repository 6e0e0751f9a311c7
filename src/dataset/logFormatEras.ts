// The log-format eras of the speedrun, read off the runs themselves (FACTS.md, "Log formats, by era"): which log
// format and which token schedule (constant tokens per step, index schedule, stage schedule) each track used when.
import type { LogFormat, Run, TokenScheduleKind } from "../types";

export interface LogFormatEra {
  readonly track: string;
  readonly format: LogFormat;
  readonly tokenSchedule: TokenScheduleKind | null;
  /** Tokens per optimizer step for constant schedules, null for schedules that vary within a run. */
  readonly tokensPerStep: number | null;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly runs: number;
  /** Distinct record-table rows among those runs. */
  readonly recordRows: number;
}

/** Runs grouped by (track, format, schedule kind, constant tokens per step), in order of first date per track.
 * Runs without a date (not tied to a record row) are left out. */
export function logFormatEras(runs: readonly Run[]): LogFormatEra[] {
  const groups = new Map<
    string,
    { era: Omit<LogFormatEra, "firstDate" | "lastDate" | "runs" | "recordRows">; dates: string[]; rows: Set<number> }
  >();
  for (const r of runs) {
    if (r.date === null) continue;
    // "constant 524288 = ..." / "constant 524288 (llm.c ...)": the number after "constant" is the tokens per step.
    const m =
      r.tokenSchedule === "constant" || r.tokenSchedule === "table" ? /^constant (\d+)/.exec(r.tokensPerStep) : null;
    const tokensPerStep = m ? Number(m[1]) : null;
    const key = [r.track, r.format, r.tokenSchedule ?? "", tokensPerStep ?? ""].join("|");
    const g = groups.get(key) ?? {
      era: { track: r.track, format: r.format, tokenSchedule: r.tokenSchedule, tokensPerStep },
      dates: [],
      rows: new Set<number>(),
    };
    g.dates.push(r.date);
    if (r.recordRow !== null) g.rows.add(r.recordRow);
    groups.set(key, g);
  }
  const trackOrder = (t: string) => {
    const i = ["track1", "track2", "nanochat"].indexOf(t);
    return i < 0 ? 3 : i;
  };
  return [...groups.values()]
    .map((g) => {
      const dates = [...g.dates].sort();
      return {
        ...g.era,
        firstDate: dates[0],
        lastDate: dates[dates.length - 1],
        runs: g.dates.length,
        recordRows: g.rows.size,
      };
    })
    .sort(
      (a, b) =>
        trackOrder(a.track) - trackOrder(b.track) ||
        a.track.localeCompare(b.track) ||
        a.firstDate.localeCompare(b.firstDate) ||
        (a.tokensPerStep ?? 0) - (b.tokensPerStep ?? 0) ||
        String(a.tokenSchedule).localeCompare(String(b.tokenSchedule)),
    );
}
