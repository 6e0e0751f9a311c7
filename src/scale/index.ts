// The cross-scale question (issue 19): does a speedrun gain keep its size as compute grows? See fit.ts.
export { fitScaleModel, predictPairs, scaleFitDefaults, SCALE_PRIORS, summarise } from "./fit";
export type {
  ScaleFit,
  ScaleFitOptions,
  ScalePriors,
  ScaleVerdictWord,
  PairPrediction,
  PosteriorInterval,
} from "./fit";
export { groupScalePairs, SCALE_MODEL_X_REF } from "./pairs";
export type { ScalePair, ScaleObservation, ScalePairSet, ExcludedScaleRow } from "./pairs";
export { scaleLogLikelihood, pairLogLikelihood, A_SD } from "./likelihood";
export type { ScaleParams } from "./likelihood";
export {
  calibrate,
  simulateCatalogue,
  replicateTemplate,
  isSlopePair,
  CALIBRATION_TRUTHS,
  CALIBRATION_AT,
  BOUND_SLACK,
} from "./simulate";
export type { ScaleTruth, CalibrationRow, SimulatedCatalogue, CalibrationShare } from "./simulate";
export { parseScaleCatalogue, CatalogueError, CATALOGUE_REQUIRED_COLUMNS } from "./catalogueCsv";
export { scaleAnswer, scaleAnswerDetail, scaleAnswersFromFiles, SCALE_ASSUMPTION } from "./answer";
export type { ScaleAnswer, ScaleAnswerPair } from "./answer";
export { readRegistration, scoreRegistration } from "./registration";
export type { Registration, RegistrationScore, LogText } from "./registration";
