// Out-of-time calibration: a Platt map risk → P(miss) is refitted before each quarter and scores only that
// quarter, so no prediction was fitted on its own outcome. The first `trainingMonths` of labelled
// snapshots are training only. Training rows are purged to those whose label was already known when the
// quarter began (as_of + H + G ≤ first snapshot of the quarter), as DESIGN.md asks of the tuning folds.
import {
  brier,
  brierSkill,
  calibrationInterceptSlope,
  hosmerLemeshow,
  logLoss,
  plattFit,
  reliabilityBins,
} from '../stats/index.js';
import type { Population } from './data.js';
import type { CalibrationFold, CalibrationResult } from './types.js';
import { fin, isoOfDay, monthStartPlus, quarterLabel, quarterStartDay } from './util.js';

export interface OutOfTime {
  /** Predicted P(miss) per population row; NaN for rows not in a test quarter. */
  p: Float64Array;
  folds: CalibrationFold[];
}

/** What the out-of-time calibration reads of the population. */
export type CalibrationRows = Pick<Population, 'n' | 'day' | 'quarter' | 'risk' | 'label'>;

export function outOfTimePlatt(pop: CalibrationRows, horizonDays: number, graceDays: number, trainingMonths: number): OutOfTime {
  const p = new Float64Array(pop.n).fill(NaN);
  const folds: CalibrationFold[] = [];
  if (pop.n === 0) return { p, folds };
  let firstDay = Infinity;
  const quarters = new Set<number>();
  for (let i = 0; i < pop.n; i++) {
    firstDay = Math.min(firstDay, pop.day[i]!);
    quarters.add(pop.quarter[i]!);
  }
  const testFrom = monthStartPlus(firstDay, trainingMonths);
  const lag = horizonDays + graceDays;
  for (const q of [...quarters].sort((a, b) => a - b)) {
    if (quarterStartDay(q) < testFrom) continue;
    const test: number[] = [];
    let start = Infinity;
    for (let i = 0; i < pop.n; i++) {
      if (pop.quarter[i] === q) {
        test.push(i);
        start = Math.min(start, pop.day[i]!);
      }
    }
    const train: number[] = [];
    let lastTrain = -Infinity;
    for (let i = 0; i < pop.n; i++) {
      if (pop.day[i]! + lag <= start) {
        train.push(i);
        lastTrain = Math.max(lastTrain, pop.day[i]!);
      }
    }
    const x = Float64Array.from(train, (i) => pop.risk[i]!);
    const y = Float64Array.from(train, (i) => pop.label[i]!);
    const trainPos = y.reduce((s, v) => s + v, 0);
    const fold: CalibrationFold = {
      quarter: quarterLabel(q),
      test_from: isoOfDay(start),
      train_last_as_of: train.length > 0 ? isoOfDay(lastTrain) : null,
      train_n: train.length,
      train_positives: trainPos,
      test_n: test.length,
      test_positives: test.reduce((s, i) => s + pop.label[i]!, 0),
      a: null,
      b: null,
    };
    // A map needs both outcomes in training; otherwise this quarter gets no prediction.
    if (trainPos > 0 && trainPos < train.length) {
      const m = plattFit(x, y);
      fold.a = fin(m.a);
      fold.b = fin(m.b);
      for (const i of test) p[i] = m.predict(pop.risk[i]!);
    }
    folds.push(fold);
  }
  return { p, folds };
}

export function calibrationResult(pop: CalibrationRows, oot: OutOfTime, trainingMonths: number, level: number): CalibrationResult {
  const idx: number[] = [];
  for (let i = 0; i < pop.n; i++) if (!Number.isNaN(oot.p[i]!)) idx.push(i);
  const y = Float64Array.from(idx, (i) => pop.label[i]!);
  const p = Float64Array.from(idx, (i) => oot.p[i]!);
  const positives = y.reduce((s, v) => s + v, 0);
  const base: CalibrationResult = {
    method: 'platt_out_of_time', training_months: trainingMonths, folds: oot.folds, n: idx.length, positives,
    brier: null, brier_skill: null, log_loss: null, intercept: null, slope: null, reliability: [], hosmer_lemeshow: null, note: null,
  };
  if (idx.length === 0) {
    return { ...base, note: `no out-of-time predictions: needs more than ${trainingMonths} months of labelled snapshots with both outcomes` };
  }
  if (positives === 0 || positives === idx.length) {
    return { ...base, brier: fin(brier(y, p)), log_loss: fin(logLoss(y, p)), note: 'only one outcome in the test quarters' };
  }
  const cis = calibrationInterceptSlope(y, p);
  const hl = hosmerLemeshow(y, p, 10);
  return {
    ...base,
    brier: fin(brier(y, p)),
    brier_skill: fin(brierSkill(y, p)),
    log_loss: fin(logLoss(y, p)),
    intercept: fin(cis.intercept),
    slope: fin(cis.slope),
    reliability: reliabilityBins(y, p, 10, level).map((b) => ({
      bin: b.bin, n: b.n, events: b.events, mean_predicted: b.meanPredicted, observed_rate: b.observedRate, lo: b.lo, hi: b.hi,
    })),
    hosmer_lemeshow: { statistic: hl.statistic, df: hl.df, p: fin(hl.p), groups: hl.groups },
    note: cis.converged ? null : 'calibration slope fit did not converge',
  };
}
