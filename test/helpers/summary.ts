// A typed results summary for tests: the committed results/summary.json (read and checked by readSummary) with the
// parts a test is about replaced, so a test states only what it is about and still passes a whole Summary.
import { join } from "node:path";
import { REPO_ROOT } from "../../src/dataset/sharedDir";
import type { ExtrapolationSummary, ScaleDependenceSummary, Summary } from "../../src/results/summary";
import { readSummary } from "../../src/results/summaryReference";

let committed: Summary | null = null;

/** results/summary.json as committed. */
export function committedSummary(): Summary {
  return (committed ??= readSummary(join(REPO_ROOT, "results", "summary.json")));
}

/** The committed summary with `patch` over it (scale_dependence merged one level deep). */
export function summaryWith(
  patch: Partial<Omit<Summary, "scale_dependence">> & { readonly scale_dependence?: Partial<ScaleDependenceSummary> },
): Summary {
  const base = committedSummary();
  return { ...base, ...patch, scale_dependence: { ...base.scale_dependence, ...patch.scale_dependence } };
}

/** Rows of today's recipe carried to `flops`, each with the given multiplier (kind prediction). */
export function recipeRows(
  flops: readonly number[],
  multiplier: (i: number) => { estimate: number | null; lower: number | null; upper: number | null },
): ExtrapolationSummary[] {
  return flops.map((f, i) => ({
    pair_id: "recipe_today",
    category: "recipe_today",
    flops: f,
    multiplier: { ...multiplier(i), kind: "prediction" },
    role: "anchor",
    extrapolated: true,
  }));
}
