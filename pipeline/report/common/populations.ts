// The backtest and the calibration review both print an AUC for the current weights, on different sets
// of rows. One sentence names both populations with their counts, so "AUC 0.621" beside "out-of-time
// AUC 0.671" reads as two measurements, not a contradiction. Coded once; every report that quotes the
// two figures prints this sentence.
import type { BacktestResult } from '../../backtest/types.js';
import type { CalibrationResult } from '../../tune/types.js';
import { fmt } from '../../vocabulary/number-formats.js';

/** The backtest's population: "all 3,044 labelled partner-months (Jan 2023 to Aug 2025, 1,068 followed by a miss)". */
export function backtestPopulation(bt: BacktestResult): string {
  const w = bt.data_window;
  const span = w.first_labelled_snapshot && w.last_labelled_snapshot
    ? `${fmt('month', w.first_labelled_snapshot)} to ${fmt('month', w.last_labelled_snapshot)}, `
    : '';
  return `all ${fmt('count', bt.population)} labelled partner-months (${span}${fmt('count', bt.positives)} followed by a miss)`;
}

/** Calibration's out-of-time set: "the 1,702 out-of-time partner-months of the test quarters Q2 2024 to Q3 2025 (687 followed by a miss)". */
export function ootPopulation(cal: CalibrationResult): string | null {
  if (!cal.oot) return null;
  const qs = cal.folds.filter((f) => f.out_of_time).map((f) => f.test_quarter);
  const span = qs.length ? ` of the test quarters ${qs[0]}${qs.length > 1 ? ` to ${qs[qs.length - 1]}` : ''}` : '';
  const missed = cal.fit_unit.unit === 'deal' ? 'missed' : 'followed by a miss';
  return `the ${fmt('count', cal.oot.rows)} out-of-time ${cal.fit_unit.rows}${span} (${fmt('count', cal.oot.positives)} ${missed}), scored by weights fitted only on earlier quarters`;
}

/** Why the backtest's AUC and calibration's out-of-time AUC of the current weights differ; null when either is missing. */
export function aucPopulationsSentence(bt: BacktestResult, cal: CalibrationResult | null | undefined): string | null {
  if (!cal || bt.auc === null || cal.oot_auc_current === null) return null;
  const oot = ootPopulation(cal);
  if (!oot) return null;
  return (
    `Two AUCs, two populations: the backtest's AUC ${fmt('auc', bt.auc)} is measured on ${backtestPopulation(bt)}; ` +
    `the calibration review's out-of-time AUC of the current weights, ${fmt('auc', cal.oot_auc_current)}, on ${oot}. ` +
    `The sets differ, so the two figures are not expected to match.`
  );
}
