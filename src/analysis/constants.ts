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

/**
 * 2024-10-20_ScaleUp1B: three 1.5B runs of the 10/18/24 recipe. Which file is which was read off the printed scripts
 * (the AdamW run's script line 404 builds `optimizer2 = torch.optim.AdamW(...)`, the others `Muon(...)`) and agrees
 * with the final losses in FACTS.md (Muon 10B 2.7297, Muon 7.5B 2.7672, tuned AdamW 10B 2.7737).
 */
export const SCALEUP_1B_RUNS = deepFreeze(
  {
    muon10B: "ad8d7ae5-7b2d-4ee9-bc52-f912e9174d7a",
    muon7p5B: "c0078066-c8c9-49c8-868a-ff4d4f32e615",
    adamw10B: "87bd51fd-6203-4c88-b3aa-8a849a6a83ca",
  } as const,
  "SCALEUP_1B_RUNS",
);
export const SCALEUP_1B_DATE = "2024-10-20";
/** 52 layers x 1536 wide, ~1.55B parameters including embeddings (FACTS.md). Used when runs.csv has no count. */
export const SCALEUP_1B_PARAMS = 1.55e9;

/** FACTS.md / modded-nanogpt README: "$233 instead of $576" (HellaSwag-level, llm.c 1.5B on FineWeb-EDU). */
export const SCALEUP_1B_COST_USD = 233;
export const LLMC_1B_COST_USD = 576;

/** nanochat leaderboard row 0: OpenAI's 2019 GPT-2 on 32 TPU v3 chips for 168 hours. */
export const GPT2_ORIGINAL_HOURS = 168;

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

/**
 * 2024-10-29_Optimizers (FACTS.md; logs not in ../shared): 124M, 5,100 steps x 524,288 = 2.67B tokens, final val loss
 * AdamW 3.3406, Muon 3.2760. The Muon run is the 10/18/24 recipe, whose record log (track 1 record 7,
 * 2024-10-18_PyTorch25) has the same 5,100 steps and ends at 3.2755: its eval curve stands in for the Muon run's.
 */
export const OPTIMIZERS_124M = deepFreeze(
  { date: "2024-10-29", tokens: 5100 * 524288, adamwFinal: 3.3406, muonFinal: 3.276 } as const,
  "OPTIMIZERS_124M",
);
