// DeLong (1988) variance/covariance of correlated AUCs, computed the fast way (Sun & Xu 2014):
// each row's placement value comes from its rank among the other class, so the cost is
// O(n log n) per score instead of the O(n1·n0) pairwise kernel.
import { normCdf } from './distributions.js';
import { label01, lowerBound, sameLength } from './util.js';

export interface DelongResult {
  aucs: number[];
  /** Covariance matrix of the AUC estimates (m × m). */
  covariance: number[][];
}

export interface DelongPairedResult {
  auc1: number;
  auc2: number;
  diff: number;
  se: number;
  z: number;
  /** Two-sided p-value of H0: AUC1 = AUC2. */
  p: number;
}

/**
 * Placement values for one score. v10[i] = share of negatives ranked below positive i (ties ½);
 * v01[j] = share of positives ranked above negative j (ties ½). Their means are both the AUC.
 */
function placements(
  posIdx: Int32Array,
  negIdx: Int32Array,
  scores: ArrayLike<number>,
): { v10: Float64Array; v01: Float64Array } {
  const n1 = posIdx.length;
  const n0 = negIdx.length;
  const pos = new Float64Array(n1);
  const neg = new Float64Array(n0);
  for (let i = 0; i < n1; i++) pos[i] = scores[posIdx[i]!]!;
  for (let j = 0; j < n0; j++) neg[j] = scores[negIdx[j]!]!;
  if (pos.some(Number.isNaN) || neg.some(Number.isNaN)) throw new Error('DeLong: scores contain NaN');
  const posSorted = pos.slice().sort();
  const negSorted = neg.slice().sort();
  const v10 = new Float64Array(n1);
  const v01 = new Float64Array(n0);
  for (let i = 0; i < n1; i++) {
    const s = pos[i]!;
    const lo = lowerBound(negSorted, s);
    const hi = tiesEnd(negSorted, s, lo);
    v10[i] = (lo + 0.5 * (hi - lo)) / n0;
  }
  for (let j = 0; j < n0; j++) {
    const s = neg[j]!;
    const lo = lowerBound(posSorted, s);
    const hi = tiesEnd(posSorted, s, lo);
    v01[j] = (n1 - hi + 0.5 * (hi - lo)) / n1;
  }
  return { v10, v01 };
}

/**
 * The first index in sorted `a` whose value is > x, given lo = lowerBound(a, x): the end of x's ties,
 * searched outward from lo (galloping), so a value without ties costs one comparison instead of a second
 * full binary search (half of placements()).
 */
function tiesEnd(a: Float64Array, x: number, lo: number): number {
  const n = a.length;
  if (lo >= n || a[lo]! > x) return lo;
  let step = 1;
  let inside = lo; // a[inside] <= x
  while (inside + step < n && a[inside + step]! <= x) {
    inside += step;
    step *= 2;
  }
  let hi = Math.min(n, inside + step); // a[hi] > x, or hi = n
  let from = inside + 1;
  while (from < hi) {
    const mid = (from + hi) >>> 1;
    if (a[mid]! <= x) from = mid + 1;
    else hi = mid;
  }
  return from;
}

/** Unbiased covariance matrix of the columns of `vs` (each vs[m] holds one variable's values). */
function sampleCovariance(vs: Float64Array[]): number[][] {
  const m = vs.length;
  const n = vs[0]!.length;
  const means = vs.map((v) => v.reduce((s, x) => s + x, 0) / n);
  const cov: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const va = vs[a]!;
      const vb = vs[b]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += (va[i]! - means[a]!) * (vb[i]! - means[b]!);
      cov[a]![b] = cov[b]![a] = s / (n - 1);
    }
  }
  return cov;
}

/** AUCs of several scores on the same rows and the DeLong covariance matrix of those AUCs. */
export function delongCovariance(labels: ArrayLike<number>, scoresList: ArrayLike<number>[]): DelongResult {
  if (scoresList.length === 0) throw new Error('delongCovariance needs at least one score');
  const n = sameLength(labels, ...scoresList);
  const posList: number[] = [];
  const negList: number[] = [];
  for (let i = 0; i < n; i++) (label01(labels[i]!, i) === 1 ? posList : negList).push(i);
  const n1 = posList.length;
  const n0 = negList.length;
  if (n1 < 2 || n0 < 2) throw new Error(`DeLong needs >= 2 positives and >= 2 negatives (got ${n1}, ${n0})`);
  const posIdx = Int32Array.from(posList);
  const negIdx = Int32Array.from(negList);
  const v10s: Float64Array[] = [];
  const v01s: Float64Array[] = [];
  const aucs: number[] = [];
  for (const scores of scoresList) {
    const { v10, v01 } = placements(posIdx, negIdx, scores);
    v10s.push(v10);
    v01s.push(v01);
    aucs.push(v10.reduce((s, x) => s + x, 0) / n1);
  }
  const s10 = sampleCovariance(v10s);
  const s01 = sampleCovariance(v01s);
  const covariance = s10.map((row, a) => row.map((x, b) => x / n1 + s01[a]![b]! / n0));
  return { aucs, covariance };
}

/** DeLong variance of a single AUC. */
export function delongVariance(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  return delongCovariance(labels, [scores]).covariance[0]![0]!;
}

/** Paired DeLong test for two scores on the same rows (two-sided). */
export function delongPairedTest(
  labels: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): DelongPairedResult {
  const { aucs, covariance: S } = delongCovariance(labels, [a, b]);
  const auc1 = aucs[0]!;
  const auc2 = aucs[1]!;
  const diff = auc1 - auc2;
  const variance = S[0]![0]! + S[1]![1]! - 2 * S[0]![1]!;
  const se = Math.sqrt(Math.max(variance, 0));
  // Identical scores give se = 0: report "no difference" rather than 0/0.
  const z = se > 0 ? diff / se : 0;
  const p = se > 0 ? 2 * normCdf(-Math.abs(z)) : 1;
  return { auc1, auc2, diff, se, z, p };
}

/** Hanley & McNeil (1982) standard error of an AUC from its value and the class sizes. */
export function hanleyMcNeilSE(aucValue: number, nPos: number, nNeg: number): number {
  const a = aucValue;
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const v = (a * (1 - a) + (nPos - 1) * (q1 - a * a) + (nNeg - 1) * (q2 - a * a)) / (nPos * nNeg);
  return Math.sqrt(v);
}
