// The one public entry: notebooks, the CLI and tests import from here, so the inside can move.
export * from "./types";
export { parseLog } from "./ingest/parseLog";
export type { ParsedLog } from "./ingest/parseLog";
export type { ScriptFacts } from "./ingest/scanScript";
export { parseRecordTables } from "./ingest/parseRecordTable";
export { parseLeaderboard } from "./ingest/parseLeaderboard";
export { tokenScheduleFor } from "./ingest/tokenSchedule";
export { paramCountFor } from "./ingest/paramCount";
export { targetCrossing } from "./ingest/targetCrossing";
export { buildRun, TARGET_LOSS } from "./ingest/buildRun";
export { assignRoles } from "./ingest/assignRoles";
export { ingestSource, IngestError, formatWarning } from "./ingest/ingestSource";
export type { IngestResult } from "./ingest/ingestSource";
export { loadDataset } from "./dataset/loadDataset";
export type { Dataset } from "./dataset/loadDataset";
export { summarizeDataset, formatSummary } from "./dataset/summarizeDataset";
export { datasetFiles } from "./dataset/datasetFiles";
export { writeFilesAtomically } from "./dataset/writeFilesAtomically";
export { DATASET_DIR, sharedDir } from "./dataset/sharedDir";
export { loadRun } from "./ingest/loadRun";
export * from "./fit/index";
// analysis (src/analysis): multipliers, decomposition, rates of progress, scale trend, frontier claims
export * from "./analysis/types";
export * from "./analysis/inputs";
export * from "./analysis/analysisInput";
export * from "./analysis/constants";
export { studentTCdf, studentTQuantile } from "./math/studentT";
export { olsFit, olsPredict } from "./math/olsFit";
export type { OlsFit } from "./math/olsFit";
export {
  analysisDefaults,
  resolveAnalysisOptions,
  formatAnalysisOptions,
  baselineOf,
} from "./analysis/analysisOptions";
export type { AnalysisOptions, AnalysisOptionsInput, CurveFitSettings } from "./analysis/analysisOptions";
export { deepFreeze } from "./deepFreeze";
export {
  computeRunsToTarget,
  computeRecordCompute,
  crossingPoint,
  tokensFromCurve,
} from "./analysis/compute/recordCompute";
export type { RecordComputeOptions } from "./analysis/compute/recordCompute";
export {
  powerCurveFitter,
  powerCurveDefaults,
  FAST_CURVE_FIT,
  curveFitOptions,
} from "./analysis/compute/powerCurveFitter";
export { computeMultipliers } from "./analysis/compute/computeMultipliers";
export { decomposeSpeedup } from "./analysis/attribution/decomposeSpeedup";
export { checkClaims } from "./analysis/claims/checkClaims";
export { computeOptimalGain } from "./analysis/claims/chinchillaOptimal";
export { computeHalvingTimes, halvingTime, hindcastHalving, frontierRows } from "./analysis/progress/halvingTime";
export { neweyWestSlope, andrewsBartlettLag } from "./math/neweyWest";
export { segmentedTrend } from "./analysis/progress/segmentedTrend";
export {
  rollingForecastScores,
  forecastWinners,
  rollingForecastDefaults,
  type ForecastScore,
} from "./analysis/progress/rollingForecast";
export { computeProgressRates, type ProgressRate } from "./analysis/progress/progressRates";
export { RATE_ANCHORS } from "./analysis/progress/rateAnchors";
export { kaplanMeierMedian } from "./math/censoredMedian";
export { parseRecordCategories, type RecordCategory } from "./analysis/attribution/recordCategories";
export {
  attributeByCategory,
  attributionSteps,
  attributionDefaults,
  type AttributionRow,
  type AttributionStep,
} from "./analysis/attribution/attribution";
export { rejudgeCommenterSplit } from "./analysis/claims/rejudgeClaims";
export { findScriptChanges } from "./analysis/scriptChanges";
export { collectDataIssues } from "./analysis/dataIssues";
export { findDuplicateLogs, findMissingLinks, type DataIssue } from "./ingest/logIntegrity";
export { runAnalysis } from "./analysis/runAnalysis";
export { buildSummary } from "./results/buildSummary";
export { resultFiles } from "./results/resultFiles";
export { parseSummary, readSummary, summaryReferenceMarkdown, SUMMARY_REFERENCE } from "./results/summaryReference";
export type { FieldDoc, FieldType } from "./results/summaryReference";
export { shownValue } from "./results/summary";
export type { Bounded, IntervalKind, Summary } from "./results/summary";
export {
  frontierClaims,
  frontierFigures,
  frontierVerdict,
  hoExpectedMultiplier,
} from "./analysis/claims/frontierClaims";
// The scale model (issue 19, src/scale): does a gain keep its size across compute? Fit, calibration, catalogues.
export * from "./scale";
export {
  scaleStage,
  scaleStageJson,
  recipeAt,
  scaleStageDefaults,
  SCALE_EXTRAPOLATION_FLOPS,
} from "./scale/scaleStage";
export type { ScaleStage, RecipeAnchor } from "./scale/scaleStage";
export { parseLiteratureTransfer } from "./scale/literatureTransfer";
export { measureTransferPairs, transferDefaults } from "./scale/measureTransferPairs";
export type { TransferOptions, TransferResult, TransferCurvePoint } from "./scale/measureTransferPairs";
export { parseTransferCatalogue } from "./scale/transferCatalogue";
export { reproductionFlags } from "./analysis/compute/reproductionFlags";
export type { ReproductionRow } from "./analysis/compute/reproductionFlags";
export type { TransferPairRow, RunSelector, TargetRule, TransferMethod } from "./scale/transferCatalogue";
export { flopsPerTokenFor, flopsPerTokenOf, ASSUMED_WINDOW_TOKENS } from "./ingest/flopsPerToken";
export type { AnalysisResults, RunAnalysisOptions, TrackHeadline } from "./analysis/runAnalysis";
export { sanitize, toCsv, stableJson } from "./analysis/formatResults";
export { loadAnalysisInput, writeResultsAtomically } from "./analysis/io/analysisIo";
// publish: executed notebooks to an offline static site (npm run publish)
export { publishSite, listNotebooks, type PublishResult } from "./publish/publishSite";
export { resolvePublishOptions, publishDefaults, type PublishOptions } from "./publish/publishOptions";
export { NotebookExecutionError, notebookExecutionError } from "./publish/notebookExecutionError";
export { ensureTslabKernel } from "./publish/ensureTslabKernel";
export { renderNotebookPage } from "./publish/renderNotebookPage";
export { renderIndexPage } from "./publish/renderIndexPage";
export { buildInfo, type BuildInfo } from "./publish/buildInfo";
export { headlineFigure } from "./plot/headlineFigure";
export { renderRecordsPage } from "./publish/renderRecordsPage";
export { renderBundle, renderOutput, plotlyMimeType } from "./publish/renderOutput";
export { renderMarkdown } from "./publish/renderMarkdown";
export { escapeHtml, jsonForScript } from "./publish/escapeHtml";
export { sanitizeHtml } from "./publish/sanitizeHtml";
export { parseNotebook, type Notebook } from "./publish/notebook";
// Plot: pure figure builders (src/plot) and notebook display (src/notebook; Chromium is loaded only when a chart is
// shown).
export * from "./plot/types";
export { palette } from "./plot/style";
export { lossVsComputeFigure, lossVsComputeDefaults } from "./plot/lossVsComputeFigure";
export { recordHistoryFigure } from "./plot/recordHistoryFigure";
export { multiplierVsScaleFigure } from "./plot/multiplierVsScaleFigure";
export { decompositionFigure } from "./plot/decompositionFigure";
export { linePlot, scatterPlot, quickFigureDefaults } from "./plot/quickFigure";
export { segmentedTrendFigure, type SegmentedTrendInput } from "./plot/segmentedTrendFigure";
export { forecastScoresFigure, type ForecastScorePoint } from "./plot/forecastScoresFigure";
export { attributionWaterfallFigure, type AttributionPart } from "./plot/attributionWaterfallFigure";
export { segmentedTrendInput, forecastScorePoints, attributionParts } from "./plot/rateSeries";
export { transferPairsFigure } from "./plot/transferPairsFigure";
export { scaleFanFigure, type ScaleFanRow } from "./plot/scaleFanFigure";
export { transferHeadlineFigure } from "./plot/transferHeadlineFigure";
export { multiplierVsLossFigure } from "./plot/multiplierVsLossFigure";
export { show, figureBundle, plotlyMime, type ShowOptions } from "./notebook/show";
export { normalizeFigure, type NormalizedFigure } from "./notebook/normalizeFigure";
export { showTable, tableBundle, tableDefaults, type TableOptions, type DataFrameLike } from "./notebook/showTable";
export { fitReport, fitReportBundle, showFit } from "./notebook/fitReport";
export { showFrame, frameBundle, isFrameLike, type FrameLike, type FrameOptions } from "./notebook/showFrame";
export { displayBundle, type MimeBundle } from "./notebook/displayBundle";
export {
  renderFigurePng,
  closeRenderer,
  warmRenderer,
  renderDefaults,
  type RenderOptions,
} from "./notebook/renderFigurePng";
export { installKernelErrorOutputs } from "./notebook/tslabPatches";
export {
  executeNotebook,
  type NotebookRun,
  type CellRun,
  type NotebookOutput,
  type ExecuteOptions,
} from "./notebook/executeNotebook";
export { notebookProblems, cellText, cellTexts, type NotebookProblem } from "./notebook/notebookProblems";
export { jupyterEnv, jupyterPython } from "./notebook/jupyterEnv";
// Notebooks (notebooks/*.ipynb): the CLI's analysis, eras, user CSVs, result-to-figure adapters, checked headline
// values.
export { analyzeData, cliAnalysisOptions } from "./analysis/io/analyzeData";
export { logFormatEras } from "./dataset/logFormatEras";
export { parseFitCsv, loadFitCsv, fitCsvDefaults, EPOCH_CHINCHILLA_CSV } from "./dataset/fitCsv";
export {
  recordSeries,
  lossCurveSeries,
  runSpreadRows,
  pairLabel,
  decompositionParts,
  lossBySizeSeries,
} from "./plot/fromResults";
export {
  summaryValue,
  formatSummaryValues,
  summaryValuesFromOutputs,
  parseSummaryValues,
  type PrintedSummaryValue,
} from "./notebook/summaryValues";
export { readCsv, type CsvRow } from "./dataset/csv";
