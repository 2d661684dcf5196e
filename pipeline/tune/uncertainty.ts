// Partner bootstrap (whole partners resampled, since one partner's monthly snapshots are correlated):
// weight CIs by refitting at the chosen λ, and the CI of the out-of-time AUC gain by resampling the
// pooled out-of-time predictions (they are already out of sample, so no refit is needed there).
import { auc, bootstrapCI, bootstrapCIs, clusterBootstrap } from '../stats/index.js';
import { fitWeights } from './fit.js';
import type { Interval } from './types.js';

export interface WeightBootstrap {
  ci: Interval[];
  resamples: number;
}

function hasBothClasses(y: readonly number[], idx: Int32Array): boolean {
  let pos = 0;
  for (const i of idx) pos += y[i] === 1 ? 1 : 0;
  return pos > 0 && pos < idx.length;
}

export function weightBootstrap(
  X: number[][],
  y: number[],
  partners: string[],
  w0: number[],
  lambda: number,
  B: number,
  seed: number,
  /** The full-data fit: each resample's optimum is near it, so Newton starts there. */
  start?: { w: readonly number[]; a: number; b: number },
): WeightBootstrap {
  const k = w0.length;
  const res = clusterBootstrap<number[]>({
    clusters: partners,
    B,
    seed: `${seed}:weights`,
    // A resample with one class only has no finite optimum: skip it (NaN) rather than fit garbage.
    statistic: (idx) => (hasBothClasses(y, idx) ? fitWeights(X, y, w0, lambda, idx, start).w : new Array<number>(k).fill(NaN)),
  });
  return { ci: res.samples.length > 0 ? bootstrapCIs(res.samples) : [], resamples: res.samples.length };
}

export interface AucGainBootstrap {
  ci: Interval | null;
  resamples: number;
}

/** CI of AUC(proposed) − AUC(current) on the same out-of-time rows, resampling partners. */
export function aucGainBootstrap(
  y: number[],
  riskCurrent: ArrayLike<number>,
  riskProposed: ArrayLike<number>,
  partners: string[],
  B: number,
  seed: number,
): AucGainBootstrap {
  const res = clusterBootstrap<number>({
    clusters: partners,
    B,
    seed: `${seed}:auc-gain`,
    statistic: (idx) => auc(y, riskProposed, idx) - auc(y, riskCurrent, idx),
  });
  return { ci: res.samples.length > 0 ? bootstrapCI(res.samples) : null, resamples: res.samples.length };
}
