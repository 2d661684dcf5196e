// Choosing the shrinkage strength λ from walk-forward CV losses with the one-standard-error rule:
// the largest λ (closest to the current weights) whose mean out-of-time loss is within one SE of the
// best. The SE is taken over per-fold *differences* to the best λ: quarters differ a lot in base rate,
// and that shared level shift would otherwise swamp the SE and always pick the largest λ.
import type { LambdaPoint } from './types.js';

export const DEFAULT_LAMBDA_GRID = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
export const LAMBDA_RULE = 'one-standard-error (paired over folds), largest λ within one SE of the best';

function meanSe(values: readonly number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, se: 0 };
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, se: Math.sqrt(ss / (n - 1) / n) };
}

/**
 * `losses[f][l]` = out-of-time log loss of fold f with grid[l]. Needs ≥ 2 folds; grid ascending.
 * Returns the curve and the index of the chosen λ.
 */
export function oneStandardErrorRule(losses: readonly number[][], grid: readonly number[]): { index: number; curve: LambdaPoint[] } | null {
  if (losses.length < 2 || grid.length === 0) return null;
  const columns = grid.map((_, l) => losses.map((row) => row[l]!));
  const stats = columns.map(meanSe);
  let best = 0;
  stats.forEach((s, l) => {
    if (s.mean < stats[best]!.mean) best = l;
  });
  const curve = grid.map((lambda, l) => {
    const diffs = columns[l]!.map((v, f) => v - columns[best]![f]!);
    return { lambda, mean: stats[l]!.mean, se: stats[l]!.se, se_vs_best: meanSe(diffs).se };
  });
  let index = best;
  for (let l = best + 1; l < grid.length; l++) {
    const p = curve[l]!;
    if (p.mean - curve[best]!.mean <= p.se_vs_best) index = l;
  }
  return { index, curve };
}
