// CI of the out-of-time AUC gain by a partner bootstrap of the pooled out-of-time predictions (they are
// already out of sample, so no refit is needed). A pool task (fit-tasks.ts), so it runs beside the
// weight refits instead of after them.
import { bootstrapCI, clusterBootstrap, rankScores } from '../stats/index.js';
import type { Interval } from './types.js';

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
  // Ranked once: each resample is then a linear pass (same values as auc() on the resampled rows).
  const proposed = rankScores(y, riskProposed);
  const current = rankScores(y, riskCurrent);
  const res = clusterBootstrap<number>({
    clusters: partners,
    B,
    seed: `${seed}:auc-gain`,
    statistic: (idx) => proposed.auc(idx) - current.auc(idx),
  });
  return { ci: res.samples.length > 0 ? bootstrapCI(res.samples) : null, resamples: res.samples.length };
}
