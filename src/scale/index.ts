// The cross-scale question (issue 19): does a speedrun gain keep its size as compute grows? See fit.ts.
export { fitScaleModel, predictPairs, scaleFitDefaults, SCALE_PRIORS, summarise } from "./fit";
export type { ScaleFit, ScaleFitOptions, ScalePriors, ScaleVerdictWord, PosteriorInterval } from "./fit";
export { groupScalePairs, SCALE_MODEL_X_REF } from "./pairs";
export type { ScalePair, ScalePairSet, ScaleObservation, ExcludedScaleRow } from "./pairs";
export { scaleLogLikelihood, pairLogLikelihood, A_SD } from "./likelihood";
export type { ScaleParams } from "./likelihood";
export { calibrate, currentScalePairs, replicateTemplate, CALIBRATION_TRUTHS } from "./simulate";
export type { ScaleTruth, CalibrationRow, CalibrationShare, CalibrationProgress } from "./simulate";
export { parseScaleCatalogue, CATALOGUE_REQUIRED_COLUMNS } from "./catalogueCsv";
export { scaleAnswer, scaleAnswersFromFiles, SCALE_ASSUMPTION } from "./answer";
export { readRegistration, scoreRegistration } from "./registration";
export type { Registration } from "./registration";
