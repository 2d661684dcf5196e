// Plain (unit-weight) AUC of a partner-bootstrap resample, read from how many times each partner was
// drawn instead of from the resample's row list. Rows are put in score order once; a resample is then one
// sequential pass over that order, looking up its partner's draw count (a few kB, always in cache) —
// no row list to build, no random access into per-score buckets, no sort.
//
// The value is bit-identical to weightedAucStatistic with unit weights: every sum is of integers or
// half-integers far below 2^53, so it is exact whatever order the rows are added in.
import type { CountStatistic } from './resample.js';

export interface ClusterAuc extends CountStatistic {
  /** AUC over all rows (each partner drawn once). */
  all(): number;
}

/**
 * `cluster[i]` is row i's cluster id as clusterIds numbers it; label 1 is positive, anything else
 * negative; rows with a non-finite score are ignored. NaN when either class is missing from a resample.
 */
export function clusterAucStatistic(labels: ArrayLike<number>, scores: ArrayLike<number>, cluster: Int32Array, clusterCount: number): ClusterAuc {
  const n = labels.length;
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(scores[i]!)) kept.push(i);
  const order = Int32Array.from(kept);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = scores[i]!;
  order.sort((a, b) => s[a]! - s[b]!);
  const m = order.length;
  const cl = new Int32Array(m);
  const pos = new Uint8Array(m);
  // last[k] = 1 when row k (in score order) ends a run of equal scores: ties are counted as one level.
  const last = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    const i = order[k]!;
    cl[k] = cluster[i]!;
    pos[k] = labels[i] === 1 ? 1 : 0;
    last[k] = k === m - 1 || s[order[k + 1]!]! !== s[i]! ? 1 : 0;
  }
  const byCluster = (draws: Int32Array): number => {
    let below = 0; // negatives strictly below the current level
    let num = 0;
    let totalPos = 0;
    let p = 0;
    let q = 0;
    for (let k = 0; k < m; k++) {
      const w = draws[cl[k]!]!;
      if (pos[k] === 1) p += w;
      else q += w;
      if (last[k] === 1) {
        num += p * (below + 0.5 * q);
        below += q;
        totalPos += p;
        p = 0;
        q = 0;
      }
    }
    return totalPos > 0 && below > 0 ? num / (totalPos * below) : NaN;
  };
  return { byCluster, all: () => byCluster(new Int32Array(clusterCount).fill(1)) };
}
