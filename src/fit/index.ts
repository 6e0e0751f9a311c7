// Public surface of the fitting engine (re-exported by src/index.ts).
export * from "./types";
export { fitModel, predictModel } from "./fitModel";
export { fitDefaults, parseLoss } from "./options";
export { getModel, modelNames, models } from "./models/index";
export { shutdownPool } from "./pool";
export type { FitData } from "./fitData";
export { compareModels } from "./compareModels";
export { computeOptimalAllocation, computeToReachLoss } from "./derived";
