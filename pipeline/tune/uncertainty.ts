// Partner bootstrap (whole partners resampled, since one partner's monthly snapshots are correlated):
// weight CIs by refitting at the chosen λ, and the CI of the out-of-time AUC gain by resampling the
// pooled out-of-time predictions (they are already out of sample, so no refit is needed there).
import { bootstrapCI, bootstrapCIs, clusterBootstrap, clusterDraws, groupRows, rankScores } from '../stats/index.js';
import type { FitData } from './fit.js';
import { drawCounts } from './refit.js';
import { refitAll, refitThreads, type RefitProgress } from './refit-pool.js';
import type { Interval } from './types.js';

export interface WeightBootstrap {
  ci: Interval[];
  resamples: number;
}

export interface WeightBootstrapInput {
  data: FitData;
  partners: string[];
  w0: number[];
  lambda: number;
  B: number;
  seed: number;
  /** The full-data fit: each resample's optimum is near it, so Newton starts there. */
  start?: { w: readonly number[]; a: number; b: number };
  /** Worker threads (default: one per core when the work is large; results do not depend on it). */
  threads?: number;
  onProgress?: RefitProgress;
}

export async function weightBootstrap(input: WeightBootstrapInput): Promise<WeightBootstrap> {
  const groups = groupRows(input.partners);
  const C = groups.start.length - 1;
  const draws = clusterDraws(C, `${input.seed}:weights`);
  const resamples = Array.from({ length: input.B }, () => drawCounts(draws.next(), C));
  const threads = refitThreads(input.threads, input.partners.length, input.B);
  const problem = { data: input.data, groups, w0: input.w0, lambda: input.lambda, start: input.start };
  // A resample with one class only has no finite optimum: it is skipped rather than fitted to garbage.
  const fitted = await refitAll(problem, resamples, threads, input.onProgress);
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
