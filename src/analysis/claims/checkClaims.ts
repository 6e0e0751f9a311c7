// Analysis 3 (second half): the claims quoted in FACTS.md, each put against the numbers computed from the data.
// Verdict rules are named constants below so that a reader can see how "consistent" was decided.
import { analysisDefaults, baselineOf, type AnalysisOptions } from "../analysisOptions";
import { computeOptimalGain } from "./chinchillaOptimal";
import { CHINCHILLA_EPOCH, CHINCHILLA_PUBLISHED, CHINCHILLA_TOKENS_PER_PARAM, TRACK_PARAMS } from "../constants";
import { monthsBetween } from "../../math/months";
import type { ClaimCheck, DecompositionRow, RecordCompute } from "../types";

/** A claimed factor counts as matched when measured / claimed lies within this factor either way. */
export const CLAIM_FACTOR_TOLERANCE = 1.25;
/** "Almost all" of the speedup from tokens: at least this share of ln(speedup). */
const ALMOST_ALL_SHARE = 0.8;
/** The date by which the "14x in ~8 months" claim was made (record 19, 3.142 min, 2025-01-13). */
export const FOURTEEN_X_DATE = "2025-01-13";

function within(measured: number, claimed: number, tol = CLAIM_FACTOR_TOLERANCE): boolean {
  return measured / claimed <= tol && claimed / measured <= tol;
}

function latestOnOrBefore(rows: readonly RecordCompute[], date: string): RecordCompute | null {
  const c = rows.filter((r) => r.date !== null && r.date <= date && r.recordTimeS !== null);
  return c.length ? c.reduce((a, b) => (b.rowIndex > a.rowIndex ? b : a)) : null;
}

export function checkClaims(
  rows: readonly RecordCompute[],
  decomposition: readonly DecompositionRow[],
  options: Pick<AnalysisOptions, "baselines" | "targets"> = analysisDefaults,
): ClaimCheck[] {
  const t1 = rows.filter((r) => r.track === "track1").sort((a, b) => a.rowIndex - b.rowIndex);
  const out: ClaimCheck[] = [];
  const base = baselineOf(t1, "track1", options);
  const target = options.targets.track1;
  const rec = latestOnOrBefore(t1, FOURTEEN_X_DATE);
  const src = "FACTS.md, frontier claims: the speedrun";
  if (
    !base ||
    !rec ||
    base.recordTimeS === null ||
    rec.recordTimeS === null ||
    base.date === null ||
    rec.date === null
  ) {
    out.push({
      claim: "14x faster in about 8 months",
      source: src,
      claimed: "14x, ~8 months",
      measured: {},
      verdict: "not_testable",
      note: "track-1 baseline or record 19 missing",
    });
    return out;
  }
  const timeRatio = base.recordTimeS / rec.recordTimeS;
  const months = monthsBetween(base.date, rec.date);
  out.push({
    claim: "14x faster in about 8 months (45 min to 3.14 min by 2025-01-13)",
    source: src,
    claimed: "14x in ~8 months",
    measured: { record: rec.record, date: rec.date, time_ratio: timeRatio, months },
    verdict: within(timeRatio, 14) && months >= 6 && months <= 10 ? "consistent" : "inconsistent",
    note: "ratio of the table's record times; months from the baseline's date (llm.c, 2024-05-28)",
  });

  const dec = decomposition.find(
    (d) => d.track === "track1" && d.rowIndex === rec.rowIndex && d.against === "baseline",
  );
  out.push({
    claim: "almost all of it from needing fewer tokens (10B to 0.73B)",
    source: src,
    claimed: "10B -> 0.73B tokens; tokens carry almost all of the speedup",
    measured: {
      baseline_tokens_to_target: base.tokensToTarget,
      record_tokens_to_target: rec.tokensToTarget,
      equal_loss_speedup: dec ? dec.speedup : null,
      token_factor: dec ? dec.tokenFactor : null,
      token_share_of_log_speedup: dec ? dec.tokenShare : null,
    },
    verdict:
      dec && dec.tokenShare !== null
        ? dec.tokenShare >= ALMOST_ALL_SHARE
          ? "consistent"
          : "inconsistent"
        : "not_testable",
    note:
      `equal-loss decomposition (baseline tokens at its ${target} crossing, not its full 10.26B); "almost ` +
      `all" read as >= ${ALMOST_ALL_SHARE} of ln(speedup)`,
  });

  if (dec && base.tokensToTarget !== null) {
    const n = TRACK_PARAMS.track1;
    const gainPublished = computeOptimalGain(CHINCHILLA_PUBLISHED, n, base.tokensToTarget).gain;
    const gainEpoch = computeOptimalGain(CHINCHILLA_EPOCH, n, base.tokensToTarget).gain;
    const architecture = dec.tokenFactor / gainEpoch;
    const rest = dec.speedup / dec.tokenFactor;
    const ok = [within(architecture, 4), within(gainEpoch, 1.5), within(rest, 2)];
    out.push({
      claim: "commenter: ~4x architecture, ~1.5x compute-optimal tokens/parameter, ~2x the rest",
      source: src,
      claimed: "4 x 1.5 x 2",
      measured: {
        compute_optimal_gain_chinchilla_published: gainPublished,
        compute_optimal_gain_epoch: gainEpoch,
        architecture_and_optimizer_factor: architecture,
        rest_factor: rest,
        total: dec.speedup,
      },
      verdict: ok.every(Boolean) ? "consistent" : ok.some(Boolean) ? "partly" : "inconsistent",
      note:
        `tokens/parameter factor = compute saved by re-allocating the baseline's (N=124M, ` +
        `D to ${target}) compute-optimally under Chinchilla's law (Epoch refit; published fit beside it); ` +
        `architecture = token factor / that; rest = equal-loss speedup / token factor (per-token cost and throughput)`,
    });
  }

  const latest = t1.filter((r) => r.tokensToTarget !== null && r.recordTimeS !== null).pop();
  const tppRec = rec.tokensToTarget !== null ? rec.tokensToTarget / TRACK_PARAMS.track1 : null;
  const tppLatest = latest && latest.tokensToTarget !== null ? latest.tokensToTarget / TRACK_PARAMS.track1 : null;
  out.push({
    claim: "at 0.73B tokens the 124M model is below the Chinchilla ratio of ~20 tokens per parameter",
    source: src,
    claimed: "< 20 tokens/parameter",
    measured: {
      tokens_per_param_at_2025_01_13: tppRec,
      tokens_per_param_latest: tppLatest,
      below_chinchilla_factor_latest: tppLatest !== null ? CHINCHILLA_TOKENS_PER_PARAM / tppLatest : null,
      baseline_tokens_per_param: base.tokensToTarget !== null ? base.tokensToTarget / TRACK_PARAMS.track1 : null,
    },
    verdict: tppRec === null ? "not_testable" : tppRec < CHINCHILLA_TOKENS_PER_PARAM ? "consistent" : "inconsistent",
    note: `N = 124M nominal (GPT-2 small), as in the claim; tokens at the ${target} crossing`,
  });

  if (latest && latest.recordTimeS !== null) {
    out.push({
      claim: "now about 1.2 min and under 0.4B tokens",
      source: src,
      claimed: "~1.2 min, < 0.4B tokens",
      measured: {
        record: latest.record,
        date: latest.date,
        time_min: latest.recordTimeS / 60,
        tokens_to_target: latest.tokensToTarget,
      },
      verdict:
        latest.tokensToTarget !== null && latest.tokensToTarget < 0.4e9 && within(latest.recordTimeS / 60, 1.2)
          ? "consistent"
          : "inconsistent",
      note: "latest track-1 row with tokens",
    });
  }
  return out;
}
