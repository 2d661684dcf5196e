// The backtest's partner bootstraps that do not depend on each other (deal level, each dimension), as
// plain-data tasks: a task is its rows and settings, its result only intervals, so it runs the same in this
// thread or in a worker (boot-pool.ts) and the result cannot depend on where it ran.
import { clusterIds, difference, partnerBootstrap, perResample, type CountStatistic } from './resample.js';
import { clusterAucStatistic } from './cluster-auc.js';
import { calibrationResult, outOfTimePlatt, type CalibrationRows, type OutOfTime } from './calibration.js';
import type { CalibrationResult, Interval } from './types.js';

interface Resampling {
  /** Partner of each row (any integer ids). */
  partner: Int32Array;
  B: number;
  seed: number;
  level: number;
}

/** Deal level: the plain and the amount-weighted AUC of `risk` for missed deals. */
export interface DealBootTask extends Resampling {
  kind: 'deal';
  label: Float64Array;
  risk: Float64Array;
  amount: Float64Array;
}

/** One dimension: the AUC of its risk `dim`, and its difference to the composite's `composite` on the same rows. */
export interface DimensionBootTask extends Resampling {
  kind: 'dimension';
  label: Float64Array;
  dim: Float64Array;
  composite: Float64Array;
}

/**
 * The out-of-time Platt calibration (calibration.ts): no bootstrap, but ~0.9 s of logistic fits on M that
 * held this thread while the worker had time to spare; in the worker it overlaps this thread's queries.
 */
export interface CalibrationTask {
  kind: 'calibration';
  pop: CalibrationRows;
  horizonDays: number;
  graceDays: number;
  trainingMonths: number;
  level: number;
}

/**
 * The calibration task of `pop`: only the five columns the fits read, so the worker is sent those arrays
 * and not the whole population.
 */
export function calibrationTask(pop: CalibrationRows, o: Omit<CalibrationTask, 'kind' | 'pop'>): CalibrationTask {
  const { n, day, quarter, risk, label } = pop;
  return { kind: 'calibration', pop: { n, day, quarter, risk, label }, horizonDays: o.horizonDays, graceDays: o.graceDays, trainingMonths: o.trainingMonths, level: o.level };
}

export type BootTask = DealBootTask | DimensionBootTask | CalibrationTask;
export interface BootResult {
  cis: Record<string, Interval | null>;
  /** Of a dimension task: the dimension's AUC over all rows, from the statistic the resamples use (not rebuilt by the caller). */
  auc?: number;
  /** Of the calibration task: the out-of-time predictions and the calibration result. */
  calibration?: { oot: OutOfTime; result: CalibrationResult };
}

/**
 * The composite's statistic on a dimension task's rows, kept for the next task of this thread: a dimension
 * scored on every labelled snapshot (on M, all three) has the same rows, labels and composite as the others,
 * and perResample then also keeps its values for the same resamples. Built once instead of three times, the
 * M bench's bootstrap tasks took 1.45–1.60 CPU s instead of 1.79–1.92 on one thread.
 */
let lastComposite: { task: DimensionBootTask; stat: CountStatistic } | null = null;

const sameBytes = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

function compositeStatistic(t: DimensionBootTask, ids: { ofRow: Int32Array; count: number }): CountStatistic {
  const k = lastComposite?.task;
  if (k && k.B === t.B && k.seed === t.seed && sameBytes(k.partner, t.partner) && sameBytes(k.label, t.label) && sameBytes(k.composite, t.composite)) {
    return lastComposite!.stat;
  }
  const stat = perResample(clusterAucStatistic(t.label, t.composite, ids.ofRow, ids.count));
  lastComposite = { task: t, stat };
  return stat;
}

/** Rows × resamples: what a task costs, to decide whether threads pay (the calibration task does not decide it). */
export const bootWork = (t: BootTask): number => (t.kind === 'calibration' ? 0 : t.partner.length * t.B);

export function runBootTask(t: BootTask): BootResult {
  if (t.kind === 'calibration') {
    const oot = outOfTimePlatt(t.pop, t.horizonDays, t.graceDays, t.trainingMonths);
    return { cis: {}, calibration: { oot, result: calibrationResult(t.pop, oot, t.trainingMonths, t.level) } };
  }
  const ids = clusterIds(t.partner);
  if (t.kind === 'deal') {
    // both AUCs from the partners' draw counts (cluster-auc.ts)
    const plain = clusterAucStatistic(t.label, t.risk, ids.ofRow, ids.count);
    const weighted = clusterAucStatistic(t.label, t.risk, ids.ofRow, ids.count, t.amount);
    return { cis: partnerBootstrap(t.partner, { auc: plain, weighted }, t.B, t.seed, t.level).cis };
  }
  const dim = clusterAucStatistic(t.label, t.dim, ids.ofRow, ids.count);
  const dimB = perResample(dim);
  const compB = compositeStatistic(t, ids);
  const { cis } = partnerBootstrap(t.partner, {
    auc: dimB,
    diff: difference(dimB, compB),
  }, t.B, t.seed, t.level);
  return { cis, auc: dim.all() };
}
