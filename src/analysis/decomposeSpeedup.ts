// Analysis 3: where the speedup comes from. Training time = D x (6N FLOPs per token) / (achieved FLOP/s), so
//   ln(speedup) = ln(D_base / D) + ln(N_base / N) + ln(throughput / throughput_base),
// an identity once throughput is defined as 6 N D / time. The first term is sample efficiency (fewer tokens), the
// second the per-token model cost, the third hardware/software throughput (MFU); the last two together are "the rest".
// Shares are of ln(speedup) and sum to 1.
import type { DecompositionRow, RecordCompute } from "./types";

function decomposeOne(
  base: RecordCompute, r: RecordCompute, against: "baseline" | "previous",
): DecompositionRow | null {
  if (base.tokensToTarget === null || r.tokensToTarget === null || base.timeToTargetS === null || r.timeToTargetS === null)
    return null;
  if (base.paramsForFlops === null || r.paramsForFlops === null) return null;
  const speedup = base.timeToTargetS / r.timeToTargetS;
  const tokenFactor = base.tokensToTarget / r.tokensToTarget;
  const perTokenCostFactor = base.paramsForFlops / r.paramsForFlops;
  const throughputFactor = speedup / (tokenFactor * perTokenCostFactor);
  const total = Math.log(speedup);
  const small = Math.abs(total) < 1e-9;
  return {
    track: r.track, record: r.record, rowIndex: r.rowIndex, date: r.date, against,
    speedup, tokenFactor, perTokenCostFactor, throughputFactor,
    tokenShare: small ? null : Math.log(tokenFactor) / total,
    perTokenCostShare: small ? null : Math.log(perTokenCostFactor) / total,
    throughputShare: small ? null : Math.log(throughputFactor) / total,
    reason: small ? "no speedup: shares undefined" : base.lowerBound ? "baseline tokens are a lower bound" : "",
  };
}

/** Per record, against the track's baseline (cumulative) and against the previous row with data (per step). */
export function decomposeSpeedup(rows: readonly RecordCompute[]): DecompositionRow[] {
  const out: DecompositionRow[] = [];
  const tracks = [...new Set(rows.map((r) => r.track))].sort();
  for (const track of tracks) {
    const mine = rows.filter((r) => r.track === track).sort((a, b) => a.rowIndex - b.rowIndex);
    const base = mine[0];
    let prev: RecordCompute | null = null;
    for (const r of mine.slice(1)) {
      const vsBase = decomposeOne(base, r, "baseline");
      if (vsBase) out.push(vsBase);
      const p = prev ?? base;
      const vsPrev = decomposeOne(p, r, "previous");
      if (vsPrev) out.push(vsPrev);
      if (vsBase || vsPrev) prev = r;
    }
  }
  return out;
}
