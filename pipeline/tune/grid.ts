// Second opinion on the weights: the simplex grid point with the best AUC of risk = 100 − composite.
// In-sample on the whole population, so it shows where ranking alone points, not an out-of-time gain.
import { simplexGrid } from '../stats/index.js';
import { aucOrNull } from './metrics.js';
import { riskOf, type FitData } from './fit.js';

/** Coarser steps for more dimensions keep the grid to a few thousand points (C(1/step + k − 1, k − 1)). */
export function gridStep(k: number): number {
  if (k <= 4) return 0.05;
  if (k <= 6) return 0.1;
  return 0.25;
}

export interface GridResult {
  step: number;
  points: number;
  w: number[];
  auc: number;
}

export function gridOptimum(data: FitData, y: number[], rows: number[], k: number): GridResult | null {
  const step = gridStep(k);
  const grid = simplexGrid(k, step);
  const yr = rows.map((i) => y[i]!);
  let best: GridResult | null = null;
  for (const w of grid) {
    const a = aucOrNull(yr, riskOf(data, w, rows));
    // Strict '>' keeps the first maximum in grid order, so ties resolve deterministically.
    if (a !== null && (best === null || a > best.auc)) best = { step, points: grid.length, w, auc: a };
  }
  return best;
}
