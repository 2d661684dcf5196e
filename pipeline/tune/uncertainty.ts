// Partner bootstrap (whole partners resampled, since one partner's monthly snapshots are correlated):
// weight CIs by refitting at the chosen λ, and the CI of the out-of-time AUC gain by resampling the
// pooled out-of-time predictions (auc-gain.ts). Both are pool jobs, so they can share one hand-out.
import { bootstrapCIs, clusterDraws, drawCounts } from '../stats/index.js';
import { runJobs, type FitPool, type OnTaskDone, type PoolJob } from './fit-pool.js';
import type { AucGainBootstrap } from './auc-gain.js';
import type { Interval } from './types.js';

export { aucGainBootstrap, type AucGainBootstrap } from './auc-gain.js';

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
 * The weight bootstrap's resamples as per-partner draw counts: they need only the partner count, so the
 * caller can draw them while the pool fits (on M 0.08–0.26 s that held back the bootstrap's first tasks).
 */
export function weightResamples(clusters: number, B: number, seed: number): Int32Array[] {
  const draws = clusterDraws(clusters, `${seed}:weights`);
  return Array.from({ length: B }, () => drawCounts(draws.next(), clusters));
}

/**
 * Every resample is drawn up front (here, or by the caller with weightResamples of the same input) from the
 * one seeded sequence — resample b is fixed by (seed, b) — and refitted in the pool, so the samples do not
 * depend on the number of threads.
 */
export function weightBootstrapJob(input: WeightBootstrapInput, counts = weightResamples(input.clusters, input.B, input.seed)): PoolJob<WeightBootstrap> {
  const tasks = counts.map((c) => ({ kind: 'refit' as const, counts: c, lambda: input.lambda, start: input.start }));
  return {
    tasks,
    onDone: input.onProgress,
    finish(fitted) {
      // A resample with one class only has no finite optimum: it is skipped rather than fitted to garbage.
      const samples = (fitted as (number[] | null)[]).filter((w): w is number[] => w !== null);
      return { ci: samples.length > 0 ? bootstrapCIs(samples) : [], resamples: samples.length };
    },
  };
}

export async function weightBootstrap(pool: FitPool, input: WeightBootstrapInput): Promise<WeightBootstrap> {
  const [result] = await runJobs(pool, [weightBootstrapJob(input)]);
  return result;
}

/** The AUC-gain bootstrap (aucGainBootstrap's arguments) as a one-task pool job. */
export function aucGainJob(y: number[], riskCurrent: number[], riskProposed: number[], partners: string[], B: number, seed: number): PoolJob<AucGainBootstrap> {
  return { tasks: [{ kind: 'gain', y, riskCurrent, riskProposed, partners, B, seed }], finish: (r) => r[0] as AucGainBootstrap };
}
