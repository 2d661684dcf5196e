// Plain (unit-weight) AUC of a partner-bootstrap resample, read from how many times each partner was
// drawn instead of from the resample's row list. Rows are put in score order once; a resample is then one
// sequential pass over that order, looking up its partner's draw count (a few kB, always in cache) —
// no row list to build, no random access into per-score buckets, no sort. A partner's rows with one
// score (a snapshot's due deals) are one entry with its positive and negative counts.
//
// With `weights` (e.g. deal amounts) an entry holds its rows' weights and a partner drawn k times counts
// k times: the weighted Mann–Whitney AUC of weighted-auc.ts over the resample's rows. The value equals
// weightedAucStatistic's over the resample's row list to the bit whenever the weight sums are exact
// (integer weights: unit weights, whole-currency amounts, far below 2^53), since the per-level sums are
// then the same numbers whatever order the rows are added in; with fractional amounts it agrees to rounding.
import type { CountStatistic } from './resample.js';

export interface ClusterAuc extends CountStatistic {
  /** AUC over all rows (each partner drawn once). */
  all(): number;
}

/**
 * `cluster[i]` is row i's cluster id as clusterIds numbers it; label 1 is positive, anything else
 * negative; rows with a non-finite score (or, with `weights`, a weight that is not a finite number > 0)
 * are ignored. NaN when either class is missing from a resample.
 */
export function clusterAucStatistic(
  labels: ArrayLike<number>, scores: ArrayLike<number>, cluster: Int32Array, clusterCount: number, weights?: ArrayLike<number>,
): ClusterAuc {
  const n = labels.length;
  const kept: number[] = [];
  const weightOf = (i: number): number => (weights ? weights[i]! : 1);
  for (let i = 0; i < n; i++) {
    const w = weightOf(i);
    if (Number.isFinite(scores[i]!) && w > 0 && Number.isFinite(w)) kept.push(i);
  }
  const order = Int32Array.from(kept);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = scores[i]!;
  // Ties by cluster, so a partner's rows with one score (a snapshot's due deals) become one entry.
  order.sort((a, b) => s[a]! - s[b]! || cluster[a]! - cluster[b]!);
  const cl: number[] = [];
  const pc: number[] = [];
  const nc: number[] = [];
  // last[e] = 1 when entry e ends a run of equal scores: ties are counted as one level.
  const last: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const e = cl.length - 1;
    const w = weightOf(i);
    if (k > 0 && s[order[k - 1]!] === s[i] && cl[e] === cluster[i]) {
      if (labels[i] === 1) pc[e]! += w;
      else nc[e]! += w;
    } else {
      if (k > 0) last[e] = s[order[k - 1]!] === s[i] ? 0 : 1;
      cl.push(cluster[i]!);
      pc.push(labels[i] === 1 ? w : 0);
      nc.push(labels[i] === 1 ? 0 : w);
      last.push(1);
    }
  }
  const m = cl.length;
  const clE = Int32Array.from(cl);
  const posE = Float64Array.from(pc);
  const negE = Float64Array.from(nc);
  const lastE = Uint8Array.from(last);
  const byCluster = (draws: Int32Array): number => {
    let below = 0; // negatives strictly below the current level
    let num = 0;
    let totalPos = 0;
    let p = 0;
    let q = 0;
    for (let e = 0; e < m; e++) {
      const w = draws[clE[e]!]!;
      p += w * posE[e]!;
      q += w * negE[e]!;
      if (lastE[e] === 1) {
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
