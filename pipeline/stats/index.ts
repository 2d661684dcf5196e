// Public API of the pure numeric layer (no I/O). Import from here rather than from individual modules.
export { createRng, randInt, randNormal, type Rng } from './random.js';
export { auc, aucFromSorted, gini, mannWhitneySum, ksStatistic, prAuc, rocCurve, type RocPoint } from './auc.js';
export { rankScores, type RankedScores } from './ranked.js';
export {
  delongCovariance,
  delongPairedTest,
  delongVariance,
  hanleyMcNeilSE,
  type DelongPairedResult,
  type DelongResult,
} from './delong.js';
export {
  betaCdf,
  betaInc,
  betaQuantile,
  chiSquareCdf,
  chiSquareSf,
  gammaP,
  gammaQ,
  lnBeta,
  lnGamma,
  normCdf,
  normPdf,
  normQuantile,
} from './distributions.js';
export { jeffreysInterval, percentileInterval } from './intervals.js';
export {
  brier,
  brierSkill,
  calibrationInterceptSlope,
  hosmerLemeshow,
  logLoss,
  quantileGroups,
  reliabilityBins,
  type CalibrationInterceptSlope,
  type HosmerLemeshow,
  type ReliabilityBin,
} from './calibration.js';
export {
  fitLogistic1D,
  fitLogistic1DWeighted,
  plattFit,
  plattFitCounts,
  type Logistic1DFit,
  type Logistic1DOptions,
  type PlattModel,
  type PlattOptions,
} from './logistic.js';
export { psi, psiBins, psiFromScores, psiLabel, type PsiBins, type PsiLabel } from './psi.js';
export {
  bootstrapCI,
  bootstrapCIs,
  clusterBootstrap,
  clusterDraws,
  drawCounts,
  groupRows,
  resampleRows,
  type ClusterGroups,
  type ClusterBootstrapOptions,
  type ClusterBootstrapResult,
} from './bootstrap.js';
export { compositeScores, projectToSimplex, simplexGrid } from './simplex.js';
export { clusterSums, resamplePass, type ClusterSums } from './simplex-clusters.js';
export {
  fitPrepared,
  fitPreparedWithPass,
  fitSimplexLogistic,
  MIN_SLOPE,
  prepare as prepareSimplexData,
  compositeOf as simplexComposite,
  risksOf as simplexRisks,
  subset as simplexSubset,
  type SimplexData,
  simplexLogisticObjective,
  startTheta as simplexStartTheta,
  type SimplexFitInput,
  type SimplexFitResult,
} from './simplex-fit.js';
export type { RowPass } from './simplex-objective.js';
