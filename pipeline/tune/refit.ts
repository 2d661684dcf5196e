// One bootstrap refit of the weights: a resample given as per-cluster draw counts becomes row
// multiplicities on the prepared data (no copies), fitted from the full-data optimum. Shared by the
// in-thread path and the worker threads, so both compute exactly the same thing.
import { clusterSums, fitPrepared, resamplePass, resampleRows, simplexStartTheta, simplexSubset, type ClusterGroups, type ClusterSums } from '../stats/index.js';
import type { FitData } from './fit.js';

/**
 * A refit's last Newton step at most this large is taken without evaluating it (SimplexFitInput.acceptStep):
 * the step after it would be ≲ 1e-7 (≤ ~4·|step|² on M), far below the 4 decimals the intervals report.
 */
const REFIT_ACCEPT_STEP = 1e-4;

export interface RefitProblem {
  data: FitData;
  groups: ClusterGroups;
  w0: number[];
  lambda: number;
  /** The full-data fit: each resample's optimum is near it, so Newton starts there. */
  start?: { w: readonly number[]; a: number; b: number };
}

// Per-partner sums at the start point, made once per thread (the groups object is the thread's context)
// and reused by every refit from the same start: each resample's first pass is then a weighted sum of them.
const sumsAt = new WeakMap<ClusterGroups, { key: string; data: FitData; sums: ClusterSums }>();

function startSums(p: RefitProblem & { start: NonNullable<RefitProblem['start']> }): ClusterSums {
  const theta = simplexStartTheta(p.start);
  const key = theta.join(',');
  const hit = sumsAt.get(p.groups);
  if (hit && hit.key === key && hit.data === p.data) return hit.sums;
  const sums = clusterSums(p.data, theta, p.groups);
  sumsAt.set(p.groups, { key, data: p.data, sums });
  return sums;
}

/** Weights fitted to the resample, or null when it holds one outcome class only (no finite optimum). */
export function refitResample(p: RefitProblem, counts: Int32Array): number[] | null {
  const { rows: idx, mult } = resampleRows(p.groups, counts);
  let pos = 0;
  let total = 0;
  for (let t = 0; t < idx.length; t++) {
    total += mult[t]!;
    if (p.data.y[idx[t]!] === 1) pos += mult[t]!;
  }
  if (pos === 0 || pos === total) return null;
  const first = p.start ? resamplePass(startSums({ ...p, start: p.start }), counts, total) : undefined;
  return fitPrepared(simplexSubset(p.data, idx, mult), { w0: p.w0, lambda: p.lambda, start: p.start, first, acceptStep: REFIT_ACCEPT_STEP }).w;
}
