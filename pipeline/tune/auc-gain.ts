// CI of the out-of-time AUC gain by a partner bootstrap of the pooled out-of-time predictions (they are
// already out of sample, so no refit is needed). A pool task (fit-tasks.ts), so it runs beside the
// weight refits instead of after them.
import { bootstrapCI, clusterDraws, drawCounts, groupRows, rankScores, resampleRows } from '../stats/index.js';
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
  // Ranked once: each resample is then a linear pass (same values as auc() on the resampled rows), over
  // its drawn partners' rows with their draw counts rather than the ~1.6× as many repeated rows.
  const proposed = rankScores(y, riskProposed);
  const current = rankScores(y, riskCurrent);
  const groups = groupRows(partners);
  const C = groups.start.length - 1;
  if (C === 0) throw new Error('aucGainBootstrap: no rows');
  // The resamples of clusterBootstrap with this seed, drawn as per-partner counts.
  const draws = clusterDraws(C, `${seed}:auc-gain`);
  const samples: number[] = [];
  for (let b = 0; b < B; b++) {
    const { rows, mult } = resampleRows(groups, drawCounts(draws.next(), C));
    const gain = proposed.auc(rows, mult) - current.auc(rows, mult);
    if (!Number.isNaN(gain)) samples.push(gain);
  }
  return { ci: samples.length > 0 ? bootstrapCI(samples) : null, resamples: samples.length };
}
