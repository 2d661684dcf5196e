// Rank once, evaluate many times: for bootstraps over a fixed (labels, scores) pair, each distinct score
// value gets a tie-group id up front, so a resample only counts positives/negatives per group and walks
// the groups — O(n) per resample, no sorting. Results are identical to auc()/ksStatistic()/prAuc().
import { label01, lowerBound, primeOnLoad, sameLength } from './util.js';

export interface RankedScores {
  /** Number of rows. */
  readonly n: number;
  /** Number of distinct score values. */
  readonly groups: number;
  /**
   * AUC over all rows or over `rows` (indices, may repeat), row t counted `mult[t]` times when given (a
   * resample as multiplicities: the same value as the rows repeated). NaN when a class is missing.
   */
  auc(rows?: ArrayLike<number>, mult?: ArrayLike<number>): number;
  /** Max |TPR − FPR|. */
  ks(rows?: ArrayLike<number>): number;
  /** Average precision (scikit-learn definition). */
  prAuc(rows?: ArrayLike<number>): number;
}

export function rankScores(labels: ArrayLike<number>, scores: ArrayLike<number>): RankedScores {
  const n = sameLength(labels, scores);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = label01(labels[i]!, i);
    if (Number.isNaN(scores[i]!)) throw new Error(`score at row ${i} is NaN`);
  }
  const sorted = Float64Array.from(scores).sort();
  let G = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[G++] = sorted[i]!;
  const distinct = sorted.subarray(0, G);
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = lowerBound(distinct, scores[i]!);

  // Positive and negative counts per tie group (ascending score).
  // Counts are integers, so adding a multiplicity once or its row that many times gives the same bits.
  // One pair of count arrays, cleared per call (a bootstrap tallies hundreds of resamples: allocating them
  // each time was most of its garbage); every method reads them before it returns.
  const pos = new Float64Array(G);
  const neg = new Float64Array(G);
  const tally = (rows?: ArrayLike<number>, mult?: ArrayLike<number>): { pos: Float64Array; neg: Float64Array; n1: number; n0: number } => {
    pos.fill(0);
    neg.fill(0);
    const m = rows ? rows.length : n;
    let n1 = 0;
    let total = 0;
    for (let t = 0; t < m; t++) {
      const i = rows ? rows[t]! : t;
      const k = mult ? mult[t]! : 1;
      total += k;
      if (y[i] === 1) {
        pos[group[i]!]! += k;
        n1 += k;
      } else neg[group[i]!]! += k;
    }
    return { pos, neg, n1, n0: total - n1 };
  };

  return {
    n,
    groups: G,
    auc(rows, mult) {
      const { pos, neg, n1, n0 } = tally(rows, mult);
      if (n1 === 0 || n0 === 0) return NaN;
      let negBelow = 0;
      let sum = 0;
      for (let g = 0; g < G; g++) {
        sum += pos[g]! * (negBelow + 0.5 * neg[g]!);
        negBelow += neg[g]!;
      }
      return sum / (n1 * n0);
    },
    ks(rows) {
      const { pos, neg, n1, n0 } = tally(rows);
      if (n1 === 0 || n0 === 0) return NaN;
      let cp = 0;
      let cn = 0;
      let ks = 0;
      for (let g = 0; g < G; g++) {
        cp += pos[g]!;
        cn += neg[g]!;
        ks = Math.max(ks, Math.abs(cp / n1 - cn / n0));
      }
      return ks;
    },
    prAuc(rows) {
      const { pos, neg, n1 } = tally(rows);
      if (n1 === 0) return NaN;
      let tp = 0;
      let fp = 0;
      let ap = 0;
      for (let g = G - 1; g >= 0; g--) {
        if (pos[g]! === 0 && neg[g]! === 0) continue;
        tp += pos[g]!;
        fp += neg[g]!;
        ap += (pos[g]! / n1) * (tp / (tp + fp));
      }
      return ap;
    },
  };
}

// Primed on a few rows when the module loads (util: primeOnLoad): the first long tally was compiled on-stack before auc()'s group walk had run, and on M the AUC-gain
// bootstrap bailed out of auc()'s optimised code on each of its 400 calls.
{
  const r = rankScores([0, 1, 0, 1, 1, 0], [1, 2, 2, 3, 4, 0.5]);
  const rows = Int32Array.of(0, 1, 2, 3, 4, 5);
  const mult = Float64Array.of(1, 2, 0, 1, 3, 1);
  primeOnLoad(() => r.auc(rows, mult));
}
