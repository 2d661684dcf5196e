// The backtest's partner bootstraps that do not depend on each other (deal level, each dimension), as
// plain-data tasks: a task is its rows and settings, its result only intervals, so it runs the same in this
// thread or in a worker (boot-pool.ts) and the result cannot depend on where it ran.
import { clusterIds, difference, partnerBootstrap, perResample } from './resample.js';
import { clusterAucStatistic } from './cluster-auc.js';
import type { Interval } from './types.js';

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

export type BootTask = DealBootTask | DimensionBootTask;
export interface BootResult {
  cis: Record<string, Interval | null>;
  /** Of a dimension task: the dimension's AUC over all rows, from the statistic the resamples use (not rebuilt by the caller). */
  auc?: number;
}

/** Rows × resamples: what a task costs, to decide whether threads pay. */
export const bootWork = (t: BootTask): number => t.partner.length * t.B;

export function runBootTask(t: BootTask): BootResult {
  const ids = clusterIds(t.partner);
  if (t.kind === 'deal') {
    // both AUCs from the partners' draw counts (cluster-auc.ts)
    const plain = clusterAucStatistic(t.label, t.risk, ids.ofRow, ids.count);
    const weighted = clusterAucStatistic(t.label, t.risk, ids.ofRow, ids.count, t.amount);
    return { cis: partnerBootstrap(t.partner, { auc: plain, weighted }, t.B, t.seed, t.level).cis };
  }
  const dim = clusterAucStatistic(t.label, t.dim, ids.ofRow, ids.count);
  const dimB = perResample(dim);
  const compB = perResample(clusterAucStatistic(t.label, t.composite, ids.ofRow, ids.count));
  const { cis } = partnerBootstrap(t.partner, {
    auc: dimB,
    diff: difference(dimB, compB),
  }, t.B, t.seed, t.level);
  return { cis, auc: dim.all() };
}
