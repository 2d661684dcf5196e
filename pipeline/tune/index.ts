// Public API of the calibration stage (weights, uncertainty, verdict, band cut-offs, proposed model).
export { runCalibration } from './calibrate.js';
export {
  modelDiff,
  proposedModel,
  proposedModelPath,
  proposedVersion,
  roundWeights,
  type ModelChange,
} from './model-out.js';
export { walkForwardFolds, addDays, quarterOf, type Fold, type FoldOptions } from './folds.js';
export { DEFAULT_LAMBDA_GRID, oneStandardErrorRule } from './lambda.js';
export { SLOPE_RANGE } from './verdict.js';
export type * from './types.js';
