// Every file of results/ from the analysis results, byte-stable: summary.json (buildSummary.ts), its field reference
// (summaryReference.ts) and the CSV tables.
import { sanitize, stableJson, toCsv } from "../analysis/formatResults";
import type { AnalysisResults } from "../analysis/runAnalysis";
import type { CurveFit } from "../analysis/types";
import type { TransferMeasurement } from "../types";
import { buildSummary } from "./buildSummary";
import type { Summary } from "./summary";
import { summaryReferenceMarkdown } from "./summaryReference";

const TRANSFER_PAIR_COLUMNS = [
  "pairId",
  "innovation",
  "category",
  "scaleParams",
  "nParamsMatmul",
  "flopsPerToken",
  "flops",
  "targetLoss",
  "targetRule",
  "multiplier",
  "lo",
  "hi",
  "kind",
  "logSd",
  "preferred",
  "measurementId",
  "origin",
  "method",
  "source",
  "note",
] as const;

/** One row of results/transfer_pairs.csv (scale_params = the nominal label; flops = the treatment's FLOPs to the
 * target). */
function transferPairRow(m: TransferMeasurement) {
  return {
    pairId: m.pairId,
    innovation: m.innovation,
    category: m.category,
    scaleParams: m.scaleLabel,
    nParamsMatmul: m.nParamsMatmul,
    flopsPerToken: m.flopsPerToken,
    flops: m.flops,
    targetLoss: m.targetLoss,
    targetRule: m.targetRule,
    multiplier: m.multiplier,
    lo: m.lo,
    hi: m.hi,
    kind: m.kind,
    logSd: m.logSd,
    preferred: m.preferred ?? true,
    measurementId: m.measurementId ?? m.pairId,
    origin: m.origin,
    method: m.method,
    source: m.source,
    note: m.note,
  };
}

/** Every output file as name -> content, byte-stable. Non-finite numbers are nulled and listed in summary.warnings. */
export function resultFiles(r: AnalysisResults): Record<string, string> {
  const problems: string[] = [];
  const built = buildSummary(r);
  const curveCols = (curve: CurveFit | null) => ({
    curveE: curve?.E ?? null,
    curveA: curve?.A ?? null,
    curveAlpha: curve?.alpha ?? null,
    curveStatus: curve?.status ?? null,
    curveReason: curve?.reason ?? null,
  });
  const runs = r.runsToTarget.map(({ curve, ...rest }) => ({ ...rest, ...curveCols(curve) }));
  const records = r.recordCompute.map(({ curve, ...rest }) => ({ ...rest, ...curveCols(curve) }));
  const tables: Record<string, readonly object[]> = {
    "runs_to_target.csv": runs,
    "record_compute.csv": records,
    "multipliers.csv": r.multipliers,
    "decomposition.csv": r.decomposition,
    "halving_time.csv": r.halving,
    "hindcast.csv": r.hindcasts,
    "frontier.csv": r.frontier,
    // The fitted lines are for the charts, not a table.
    "progress_rates.csv": r.rates.map(({ fitted: _fitted, ...rate }) => rate),
    "forecast_scores.csv": r.forecastScores,
    "attribution.csv": r.attribution,
    "attribution_steps.csv": r.attributionSteps.map((a) => ({ ...a, rows: a.rows.join(" ") })),
    "data_issues.csv": r.dataIssues,
    "transfer_pairs.csv": r.transferPairs.map(transferPairRow),
    "transfer_curves.csv": r.transferCurves,
    "scale_extrapolation.csv": r.scaleDependence.extrapolation,
    "record_reproduction.csv": r.reproduction,
  };
  const files: Record<string, string> = {};
  for (const [name, rows] of Object.entries(tables)) files[name] = toCsv(sanitize(rows, problems) as object[]);
  // Without a catalogue the table still has its header (a reader can tell "no pairs" from a missing file).
  if (r.transferPairs.length === 0) files["transfer_pairs.csv"] = toCsv([], TRANSFER_PAIR_COLUMNS);
  // The summary last, so its warnings list the tables' non-finite values too.
  const summary: Summary = { ...(sanitize(built, problems) as Summary), warnings: problems };
  files["summary.json"] = stableJson(summary);
  files["summary_reference.md"] = summaryReferenceMarkdown();
  return files;
}
