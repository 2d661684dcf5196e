// Shared view-model helpers for all reports: quarters, wording, methodology facts.
export {
  parseQuarter, quarterId, quarterLabel, quarterEnd, quarterStart, shiftQuarter, quarterOf, latestCompleteQuarter,
  type Quarter,
} from '../../quarterly-data/quarter.js';
export { plural, countDelta, humanize, round } from './text.js';
export {
  dimensionWeights, signalWeights, signalLabel, bandRules, dataWindow,
  type DimensionWeightRow, type SignalWeightRow, type DataWindow, type BacktestQuality,
} from './methodology.js';
