// Analysis 3: where the speedup comes from. Training time = D x (FLOPs per token) / (achieved FLOP/s), so
//   ln(speedup) = ln(D_base / D) + ln(f_base / f) + ln(throughput / throughput_base),
// an identity once throughput is defined as f D / time, f = the runs' flops_per_token (runs.csv: matmul weights incl.
// the LM head, plus attention). The first term is sample efficiency (fewer tokens), the second the per-token model
// cost, the third hardware/software throughput (MFU); the last two together are "the rest". Shares are of ln(speedup)
// and sum to 1. FLOPs per token are unknown for some records (shapes the ingest does not read), so the tokens/s factor
// ("the rest") is always given and its split into per-token cost and FLOP/s only where known.
import { analysisDefaults, baselineOf, type AnalysisOptions } from "../analysisOptions";
import type { DecompositionRow, RecordCompute } from "../types";

function decomposeOne(
  base: RecordCompute,
  r: RecordCompute,
  against: "baseline" | "previous",
): DecompositionRow | null {
  if (
    base.tokensToTarget === null ||
    r.tokensToTarget === null ||
    base.timeToTargetS === null ||
    r.timeToTargetS === null
  )
    return null;
  const speedup = base.timeToTargetS / r.timeToTargetS;
  const tokenFactor = base.tokensToTarget / r.tokensToTarget;
  const tokensPerSecondFactor = speedup / tokenFactor;
  const counted = base.flopsPerToken !== null && r.flopsPerToken !== null;
  const perTokenCostFactor = counted ? (base.flopsPerToken as number) / (r.flopsPerToken as number) : null;
  const flopThroughputFactor = perTokenCostFactor !== null ? tokensPerSecondFactor / perTokenCostFactor : null;
  const total = Math.log(speedup);
  const small = Math.abs(total) < 1e-9;
  const share = (f: number | null) => (small || f === null ? null : Math.log(f) / total);
  const reasons: string[] = [];
  if (small) reasons.push("no speedup: shares undefined");
  if (!counted)
    reasons.push("FLOPs per token not known for both rows: tokens/s not split into per-token cost and FLOP/s");
  if (base.lowerBound || r.lowerBound) reasons.push("tokens-to-target is a lower bound");
  return {
    track: r.track,
    record: r.record,
    rowIndex: r.rowIndex,
    date: r.date,
    against,
    againstRowIndex: base.rowIndex,
    speedup,
    tokenFactor,
    tokensPerSecondFactor,
    perTokenCostFactor,
    flopThroughputFactor,
    tokenShare: share(tokenFactor),
    tokensPerSecondShare: share(tokensPerSecondFactor),
    perTokenCostShare: share(perTokenCostFactor),
    flopThroughputShare: share(flopThroughputFactor),
    reason: reasons.join("; "),
  };
}

/** Per record, against the track's baseline (cumulative) and against the previous row with data (per step). */
export function decomposeSpeedup(
  rows: readonly RecordCompute[],
  options: Pick<AnalysisOptions, "baselines"> = analysisDefaults,
): DecompositionRow[] {
  const out: DecompositionRow[] = [];
  const tracks = [...new Set(rows.map((r) => r.track))].sort();
  for (const track of tracks) {
    const mine = rows.filter((r) => r.track === track).sort((a, b) => a.rowIndex - b.rowIndex);
    const base = baselineOf(mine, track, options) as RecordCompute;
    let prev: RecordCompute = mine[0];
    for (const r of mine.slice(1)) {
      const vsBase = r === base ? null : decomposeOne(base, r, "baseline");
      if (vsBase) out.push(vsBase);
      const vsPrev = decomposeOne(prev, r, "previous");
      if (vsPrev) out.push(vsPrev);
      if (r.tokensToTarget !== null && r.timeToTargetS !== null) prev = r;
    }
  }
  return out;
}
