// One bootstrap refit of the weights: a resample given as per-cluster draw counts becomes row
// multiplicities on the prepared data (no copies), fitted from the full-data optimum. Shared by the
// in-thread path and the worker threads, so both compute exactly the same thing.
import type { ClusterGroups } from '../stats/index.js';
import { fitWeights, type FitData } from './fit.js';

export interface RefitProblem {
  data: FitData;
  groups: ClusterGroups;
  w0: number[];
  lambda: number;
  /** The full-data fit: each resample's optimum is near it, so Newton starts there. */
  start?: { w: readonly number[]; a: number; b: number };
}

/** Weights fitted to the resample, or null when it holds one outcome class only (no finite optimum). */
export function refitResample(p: RefitProblem, counts: Int32Array): number[] | null {
  const { start, rows } = p.groups;
  let n = 0;
  for (let c = 0; c < counts.length; c++) if (counts[c]! > 0) n += start[c + 1]! - start[c]!;
  const idx = new Int32Array(n);
  const mult = new Float64Array(n);
  let at = 0;
  let pos = 0;
  let total = 0;
  for (let c = 0; c < counts.length; c++) {
    const m = counts[c]!;
    if (m === 0) continue;
    for (let r = start[c]!; r < start[c + 1]!; r++) {
      const i = rows[r]!;
      idx[at] = i;
      mult[at++] = m;
      total += m;
      if (p.data.y[i] === 1) pos += m;
    }
  }
  if (pos === 0 || pos === total) return null;
  return fitWeights(p.data, p.w0, p.lambda, idx, p.start, mult).w;
}

/** Per-cluster draw counts of one resample (its clusters in draw order). */
export function drawCounts(drawn: Int32Array, clusters: number): Int32Array {
  const counts = new Int32Array(clusters);
  for (const c of drawn) counts[c]! += 1;
  return counts;
}
