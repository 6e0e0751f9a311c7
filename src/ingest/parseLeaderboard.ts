// nanochat's time-to-GPT-2 leaderboard (LEADERBOARD.md in ../shared) -> record rows and one run per row. Pure.
// The metric is wall-clock hours to beat GPT-2's CORE score, so each row is itself a "time to target"; tokens come
// from the per-run table (steps x total batch) where it gives both, else null with the reason.
import type { IngestWarning, RecordRow } from "../types";
import { linkText, parseDurationS } from "./parseRecordTable";

export interface LeaderboardRun {
  readonly row: RecordRow;
  readonly depth: number | null;
  readonly valBpb: number | null;
  readonly core: number | null;
  readonly steps: number | null;
  readonly batchTokens: number | null;
  /** The per-run table's training time in seconds (more precise than the hours column), null where absent. */
  readonly trainTimeS: number | null;
  readonly perRunLine: number | null;
}

export interface ParsedLeaderboard {
  readonly runs: readonly LeaderboardRun[];
  readonly warnings: readonly IngestWarning[];
}

const MONTHS: Readonly<Record<string, string>> = {
  jan: "01",
  feb: "02",
  mar: "03",
  apr: "04",
  may: "05",
  jun: "06",
  jul: "07",
  aug: "08",
  sep: "09",
  oct: "10",
  nov: "11",
  dec: "12",
};

export function parseLeaderboard(text: string, file: string): ParsedLeaderboard {
  const warnings: IngestWarning[] = [];
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  const perRun = new Map<number, { cells: string[]; line: number }>();
  const main: { cells: string[]; line: number }[] = [];
  let table: "none" | "main" | "perRun" = "none";
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (!t.startsWith("|")) {
      table = "none";
      continue;
    }
    const cells = t
      .replace(/^\|/, "")
      .replace(/\|$/, "")
      .split("|")
      .map((c) => c.trim());
    if (/^#$/.test(cells[0]) && cells.some((c) => /val_bpb/i.test(c))) {
      table = "main";
      continue;
    }
    if (/^run$/i.test(cells[0]) && cells.some((c) => /depth/i.test(c))) {
      table = "perRun";
      continue;
    }
    if (/^-+$/.test(cells[0])) continue;
    if (table === "main") main.push({ cells, line: i + 1 });
    else if (table === "perRun" && /^\d+$/.test(cells[0])) perRun.set(Number(cells[0]), { cells, line: i + 1 });
  }
  const runs: LeaderboardRun[] = [];
  for (const [rowIndex, { cells, line }] of main.entries()) {
    if (cells.length < 8 || !/^\d+$/.test(cells[0])) {
      warnings.push({
        kind: "bad_table_row",
        file,
        line,
        message: `expected 8 cells starting with a row number: ${cells.join(" | ")}`,
      });
      continue;
    }
    const [num, time, bpb, core, desc, date, , contributors] = cells;
    const timeS = parseDurationS(time, "hours");
    if (timeS === null) {
      warnings.push({ kind: "bad_table_row", file, line, message: `time not readable (${time})` });
      continue;
    }
    const record = Number(num);
    const extra = perRun.get(record);
    const x = extra?.cells ?? [];
    const numOrNull = (s: string | undefined): number | null => {
      const m = s === undefined ? null : /^-?\d+(\.\d+)?(e[+-]?\d+)?/i.exec(s.trim());
      return m === null ? null : Number(m[0]);
    };
    runs.push({
      row: {
        track: "nanochat",
        record,
        rowIndex,
        date: parseLongDate(date),
        timeS,
        description: linkText(desc).replace(/\*\*/g, ""),
        logPaths: [],
        contributors,
        source: `${file}:${line}`,
      },
      depth: numOrNull(x[1]),
      valBpb: numOrNull(bpb),
      core: numOrNull(core),
      steps: numOrNull(x[4]),
      batchTokens: numOrNull(x[7]),
      trainTimeS: numOrNull(x[6]),
      perRunLine: extra?.line ?? null,
    });
  }
  return { runs, warnings };
}

/** `Jan 29 2026` -> `2026-01-29`; a bare year (`2019`) has no day: null. */
function parseLongDate(s: string): string | null {
  const m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s.trim());
  if (m === null) return null;
  const month = MONTHS[m[1].toLowerCase()];
  return month === undefined ? null : `${m[3]}-${month}-${m[2].padStart(2, "0")}`;
}
