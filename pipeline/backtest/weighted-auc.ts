// Weighted Mann–Whitney AUC: P(risk of a random positive > risk of a random negative) when rows are
// drawn in proportion to their weights (e.g. deal amounts), ties counting ½. The stats layer has no
// weighted version, so it lives here; with equal weights it equals the plain AUC.
//
// Scores are ranked once; each evaluation then only accumulates weights per distinct score and sweeps
// them in order — O(n + distinct scores), no sort — which keeps 200 bootstrap resamples of ~10⁵–10⁶
// deal rows cheap.

import { lowerBound } from '../stats/util.js';

export type RowStatistic = (rows?: ArrayLike<number>) => number;

/**
 * Σᵢ∈pos Σⱼ∈neg wᵢ·wⱼ·([sᵢ > sⱼ] + ½·[sᵢ = sⱼ]) / (Σw₊·Σw₋) as a function of the rows used (`rows` may
 * repeat, as in a bootstrap; omitted = all rows). NaN when either class has no weight. Rows with a
 * non-finite score or a weight ≤ 0 (or not finite) are ignored; label 1 is positive, anything else negative.
 */
export function weightedAucStatistic(labels: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number>): RowStatistic {
  const n = labels.length;
  const finite: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(scores[i]!)) finite.push(scores[i]!);
  const sorted = Float64Array.from(finite).sort();
  const distinct: number[] = [];
  for (const v of sorted) if (distinct.length === 0 || v > distinct[distinct.length - 1]!) distinct.push(v);
  const levels = Float64Array.from(distinct);
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = Number.isFinite(scores[i]!) ? lowerBound(levels, scores[i]!) : -1;
  const posW = new Float64Array(levels.length);
  const negW = new Float64Array(levels.length);
  return (rows) => {
    posW.fill(0);
    negW.fill(0);
    const m = rows ? rows.length : n;
    for (let k = 0; k < m; k++) {
      const i = rows ? rows[k]! : k;
      const w = weights[i]!;
      const r = rank[i]!;
      if (r < 0 || !(w > 0) || !Number.isFinite(w)) continue;
      if (labels[i] === 1) posW[r]! += w;
      else negW[r]! += w;
    }
    let below = 0; // negative weight strictly below the current level
    let num = 0;
    let totalPos = 0;
    for (let r = 0; r < levels.length; r++) {
      num += posW[r]! * (below + 0.5 * negW[r]!);
      below += negW[r]!;
      totalPos += posW[r]!;
    }
    return totalPos > 0 && below > 0 ? num / (totalPos * below) : NaN;
  };
}

export function weightedAuc(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  weights: ArrayLike<number>,
  rows?: ArrayLike<number>,
): number {
  return weightedAucStatistic(labels, scores, weights)(rows);
}
