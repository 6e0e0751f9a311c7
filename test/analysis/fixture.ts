// Loads the hand-made fixture shaped like data/speedrun/*.csv (test/fixtures/analysis).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnalysisInput } from "../../src/analysis/analysisInput";
import { parseEvalsCsv, parseRecordsCsv, parseRunsCsv } from "../../src/analysis/inputs";

export const fixtureDir = join(__dirname, "..", "fixtures", "analysis");

export function loadFixture(): AnalysisInput {
  const read = (f: string) => readFileSync(join(fixtureDir, f), "utf8");
  return {
    records: parseRecordsCsv(read("records.csv")),
    runs: parseRunsCsv(read("runs.csv")),
    evals: parseEvalsCsv(read("evals.csv")),
  };
}

export function close(actual: number | null | undefined, expected: number, rel = 1e-9): boolean {
  if (actual === null || actual === undefined) return false;
  return Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected));
}
