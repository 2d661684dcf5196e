// Population Stability Index of a score distribution against a baseline.
import { lowerBound, quantileSorted, sameLength } from './util.js';

export type PsiLabel = 'stable' | 'shift' | 'major';

/**
 * PSI = Σ (actual − expected)·ln(actual / expected) over bins. Zero proportions are floored at `eps`
 * so an empty bin gives a large but finite contribution instead of Infinity.
 */
export function psi(expectedProportions: ArrayLike<number>, actualProportions: ArrayLike<number>, eps = 1e-4): number {
  const n = sameLength(expectedProportions, actualProportions);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.max(expectedProportions[i]!, eps);
    const a = Math.max(actualProportions[i]!, eps);
    s += (a - e) * Math.log(a / e);
  }
  return s;
}

/** Conventional reading: < 0.10 stable, 0.10–0.25 shift, > 0.25 major. */
export function psiLabel(value: number): PsiLabel {
  if (value < 0.1) return 'stable';
  if (value <= 0.25) return 'shift';
  return 'major';
}

export interface PsiBins {
  /** Interior cut points (from baseline quantiles, duplicates merged); bins are right-closed. */
  edges: number[];
  expected: number[];
  actual: number[];
  psi: number;
}

/**
 * Bins both samples by the baseline's quantiles (deciles by default). Discrete scores can make cut
 * points coincide; those are merged, so there may be fewer than nBins bins.
 */
export function psiBins(baseline: ArrayLike<number>, current: ArrayLike<number>, nBins = 10, eps = 1e-4): PsiBins {
  if (baseline.length === 0 || current.length === 0) throw new Error('psiBins needs non-empty samples');
  const sorted = Float64Array.from(baseline).sort();
  const edges: number[] = [];
  for (let b = 1; b < nBins; b++) {
    const e = quantileSorted(sorted, b / nBins);
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  const cuts = Float64Array.from(edges);
  const share = (xs: ArrayLike<number>): number[] => {
    const counts = new Array<number>(cuts.length + 1).fill(0);
    for (let i = 0; i < xs.length; i++) counts[lowerBound(cuts, xs[i]!)]! += 1;
    return counts.map((c) => c / xs.length);
  };
  const expected = share(baseline);
  const actual = share(current);
  return { edges, expected, actual, psi: psi(expected, actual, eps) };
}

/** PSI of `current` scores vs `baseline` scores, binned by baseline deciles. */
export function psiFromScores(baseline: ArrayLike<number>, current: ArrayLike<number>, nBins = 10): number {
  return psiBins(baseline, current, nBins).psi;
}
