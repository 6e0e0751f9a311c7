// Analysis 6: the frontier cost claims (FACTS.md) against (a) Ho et al.'s rate of algorithmic progress over the
// elapsed time and (b) the speedrun multiplier extrapolated to the claim's training compute. A claim is "within" a
// reference when the two intervals overlap and the references match. Every assumption is a named constant in
// constants.ts with its source.
// Only Ho et al. gets a "within" verdict. The claims are multipliers over GPT-4 (2022); the speedrun's multiplier is
// over the llm.c GPT-2 AdamW recipe (2019 architecture). GPT-4 already had many of the speedrun's kinds of change
// (tuned AdamW, better schedules and data, modern attention and kernels), and DeepSeek-V3's gain includes a
// mixture-of-experts architecture the speedrun never measured, so the two multipliers share no reference: the
// speedrun's extrapolated multiplier is shown beside each claim as context, with withinSpeedrun = null.
import {
  DEEPSEEK_V3,
  GPT4_ASSUMED,
  H100_BF16_DENSE_FLOPS,
  HARDWARE_PRICE_PERFORMANCE_GAIN,
  HO_ET_AL_HALVING_MONTHS,
  YI_LIGHTNING,
} from "../constants";
import { monthsBetween } from "../../math/months";
import type { FrontierClaimRow, Interval } from "../types";

/** The speedrun recipe's extrapolated multiplier (vs llm.c GPT-2) at a compute budget, with its interval. */
export type MultiplierAtFlops = (flops: number) => Interval;

/** Why the speedrun multiplier is context only (see the file comment). */
const SPEEDRUN_REFERENCE_MISMATCH =
  "context only, no within verdict: the speedrun multiplier is over llm.c GPT-2 (AdamW, 2019 architecture), the " +
  "claim is over GPT-4, which already had many of these changes; the speedrun has no mixture-of-experts";

function overlap(a: Interval, b: Interval): boolean | null {
  if (a.lo === null || b.lo === null) return null;
  const aHi = a.hi ?? Infinity;
  const bHi = b.hi ?? Infinity;
  return a.lo <= bHi && b.lo <= aHi;
}

/** Compute multiplier Ho et al.'s halving time implies over `months` (estimate, and the 95% CI's ends). */
export function hoExpectedMultiplier(months: number): Interval {
  return {
    estimate: Math.pow(2, months / HO_ET_AL_HALVING_MONTHS.estimate),
    lo: Math.pow(2, months / HO_ET_AL_HALVING_MONTHS.hi),
    hi: Math.pow(2, months / HO_ET_AL_HALVING_MONTHS.lo),
    note:
      `2^(months / halving), halving ${HO_ET_AL_HALVING_MONTHS.estimate} ` +
      `(${HO_ET_AL_HALVING_MONTHS.lo}-${HO_ET_AL_HALVING_MONTHS.hi}) months`,
  };
}

function speedrunInterval(i: Interval): Interval {
  return { ...i, note: [i.note, SPEEDRUN_REFERENCE_MISMATCH].filter(Boolean).join("; ") };
}

export interface FrontierFigures {
  readonly deepseekFlops: number;
  readonly deepseekCostUsd: number;
  readonly deepseekUtilisation: number;
  readonly yiFlopsEstimate: number;
}

export function frontierFigures(): FrontierFigures {
  const deepseekFlops = 6 * DEEPSEEK_V3.activeParams * DEEPSEEK_V3.tokens;
  const deepseekUtilisation = deepseekFlops / (DEEPSEEK_V3.gpuHours * 3600 * H100_BF16_DENSE_FLOPS);
  // Yi-Lightning's compute is not published: GPU-hours bought by $3M at DeepSeek's $2/GPU-hour, at DeepSeek's
  // utilisation.
  const yiFlopsEstimate =
    (YI_LIGHTNING.claimedCostUsd / DEEPSEEK_V3.usdPerGpuHour) * 3600 * H100_BF16_DENSE_FLOPS * deepseekUtilisation;
  return {
    deepseekFlops,
    deepseekCostUsd: DEEPSEEK_V3.gpuHours * DEEPSEEK_V3.usdPerGpuHour,
    deepseekUtilisation,
    yiFlopsEstimate,
  };
}

export function frontierClaims(multiplierAt: MultiplierAtFlops): {
  rows: FrontierClaimRow[];
  figures: FrontierFigures;
} {
  const f = frontierFigures();
  const rows: FrontierClaimRow[] = [];

  const dsMonths = monthsBetween(GPT4_ASSUMED.date, DEEPSEEK_V3.date);
  const dsImplied = GPT4_ASSUMED.flops / f.deepseekFlops;
  const dsImpliedI: Interval = {
    estimate: dsImplied,
    lo: dsImplied,
    hi: dsImplied,
    note: "GPT-4 compute (assumed 2.1e25) / DeepSeek-V3 6 x 37B active x 14.8T",
  };
  const dsHo = hoExpectedMultiplier(dsMonths);
  const dsRun = speedrunInterval(multiplierAt(f.deepseekFlops));
  rows.push({
    claim:
      `DeepSeek-V3: GPT-4-class model ` +
      `for ${f.deepseekFlops.toExponential(2)} FLOP and $${(f.deepseekCostUsd / 1e6).toFixed(2)}M ` +
      `(${DEEPSEEK_V3.gpuHours / 1e6}M H800 GPU-hours at $${DEEPSEEK_V3.usdPerGpuHour}/h; implied ` +
      `utilisation ${(100 * f.deepseekUtilisation).toFixed(1)}% of dense BF16 peak)`,
    impliedMultiplier: dsImpliedI,
    monthsSinceReference: dsMonths,
    hoEtAlExpected: dsHo,
    speedrunExtrapolated: dsRun,
    withinHo: overlap(dsImpliedI, dsHo),
    withinSpeedrun: null,
    assumptions:
      "GPT-4 ~2.1e25 FLOP, finished 2022-08 (ASSUMPTION, Epoch AI estimate / system card); capability parity " +
      "with GPT-4 taken from the claim; MoE counted by active parameters",
    note:
      "the claimed cost is consistent with the stated GPU-hours; the implied compute multiplier is compared " +
      "with algorithmic progress only",
  });

  const yiMonths = monthsBetween(GPT4_ASSUMED.date, YI_LIGHTNING.date);
  const costLo = YI_LIGHTNING.gpt4CostUsdLo / YI_LIGHTNING.claimedCostUsd;
  const costHi = YI_LIGHTNING.gpt4CostUsdHi / YI_LIGHTNING.claimedCostUsd;
  const hw = HARDWARE_PRICE_PERFORMANCE_GAIN;
  const yiImplied: Interval = {
    estimate: Math.sqrt(costLo * costHi) / hw.estimate,
    lo: costLo / hw.hi,
    hi: costHi / hw.lo,
    note:
      `cost ratio ${costLo.toFixed(1)}-${costHi.toFixed(1)}x divided by hardware ` +
      `price-performance ${hw.lo}-${hw.hi}x (ASSUMPTION)`,
  };
  const yiHo = hoExpectedMultiplier(yiMonths);
  const yiRun = speedrunInterval(multiplierAt(f.yiFlopsEstimate));
  rows.push({
    claim:
      `Yi-Lightning: $${YI_LIGHTNING.claimedCostUsd / 1e6}M vs ` +
      `$${YI_LIGHTNING.gpt4CostUsdLo / 1e6}-${YI_LIGHTNING.gpt4CostUsdHi / 1e6}M for GPT-4 (compute ` +
      `estimated ${f.yiFlopsEstimate.toExponential(2)} FLOP)`,
    impliedMultiplier: yiImplied,
    monthsSinceReference: yiMonths,
    hoEtAlExpected: yiHo,
    speedrunExtrapolated: yiRun,
    withinHo: overlap(yiImplied, yiHo),
    withinSpeedrun: null,
    assumptions:
      "founder's unverified cost claim; hardware price-performance gain 1.3-3x (ASSUMPTION); compute from $3M " +
      "at $2/GPU-hour and DeepSeek-V3's utilisation",
    note:
      "whatever the cost ratio does not owe to hardware is attributed to algorithms (and to data, " +
      "distillation and accounting differences)",
  });
  return { rows, figures: f };
}

/** One sentence per claim, from the numbers: within Ho et al.'s expectation, and within the speedrun trend's band. */
export function frontierVerdict(rows: readonly FrontierClaimRow[]): string {
  const f = (x: number | null) => (x === null ? "n/a" : x.toPrecision(3));
  const range = (i: Interval) =>
    i.lo !== null && i.hi !== null && Math.abs(i.hi / i.lo - 1) > 1e-9
      ? `${f(i.lo)}-${f(i.hi)}x`
      : i.estimate === null && i.hi !== null
        ? `at most ${f(i.hi)}x`
        : i.estimate === null && i.lo !== null
          ? `at least ${f(i.lo)}x`
          : `${f(i.estimate)}x`;
  return rows
    .map((r) => {
      const name = r.claim.split(":")[0];
      const ho = r.withinHo === null ? "cannot be compared with" : r.withinHo ? "is within" : "is outside";
      const run =
        r.withinSpeedrun === null
          ? `(the speedrun recipe extrapolates to ${range(r.speedrunExtrapolated)} over GPT-2 at this compute: ` +
            `context only, the references differ)`
          : r.withinSpeedrun
            ? `and is within the speedrun's ${range(r.speedrunExtrapolated)}`
            : `and is outside the speedrun's ${range(r.speedrunExtrapolated)}`;
      return (
        `${name}: the implied ${range(r.impliedMultiplier)} over GPT-4 ${ho} Ho et ` +
        `al.'s ${range(r.hoEtAlExpected)} for ${r.monthsSinceReference.toFixed(0)} months of algorithmic ` +
        `progress ${run}.`
      );
    })
    .join(" ");
}
