// Partner bootstrap (whole partners resampled, since one partner's monthly snapshots are correlated):
// weight CIs by refitting at the chosen λ, and the CI of the out-of-time AUC gain by resampling the
// pooled out-of-time predictions (they are already out of sample, so no refit is needed there).
import { bootstrapCI, bootstrapCIs, clusterBootstrap, clusterDraws, rankScores } from '../stats/index.js';
import type { FitPool, OnTaskDone } from './fit-pool.js';
import { drawCounts } from './refit.js';
import type { Interval } from './types.js';

export interface WeightBootstrap {
  ci: Interval[];
  resamples: number;
}

export interface WeightBootstrapInput {
  /** Number of partners (clusters of the pool's fit context). */
  clusters: number;
  lambda: number;
  B: number;
  seed: number;
  /** The full-data fit: each resample's optimum is near it, so Newton starts there. */
  start?: { w: readonly number[]; a: number; b: number };
  onProgress?: OnTaskDone;
}

/**
 * Every resample is drawn here, up front, from the one seeded sequence — resample b is fixed by
 * (seed, b) — and refitted in the pool, so the samples do not depend on the number of threads.
 */
export async function weightBootstrap(pool: FitPool, input: WeightBootstrapInput): Promise<WeightBootstrap> {
  const draws = clusterDraws(input.clusters, `${input.seed}:weights`);
  const tasks = Array.from({ length: input.B }, () => ({
    kind: 'refit' as const, counts: drawCounts(draws.next(), input.clusters), lambda: input.lambda, start: input.start,
  }));
  // A resample with one class only has no finite optimum: it is skipped rather than fitted to garbage.
  const fitted = await pool.run(tasks, input.onProgress);
  const samples = fitted.filter((w): w is number[] => w !== null);
  return { ci: samples.length > 0 ? bootstrapCIs(samples) : [], resamples: samples.length };
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
