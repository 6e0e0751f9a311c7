// Which commit a site was built from, read from git (not the clock), so the same commit publishes the same bytes.
import { execFileSync } from "node:child_process";

export interface BuildInfo {
  /** Full commit hash of HEAD. */
  readonly commit: string;
  /** Committer date of HEAD, ISO 8601 (git's %cI). */
  readonly date: string;
  /** Tracked files differ from HEAD: the site is not exactly that commit. */
  readonly dirty: boolean;
}

/** HEAD of the checkout at `repoRoot`, or null when it is not a git checkout (or git is missing). */
export function buildInfo(repoRoot: string): BuildInfo | null {
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", repoRoot, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const [commit, date] = git("log", "-1", "--format=%H %cI").split(" ");
    if (!/^[0-9a-f]{40}$/.test(commit ?? "")) return null;
    // Only tracked files count: results/ and notebooks/ are tracked, so a re-run that changes them shows.
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    return { commit, date, dirty };
  } catch {
    return null;
  }
}
