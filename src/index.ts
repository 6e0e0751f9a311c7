// The one public entry: notebooks, the CLI and tests import from here, so the inside can move.
export * from "./types";
// Plot: pure figure builders (src/plot) and notebook display (src/notebook; Chromium is loaded only when a chart is shown).
export * from "./plot/types";
export { palette } from "./plot/style";
export { lossVsComputeFigure, lossVsComputeDefaults, type LossVsComputeOptions } from "./plot/lossVsComputeFigure";
export { recordHistoryFigure, recordHistoryDefaults, type RecordHistoryOptions } from "./plot/recordHistoryFigure";
export { multiplierVsScaleFigure, multiplierVsScaleDefaults, type MultiplierVsScaleOptions } from "./plot/multiplierVsScaleFigure";
export { decompositionFigure, decompositionDefaults, type DecompositionOptions } from "./plot/decompositionFigure";
export { show, figureBundle, figureSummary, plotlyMime, type ShowOptions } from "./notebook/show";
export { showTable, tableBundle, tableDefaults, type TableOptions, type DataFrameLike } from "./notebook/showTable";
export { displayBundle, type MimeBundle } from "./notebook/displayBundle";
export { renderFigurePng, closeRenderer, renderDefaults, type RenderOptions } from "./notebook/renderFigurePng";
export { installKernelErrorOutputs } from "./notebook/kernelErrors";
export { executeNotebook, type NotebookRun, type CellRun, type NotebookOutput, type ExecuteOptions } from "./notebook/executeNotebook";
export { notebookProblems, cellText, cellTexts, type NotebookProblem } from "./notebook/notebookProblems";
export { jupyterEnv, jupyterPython } from "./notebook/jupyterEnv";
