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
import { oneResample, type CountStatistic, type Resamples } from './resample.js';
import { lowerBound } from '../stats/util.js';

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
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = scores[i]!;
  // Ties by cluster, so a partner's rows with one score (a snapshot's due deals) become one entry.
  const order = scoreClusterOrder(Int32Array.from(kept), s, cluster, clusterCount);
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
  // All resamples in one pass over the entries, the resamples as the inner loop over one cluster's row of
  // counts. Per resample: walk the entries in score order, p and q the drawn positives' and negatives'
  // weight at the current level; at a level's end it adds p·(negatives below + q/2) to the Mann–Whitney
  // sum. An entry alone at its level (most, with continuous scores) needs no p/q carried: p = w·pos and
  // q = w·neg exactly, and adding an exact zero (pos or neg 0) changes no sum, so it is skipped.
  const first = new Uint8Array(m);
  for (let e = 0; e < m; e++) first[e] = e === 0 || lastE[e - 1] === 1 ? 1 : 0;
  const byResamples = (r: Resamples): Float64Array => {
    const B = r.B;
    const D = r.counts;
    const below = new Float64Array(B);
    const num = new Float64Array(B);
    const totalPos = new Float64Array(B);
    const p = new Float64Array(B);
    const q = new Float64Array(B);
    for (let e = 0; e < m; e++) {
      const o = clE[e]! * B;
      const pe = posE[e]!;
      const ne = negE[e]!;
      if (first[e] === 1 && lastE[e] === 1) {
        if (ne === 0) {
          for (let b = 0; b < B; b++) {
            const pp = D[o + b]! * pe;
            num[b]! += pp * below[b]!;
            totalPos[b]! += pp;
          }
        } else if (pe === 0) {
          for (let b = 0; b < B; b++) below[b]! += D[o + b]! * ne;
        } else {
          for (let b = 0; b < B; b++) {
            const w = D[o + b]!;
            const pp = w * pe;
            const qq = w * ne;
            num[b]! += pp * (below[b]! + 0.5 * qq);
            below[b]! += qq;
            totalPos[b]! += pp;
          }
        }
        continue;
      }
      if (pe !== 0) for (let b = 0; b < B; b++) p[b]! += D[o + b]! * pe;
      if (ne !== 0) for (let b = 0; b < B; b++) q[b]! += D[o + b]! * ne;
      if (lastE[e] === 1) {
        for (let b = 0; b < B; b++) {
          num[b]! += p[b]! * (below[b]! + 0.5 * q[b]!);
          below[b]! += q[b]!;
          totalPos[b]! += p[b]!;
        }
        p.fill(0);
        q.fill(0);
      }
    }
    const out = new Float64Array(B);
    for (let b = 0; b < B; b++) out[b] = totalPos[b]! > 0 && below[b]! > 0 ? num[b]! / (totalPos[b]! * below[b]!) : NaN;
    return out;
  };
  return { byResamples, all: () => byResamples(oneResample(new Int32Array(clusterCount).fill(1)))[0]! };
}

/**
 * `rows` in ascending score order, ties by cluster, then by position in `rows` (ascending): the order of
 * a stable sort by (score, cluster), without a comparator call per comparison (a third of building a
 * statistic on M). A stable counting sort by cluster, then one by score rank; ranks come from the
 * distinct scores, sorted natively. Scores are finite; 0 and −0 are one score, as the comparator had them.
 */
function scoreClusterOrder(rows: Int32Array, s: Float64Array, cluster: Int32Array, clusterCount: number): Int32Array {
  const n = rows.length;
  const byCluster = countingSort(rows, (i) => cluster[i]!, clusterCount);
  const sorted = Float64Array.from(rows, (i) => s[i]!).sort();
  let u = 0;
  for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[u - 1]) sorted[u++] = sorted[k]!;
  const distinct = sorted.subarray(0, u);
  const rank = new Int32Array(s.length);
  for (let k = 0; k < n; k++) rank[rows[k]!] = lowerBound(distinct, s[rows[k]!]!);
  return countingSort(byCluster, (i) => rank[i]!, u);
}

/** `rows` stably sorted by key(i) ∈ [0, keys). */
function countingSort(rows: Int32Array, key: (i: number) => number, keys: number): Int32Array {
  const start = new Int32Array(keys + 1);
  for (let k = 0; k < rows.length; k++) start[key(rows[k]!) + 1]!++;
  for (let c = 0; c < keys; c++) start[c + 1]! += start[c]!;
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    out[start[key(i)]!++] = i;
  }
  return out;
}
