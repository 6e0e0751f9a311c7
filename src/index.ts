// The one public entry: notebooks, the CLI and tests import from here, so the inside can move.
export * from "./types";
export { parseLog } from "./ingest/parseLog";
export type { ParsedLog, ScriptFacts } from "./ingest/parseLog";
export { parseRecordTables } from "./ingest/parseRecordTable";
export { parseLeaderboard } from "./ingest/parseLeaderboard";
export { tokenScheduleFor } from "./ingest/tokenSchedule";
export type { TokenSchedule } from "./ingest/tokenSchedule";
export { paramCountFor } from "./ingest/paramCount";
export { targetCrossing } from "./ingest/targetCrossing";
export { buildRun, TARGET_LOSS } from "./ingest/buildRun";
export { assignRoles } from "./ingest/assignRoles";
export { ingestSource, IngestError, formatWarning } from "./ingest/ingestSource";
export type { IngestOptions, IngestResult } from "./ingest/ingestSource";
export { loadDataset } from "./dataset/loadDataset";
export type { Dataset } from "./dataset/loadDataset";
export { summarizeDataset, formatSummary } from "./dataset/summarizeDataset";
export type { TrackSummary, RecordToTarget } from "./dataset/summarizeDataset";
export { datasetFiles } from "./dataset/datasetFiles";
export { writeFilesAtomically } from "./dataset/writeFilesAtomically";
export { DATASET_DIR, sharedDir } from "./dataset/sharedDir";
export { loadRun, readLogText } from "./ingest/loadRun";
export * from "./fit/index";
// analysis (src/analysis): multipliers, decomposition, rates of progress, scale trend, frontier claims
export * from "./analysis/types";
export * from "./analysis/inputs";
export * from "./analysis/constants";
export { studentTCdf, studentTQuantile } from "./analysis/studentT";
export { olsFit, olsPredict } from "./analysis/olsFit";
export type { OlsFit, OlsPrediction } from "./analysis/olsFit";
export {
  analysisDefaults,
  resolveAnalysisOptions,
  formatAnalysisOptions,
  baselineOf,
} from "./analysis/analysisOptions";
export type {
  AnalysisOptions,
  AnalysisOptionsInput,
  CurveFitSettings,
  ScaleModelSettings,
} from "./analysis/analysisOptions";
export { deepFreeze } from "./deepFreeze";
export { computeRunsToTarget, computeRecordCompute, crossingPoint, tokensFromCurve } from "./analysis/recordCompute";
export type { RecordComputeOptions, CurveFitScope, Crossing } from "./analysis/recordCompute";
export { powerCurveFitter, powerCurveDefaults, FAST_CURVE_FIT, curveFitOptions } from "./analysis/powerCurveFitter";
export { computeMultipliers } from "./analysis/computeMultipliers";
export { decomposeSpeedup } from "./analysis/decomposeSpeedup";
export { checkClaims } from "./analysis/checkClaims";
export { chinchillaLoss, chinchillaTokensFor, computeOptimalGain } from "./analysis/chinchillaOptimal";
export type { ChinchillaLaw, ComputeOptimalGain } from "./analysis/chinchillaOptimal";
export { computeHalvingTimes, halvingTime, hindcastHalving, frontierRows } from "./analysis/halvingTime";
export { neweyWestSlope, andrewsBartlettLag, type RobustSlope } from "./analysis/neweyWest";
export { segmentedTrend, hingeFit, type SegmentedFit } from "./analysis/segmentedTrend";
export {
  rollingForecastScores,
  forecastWinners,
  forecastsAt,
  rollingForecastDefaults,
  FORECAST_METHODS,
  type ForecastScore,
  type ForecastMethod,
} from "./analysis/rollingForecast";
export {
  computeProgressRates,
  progressRate,
  RATE_METRICS,
  type ProgressRate,
  type RateMetric,
} from "./analysis/progressRates";
export { RATE_ANCHORS, type RateAnchor } from "./analysis/rateAnchors";
export { kaplanMeierMedian, type CensoredMedian, type CensoredObservation } from "./analysis/censoredMedian";
export { parseRecordCategories, type RecordCategory } from "./analysis/recordCategories";
export {
  attributeByCategory,
  attributionSteps,
  attributionDefaults,
  type AttributionRow,
  type AttributionStep,
  type AttributionOptions,
} from "./analysis/attribution";
export { rejudgeCommenterSplit } from "./analysis/rejudgeClaims";
export { findScriptChanges } from "./analysis/scriptChanges";
export { collectDataIssues } from "./analysis/dataIssues";
export { findDuplicateLogs, findMissingLinks, type DataIssue } from "./ingest/logIntegrity";
export { runAnalysis } from "./analysis/runAnalysis";
export { buildSummary } from "./results/buildSummary";
export { resultFiles } from "./results/resultFiles";
export { parseSummary, readSummary, summaryReferenceMarkdown, SUMMARY_REFERENCE } from "./results/summaryReference";
export type { FieldDoc, FieldType } from "./results/summaryReference";
export { shownValue } from "./results/summary";
export type { Bounded, IntervalKind, Summary, SummaryPath } from "./results/summary";
export {
  frontierClaims,
  frontierFigures,
  frontierVerdict,
  hoExpectedMultiplier,
  SPEEDRUN_REFERENCE_MISMATCH,
} from "./analysis/frontierClaims";
// The scale model (issue 19, src/scale): does a gain keep its size across compute? Fit, calibration, catalogues.
export * from "./scale";
export {
  scaleStage,
  scaleStageJson,
  recipeAt,
  scaleStageDefaults,
  SCALE_EXTRAPOLATION_FLOPS,
} from "./scale/scaleStage";
export type {
  ScaleStage,
  ScaleStageInput,
  ScaleStageSettings,
  ScaleExtrapolationRow,
  RecipeAnchor,
} from "./scale/scaleStage";
export { parseLiteratureTransfer, LITERATURE_TRANSFER_COLUMNS } from "./analysis/literatureTransfer";
export {
  measureTransferPairs,
  transferDefaults,
  crossingFlops,
  sideInterval,
  multiplierInterval,
  kindOf,
} from "./analysis/measureTransferPairs";
export type { TransferOptions, TransferResult, TransferCurvePoint } from "./analysis/measureTransferPairs";
export { parseTransferCatalogue, TRANSFER_CATALOGUE_COLUMNS } from "./analysis/transferCatalogue";
export { reproductionFlags } from "./analysis/reproductionFlags";
export type { ReproductionRow } from "./analysis/reproductionFlags";
export type { TransferPairRow, RunSelector, TargetRule, TransferMethod } from "./analysis/transferCatalogue";
export { flopsPerTokenFor, flopsPerTokenOf, ASSUMED_WINDOW_TOKENS } from "./ingest/flopsPerToken";
export type { AnalysisResults, RunAnalysisOptions, TrackHeadline } from "./analysis/runAnalysis";
export { sanitize, toCsv, stableJson, roundNumber } from "./analysis/formatResults";
export {
  loadAnalysisInput,
  writeResultsAtomically,
  TRANSFER_CATALOGUE_FILE,
  LITERATURE_TRANSFER_FILE,
} from "./cli/analysisIo";
// publish: executed notebooks to an offline static site (npm run publish)
export { publishSite, listNotebooks, type PublishResult, type PublishedPage } from "./publish/publishSite";
export { resolvePublishOptions, publishDefaults, type PublishOptions } from "./publish/publishOptions";
export { NotebookExecutionError, notebookExecutionError } from "./publish/notebookExecutionError";
export { ensureTslabKernel } from "./publish/ensureTslabKernel";
export { renderNotebookPage, notebookTitle } from "./publish/renderNotebookPage";
export { renderIndexPage } from "./publish/renderIndexPage";
export { buildInfo, type BuildInfo } from "./publish/buildInfo";
export { headlineFigure } from "./plot/headlineFigure";
export { renderRecordsPage } from "./publish/renderRecordsPage";
export { renderBundle, renderOutput, plotlyMimeType } from "./publish/renderOutput";
export { renderMarkdown } from "./publish/renderMarkdown";
export { escapeHtml, jsonForScript } from "./publish/escapeHtml";
export { sanitizeHtml } from "./publish/sanitizeHtml";
export { parseNotebook, type Notebook } from "./publish/notebook";
// Plot: pure figure builders (src/plot) and notebook display (src/notebook; Chromium is loaded only when a chart is shown).
export * from "./plot/types";
export { palette } from "./plot/style";
export { lossVsComputeFigure, lossVsComputeDefaults, type LossVsComputeOptions } from "./plot/lossVsComputeFigure";
export { recordHistoryFigure, recordHistoryDefaults, type RecordHistoryOptions } from "./plot/recordHistoryFigure";
export {
  multiplierVsScaleFigure,
  multiplierVsScaleDefaults,
  type MultiplierVsScaleOptions,
} from "./plot/multiplierVsScaleFigure";
export { decompositionFigure, decompositionDefaults, type DecompositionOptions } from "./plot/decompositionFigure";
export {
  linePlot,
  scatterPlot,
  quickFigureDefaults,
  type QuickFigureOptions,
  type ColumnTable,
} from "./plot/quickFigure";
export {
  segmentedTrendFigure,
  segmentedTrendDefaults,
  type SegmentedTrendInput,
  type SegmentedTrendOptions,
  type DatedValuePoint,
} from "./plot/segmentedTrendFigure";
export { forecastScoresFigure, forecastScoresDefaults, type ForecastScorePoint } from "./plot/forecastScoresFigure";
export {
  attributionWaterfallFigure,
  attributionWaterfallDefaults,
  type AttributionPart,
} from "./plot/attributionWaterfallFigure";
export { segmentedTrendInput, forecastScorePoints, attributionParts } from "./plot/rateSeries";
export {
  transferPairsFigure,
  transferPairsDefaults,
  BOUND_SYMBOLS,
  type TransferPairsOptions,
} from "./plot/transferPairsFigure";
export {
  scaleFanFigure,
  scaleFanDefaults,
  type ScaleFanRow,
  type ScaleFanMarker,
  type ScaleFanOptions,
} from "./plot/scaleFanFigure";
export { transferHeadlineFigure } from "./plot/transferHeadlineFigure";
export {
  multiplierVsLossFigure,
  multiplierVsLossDefaults,
  type MultiplierLossSeries,
  type MultiplierVsLossOptions,
} from "./plot/multiplierVsLossFigure";
export { show, figureBundle, figureSummary, plotlyMime, type ShowOptions } from "./notebook/show";
export { normalizeFigure, type NormalizedFigure } from "./notebook/normalizeFigure";
export { showTable, tableBundle, tableDefaults, type TableOptions, type DataFrameLike } from "./notebook/showTable";
export { fitReport, fitReportBundle, showFit } from "./notebook/fitReport";
export {
  showFrame,
  frameBundle,
  frameShape,
  isFrameLike,
  frameDefaults,
  type FrameLike,
  type FrameOptions,
} from "./notebook/showFrame";
export { displayBundle, type MimeBundle } from "./notebook/displayBundle";
export {
  renderFigurePng,
  closeRenderer,
  warmRenderer,
  renderDefaults,
  type RenderOptions,
} from "./notebook/renderFigurePng";
export { installKernelErrorOutputs } from "./notebook/kernelErrors";
export {
  executeNotebook,
  type NotebookRun,
  type CellRun,
  type NotebookOutput,
  type ExecuteOptions,
} from "./notebook/executeNotebook";
export { notebookProblems, cellText, cellTexts, type NotebookProblem } from "./notebook/notebookProblems";
export { jupyterEnv, jupyterPython } from "./notebook/jupyterEnv";
// Notebooks (notebooks/*.ipynb): the CLI's analysis, eras, user CSVs, result-to-figure adapters, checked headline values.
export { analyzeData, cliAnalysisOptions, type AnalyzedData } from "./cli/analyzeData";
export { logFormatEras, type LogFormatEra } from "./dataset/logFormatEras";
export {
  parseFitCsv,
  loadFitCsv,
  fitCsvDefaults,
  EPOCH_CHINCHILLA_CSV,
  type FitCsvOptions,
  type FitCsvData,
} from "./dataset/fitCsv";
export {
  TRACK_LABELS,
  recordSeries,
  lossCurveSeries,
  runSpreadRows,
  pairLabel,
  decompositionParts,
  commenterSplitParts,
  lossBySizeSeries,
  type SizeGroupOptions,
  type LossCurveOptions,
} from "./plot/fromResults";
export {
  summaryValue,
  formatSummaryValues,
  summaryValueLines,
  summaryValuesBundle,
  summaryValuesFromOutputs,
  summaryMetadataKey,
  parseSummaryValues,
  type PrintedSummaryValue,
} from "./notebook/summaryValues";
export { readCsv, type CsvRow, type ReadCsvOptions } from "./dataset/csv";
