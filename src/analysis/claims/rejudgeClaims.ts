// The commenter's split of the speedrun's first ~14x (FACTS.md: about 4x from architecture, 1.5x from a more
// compute-optimal tokens-per-parameter ratio, maybe 2x from the rest) judged part by part against the attribution by
// kind of change (attribution.ts) over the track-1 records up to 2025-01-13, the date of the "14x" claim. The
// speedup is equal-loss time, so each part is compared as a time factor (token factors reported beside it):
//   architecture <- the "architecture" category;
//   tokens per parameter <- the "data" category (batch and tokens per parameter);
//   the rest <- every other category (optimizer, hyperparameters, systems, evaluation, recipe, unattributed).
// A part holds when the claimed factor lies within CLAIM_FACTOR_TOLERANCE of the measured one, widened by its
// run-to-run interval. All parts hold: consistent; some: partly (naming which); none: inconsistent.
import { CLAIM_FACTOR_TOLERANCE, FOURTEEN_X_DATE } from "./checkClaims";
import type { AttributionRow } from "../attribution/attribution";
import type { ClaimCheck } from "../types";

interface Part {
  readonly name: string;
  readonly claimed: number;
  readonly categories: (c: string) => boolean;
}

const PARTS: readonly Part[] = [
  { name: "architecture", claimed: 4, categories: (c) => c === "architecture" },
  { name: "tokens per parameter", claimed: 1.5, categories: (c) => c === "data" },
  { name: "the rest", claimed: 2, categories: (c) => c !== "architecture" && c !== "data" && c !== "total" },
];

export const COMMENTER_CLAIM = "commenter: ~4x architecture, ~1.5x compute-optimal tokens/parameter, ~2x the rest";

export function rejudgeCommenterSplit(rows: readonly AttributionRow[], computeOptimalGain: number | null): ClaimCheck {
  const source = "FACTS.md, frontier claims: the speedrun";
  if (!rows.length)
    return {
      claim: COMMENTER_CLAIM,
      source,
      claimed: "4 x 1.5 x 2",
      measured: {},
      verdict: "not_testable",
      note: "no attribution (data/record_categories.csv absent)",
    };
  const measured: Record<string, number | string | null> = {};
  const holds: string[] = [];
  const fails: string[] = [];
  for (const p of PARTS) {
    const mine = rows.filter((r) => p.categories(r.category));
    const time = mine.every((r) => r.timeFactor !== null)
      ? mine.reduce((s, r) => s * (r.timeFactor as number), 1)
      : null;
    const tokens = mine.reduce((s, r) => s * r.tokenFactor, 1);
    // Interval of a product of categories: the product of their ends (conservative; the run-to-run spread is small).
    const lo = mine.every((r) => r.timeLo !== null) ? mine.reduce((s, r) => s * (r.timeLo as number), 1) : time;
    const hi = mine.every((r) => r.timeHi !== null) ? mine.reduce((s, r) => s * (r.timeHi as number), 1) : time;
    const key = p.name.replace(/ /g, "_");
    measured[`${key}_time_factor`] = time;
    measured[`${key}_token_factor`] = tokens;
    measured[`${key}_records`] =
      mine
        .map((r) => r.records)
        .filter(Boolean)
        .join(" ") || "none";
    const ok =
      time !== null &&
      lo !== null &&
      hi !== null &&
      p.claimed >= lo / CLAIM_FACTOR_TOLERANCE &&
      p.claimed <= hi * CLAIM_FACTOR_TOLERANCE;
    const text = `${p.name} ${time === null ? "n/a" : `${time.toFixed(2)}x`} (claimed ${p.claimed}x)`;
    (ok ? holds : fails).push(text);
  }
  const total = rows.find((r) => r.category === "total");
  measured.total_time_factor = total?.timeFactor ?? null;
  measured.compute_optimal_gain_epoch = computeOptimalGain;
  const verdict = fails.length === 0 ? "consistent" : holds.length === 0 ? "inconsistent" : "partly";
  return {
    claim: COMMENTER_CLAIM,
    source,
    claimed: "4 x 1.5 x 2",
    measured,
    verdict,
    note:
      `re-judged from the record-to-record attribution by kind of change (track 1 ` +
      `up to ${FOURTEEN_X_DATE}, equal-loss time factors, data/record_categories.csv). ` +
      `Holds: ${holds.length ? holds.join("; ") : "none"}. Does not ` +
      `hold: ${fails.length ? fails.join("; ") : "none"}. ` +
      (measured.tokens_per_parameter_records === "none"
        ? `No record up to ${FOURTEEN_X_DATE} is of the data kind (batch, tokens per parameter)`
        : `Data-kind records: ${measured.tokens_per_parameter_records}`) +
      "; the baseline's own compute-optimal re-allocation under Chinchilla (Epoch refit) would be worth " +
      `${computeOptimalGain === null ? "n/a" : `${computeOptimalGain.toFixed(2)}x`}, a counterfactual no record made`,
  };
}
