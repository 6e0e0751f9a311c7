// Where the raw data lives: ../shared beside the repository root, or $SPEEDRUN_SHARED.
import { resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..", "..");

export function sharedDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SPEEDRUN_SHARED !== undefined && env.SPEEDRUN_SHARED !== "" ? resolve(env.SPEEDRUN_SHARED) : resolve(REPO_ROOT, "..", "shared");
}

/** The embedded dataset written by `npm run ingest`. */
export const DATASET_DIR = resolve(REPO_ROOT, "data", "speedrun");
