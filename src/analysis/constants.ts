import { TARGET_LOSS as TRACK_TARGETS } from "../ingest/buildRun";
import { deepFreeze } from "../deepFreeze";

// Named constants of the analysis, each with its source (see /work/shared/FACTS.md). Assumptions that are not facts
// from a source are marked ASSUMPTION and are reported in results/summary.json under `assumptions`. Every exported
// object is deeply frozen: assigning to one throws (the way to change an assumption is the analysis options object,
// src/analysis/analysisOptions.ts).

/**
 * Target validation loss per track, the ingest's table (modded-nanogpt README) without the tracks whose target is not
 * a loss (nanochat's is a CORE score): a track missing here has no val-loss target.
 */
export const TARGET_LOSS: Readonly<Record<string, number>> = deepFreeze(
  Object.fromEntries(Object.entries(TRACK_TARGETS).filter((entry): entry is [string, number] => entry[1] !== null)),
  "TARGET_LOSS",
);

/** Both speedrun tracks and nanochat run on one 8xH100 node (README rules; nanochat leaderboard). */
export const GPUS_PER_RUN = 8;

/** Parameters of the models the tracks are named after (FACTS.md scale table; GPT-2 paper sizes). */
export const TRACK_PARAMS: Readonly<Record<string, number>> = deepFreeze(
  { track1: 124e6, track2: 350e6, track3: 124e6, nanochat: 1.558e9 },
  "TRACK_PARAMS",
);

/** Ho et al. 2024 (arXiv:2403.05812): compute to fixed LM performance halves every ~8 months, 95% CI ~5 to 14. */
export const HO_ET_AL_HALVING_MONTHS = deepFreeze({ estimate: 8, lo: 5, hi: 14 } as const, "HO_ET_AL_HALVING_MONTHS");

/** Chinchilla's compute-optimal ratio (Hoffmann et al. 2022): about 20 tokens per parameter. */
export const CHINCHILLA_TOKENS_PER_PARAM = 20;

/** Hoffmann et al. 2022 Approach 3 published fit: L(N, D) = E + A/N^alpha + B/D^beta. */
export const CHINCHILLA_PUBLISHED = deepFreeze(
  { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 } as const,
  "CHINCHILLA_PUBLISHED",
);

/** Besiroglu et al. 2024 (arXiv:2404.10102) replication of Approach 3. */
export const CHINCHILLA_EPOCH = deepFreeze(
  { E: 1.82, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 } as const,
  "CHINCHILLA_EPOCH",
);

/** 52 layers x 1536 wide, ~1.55B parameters including embeddings (FACTS.md). Used when runs.csv has no count. */
export const SCALEUP_1B_PARAMS = 1.55e9;

/** Frontier claims (FACTS.md). */
export const DEEPSEEK_V3 = deepFreeze(
  {
    date: "2024-12-26",
    activeParams: 37e9,
    tokens: 14.8e12,
    gpuHours: 2.788e6,
    usdPerGpuHour: 2,
    claimedCostUsd: 5.6e6,
  } as const,
  "DEEPSEEK_V3",
);
export const YI_LIGHTNING = deepFreeze(
  { date: "2024-10-15", claimedCostUsd: 3e6, gpt4CostUsdLo: 80e6, gpt4CostUsdHi: 100e6 } as const,
  "YI_LIGHTNING",
);

/**
 * ASSUMPTION (not in FACTS.md): GPT-4 finished pre-training around August 2022 (OpenAI GPT-4 system card says training
 * finished in August 2022) and used about 2.1e25 FLOP (Epoch AI's public estimate). Used only to put DeepSeek-V3 and
 * Yi-Lightning on a time axis against GPT-4.
 */
export const GPT4_ASSUMED = deepFreeze({ date: "2022-08-15", flops: 2.1e25 } as const, "GPT4_ASSUMED");

/**
 * ASSUMPTION: hardware price-performance gain between GPT-4's A100 training (2022) and 2024 H100/H800 training,
 * in FLOP per dollar. Dense BF16 peak 989 vs 312 TFLOP/s (3.2x) at roughly 1.5-2.5x the rental price gives ~1.3x to
 * ~2.1x; we take the range [1.3, 3] to be generous to the claims.
 */
export const HARDWARE_PRICE_PERFORMANCE_GAIN = deepFreeze(
  { estimate: 2, lo: 1.3, hi: 3 } as const,
  "HARDWARE_PRICE_PERFORMANCE_GAIN",
);

/** H800/H100 dense BF16 peak (NVIDIA datasheet, SXM), for the DeepSeek-V3 utilisation check. */
export const H100_BF16_DENSE_FLOPS = 989e12;
