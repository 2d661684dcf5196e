// Discrimination metrics: AUC, ROC, Gini, KS, average precision.
// Higher score = more likely positive. Everything works on two natively sorted Float64Arrays
// (positives, negatives), so each metric is O(n log n) with no comparator sort — this runs inside
// 200-resample bootstraps on ~100k rows.
import { splitByLabel, type Split } from './util.js';

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** Rows with score >= threshold are called positive; the (0,0) point has threshold +Infinity. */
  threshold: number;
}

function sortedSplit(labels: ArrayLike<number>, scores: ArrayLike<number>, rows?: ArrayLike<number>): Split {
  const s = splitByLabel(labels, scores, rows);
  s.pos.sort();
  s.neg.sort();
  return s;
}

/** AUC from ascending positive and negative scores; ties count 1/2 (Mann–Whitney with midranks). */
export function aucFromSorted(pos: Float64Array, neg: Float64Array): number {
  const n1 = pos.length;
  const n0 = neg.length;
  if (n1 === 0 || n0 === 0) return NaN;
  return mannWhitneySum(pos, neg) / (n1 * n0);
}

/**
 * The Mann–Whitney sum of ascending positive and negative scores: over (positive, negative) pairs, 1 when
 * the negative is lower, 1/2 when tied. Integers and halves below 2⁵³, so it is exact in doubles, and
 * sums of it over parts of the pairs add up to the same bits in any order.
 */
export function mannWhitneySum(pos: Float64Array, neg: Float64Array): number {
  const n1 = pos.length;
  const n0 = neg.length;
  let below = 0; // negatives strictly below the current positive
  let notAbove = 0; // negatives <= the current positive
  let sum = 0;
  for (let i = 0; i < n1; i++) {
    const s = pos[i]!;
    while (below < n0 && neg[below]! < s) below++;
    if (notAbove < below) notAbove = below;
    while (notAbove < n0 && neg[notAbove]! <= s) notAbove++;
    sum += below + 0.5 * (notAbove - below);
  }
  return sum;
}

/**
 * Area under the ROC curve. `rows` (optional, may repeat) restricts the computation to those row
 * indices, so a bootstrap can pass its resample without copying the data. NaN when a class is empty.
 */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>, rows?: ArrayLike<number>): number {
  const { pos, neg } = sortedSplit(labels, scores, rows);
  return aucFromSorted(pos, neg);
}

/** Gini coefficient (accuracy ratio) = 2·AUC − 1. */
export function gini(aucValue: number): number {
  return 2 * aucValue - 1;
}

/**
 * Walks distinct thresholds from the highest score down, reporting cumulative true/false positives
 * (rows with score >= threshold).
 */
function walkThresholdsDescending(
  pos: Float64Array,
  neg: Float64Array,
  visit: (threshold: number, tp: number, fp: number) => void,
): void {
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const t = Math.max(i >= 0 ? pos[i]! : -Infinity, j >= 0 ? neg[j]! : -Infinity);
    while (i >= 0 && pos[i] === t) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === t) {
      fp++;
      j--;
    }
    visit(t, tp, fp);
  }
}

/** ROC curve over distinct thresholds: starts at (0,0) (threshold +Infinity) and ends at (1,1). */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] {
  const { pos, neg } = sortedSplit(labels, scores);
  const n1 = pos.length;
  const n0 = neg.length;
  if (n1 === 0 || n0 === 0) throw new Error('rocCurve needs at least one positive and one negative');
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  walkThresholdsDescending(pos, neg, (threshold, tp, fp) => {
    points.push({ fpr: fp / n0, tpr: tp / n1, threshold });
  });
  return points;
}

/** Kolmogorov–Smirnov statistic: max |TPR − FPR| over all thresholds. */
export function ksStatistic(labels: ArrayLike<number>, scores: ArrayLike<number>, rows?: ArrayLike<number>): number {
  const { pos, neg } = sortedSplit(labels, scores, rows);
  const n1 = pos.length;
  const n0 = neg.length;
  if (n1 === 0 || n0 === 0) return NaN;
  let ks = 0;
  walkThresholdsDescending(pos, neg, (_t, tp, fp) => {
    const d = Math.abs(tp / n1 - fp / n0);
    if (d > ks) ks = d;
  });
  return ks;
}

/**
 * Average precision, exactly as scikit-learn's average_precision_score:
 * Σ (R_k − R_{k−1})·P_k over distinct thresholds (a step function, no interpolation).
 */
export function prAuc(labels: ArrayLike<number>, scores: ArrayLike<number>, rows?: ArrayLike<number>): number {
  const { pos, neg } = sortedSplit(labels, scores, rows);
  const n1 = pos.length;
  if (n1 === 0) return NaN;
  let ap = 0;
  let prevTp = 0;
  walkThresholdsDescending(pos, neg, (_t, tp, fp) => {
    if (tp > prevTp) ap += ((tp - prevTp) / n1) * (tp / (tp + fp));
    prevTp = tp;
  });
  return ap;
}
