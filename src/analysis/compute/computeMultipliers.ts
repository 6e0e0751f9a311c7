// Analysis 2: compute multipliers at equal loss. For every row of a track's record table, the baseline's (row 0)
// tokens, time and FLOPs to the target loss divided by the record's, and the same against the previous row. These are
// equal-loss ratios: the llm.c baselines train past the target, so their figures are taken at the crossing, not at the
// end of the run (the table's time ratio is reported beside them for comparison).
import { analysisDefaults, baselineOf, type AnalysisOptions } from "../analysisOptions";
import { ratio } from "../../math/stats";
import type { MultiplierRow, RecordCompute } from "../types";

export function computeMultipliers(
  rows: readonly RecordCompute[],
  options: Pick<AnalysisOptions, "baselines"> = analysisDefaults,
): MultiplierRow[] {
  const tracks = [...new Set(rows.map((r) => r.track))].sort();
  const out: MultiplierRow[] = [];
  for (const track of tracks) {
    const mine = rows.filter((r) => r.track === track).sort((a, b) => a.rowIndex - b.rowIndex);
    const base = baselineOf(mine, track, options) as RecordCompute;
    let prev: RecordCompute | null = null;
    for (const r of mine) {
      const reasons: string[] = [];
      if (track === "nanochat" && base.rowIndex === r.rowIndex) reasons.push("baseline row");
      if (track === "nanochat")
        reasons.push(
          "row 0 is OpenAI's 2019 GPT-2 on 32 TPU v3 (different hardware): time ratios against it are not " +
            "hardware-matched",
        );
      if (base.tokensToTarget === null) reasons.push(`baseline tokens unknown (${base.reason || "no runs"})`);
      if (r.tokensToTarget === null && r !== base) reasons.push(`tokens unknown (${r.reason || "no runs"})`);
      const lowerBound = base.lowerBound || base.method === "extrapolated_fit";
      if (base.lowerBound) reasons.push("baseline never reaches the target: multipliers vs baseline are lower bounds");
      else if (base.method === "extrapolated_fit")
        reasons.push("baseline tokens-to-target extrapolated from its fitted curve");
      out.push({
        track,
        record: r.record,
        rowIndex: r.rowIndex,
        date: r.date,
        tokenMultiplierVsBaseline: ratio(base.tokensToTarget, r.tokensToTarget),
        timeMultiplierVsBaseline: ratio(base.timeToTargetS, r.timeToTargetS),
        recordTimeRatioVsBaseline: ratio(base.recordTimeS, r.recordTimeS),
        flopsMultiplierVsBaseline: ratio(base.flopsToTarget, r.flopsToTarget),
        previousRowIndex: prev ? prev.rowIndex : null,
        tokenMultiplierVsPrevious: prev ? ratio(prev.tokensToTarget, r.tokensToTarget) : null,
        timeMultiplierVsPrevious: prev ? ratio(prev.timeToTargetS, r.timeToTargetS) : null,
        flopsMultiplierVsPrevious: prev ? ratio(prev.flopsToTarget, r.flopsToTarget) : null,
        lowerBound,
        reason: reasons.join("; "),
      });
      // Rows without a time (e.g. track 2 record 11, no date and no log) do not become anyone's "previous".
      if (r.timeToTargetS !== null) prev = r;
    }
  }
  return out;
}
