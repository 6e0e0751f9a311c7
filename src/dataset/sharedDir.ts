// Where the raw data lives: ../shared beside the repository root, or $SPEEDRUN_SHARED.
import { resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..", "..");

export function sharedDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SPEEDRUN_SHARED !== undefined && env.SPEEDRUN_SHARED !== ""
    ? resolve(env.SPEEDRUN_SHARED)
    : resolve(REPO_ROOT, "..", "shared");
}

/**
 * The modded-nanogpt source the dataset is built from: a full clone of the upstream repository (every track, every
 * log), ../shared/upstream/modded-nanogpt. A user's own clone has the same layout (pass it as --source).
 */
export function moddedNanogptDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(sharedDir(env), "upstream", "modded-nanogpt");
}

/**
 * nanochat's time-to-GPT-2 leaderboard table with its per-run figures (../shared/nanochat/LEADERBOARD.md, copied from
 * nanochat's README at commit 92d63d4e). The upstream copy (../shared/upstream/nanochat/dev/LEADERBOARD.md) holds the
 * runs as prose without the table (no time for run 4), so the table copy stays the source.
 */
export function nanochatLeaderboardFile(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(sharedDir(env), "nanochat", "LEADERBOARD.md");
}

/** The embedded dataset written by `npm run ingest`. */
export const DATASET_DIR = resolve(REPO_ROOT, "data", "speedrun");
