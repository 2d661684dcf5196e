// Second opinion on the weights: the simplex grid point with the best AUC of risk = 100 − composite.
// In-sample on the whole population, so it shows where ranking alone points, not an out-of-time gain.
import { simplexGrid } from '../stats/index.js';
import { runJobs, type FitPool, type PoolJob } from './fit-pool.js';
import type { FitTask } from './fit-tasks.js';

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

/**
 * Grid points per pool task: enough to amortise a message (each carries the rows), few enough that the
 * last block does not leave the other threads idle.
 */
const GRID_BLOCK = 32;

/** The grid's AUCs as a pool job: blocks of grid points, the best point (first maximum in grid order). */
export function gridJob(rows: number[], k: number): PoolJob<GridResult | null> {
  const step = gridStep(k);
  const grid = simplexGrid(k, step);
  const tasks: FitTask[] = [];
  for (let i = 0; i < grid.length; i += GRID_BLOCK) tasks.push({ kind: 'auc', weights: grid.slice(i, i + GRID_BLOCK), rows });
  return {
    tasks,
    finish(results) {
      const aucs = (results as (number | null)[][]).flat();
      let best: GridResult | null = null;
      grid.forEach((w, i) => {
        const a = aucs[i]!;
        // Strict '>' keeps the first maximum in grid order, so ties resolve deterministically.
        if (a !== null && (best === null || a > best.auc)) best = { step, points: grid.length, w, auc: a };
      });
      return best;
    },
  };
}

export async function gridOptimum(pool: FitPool, rows: number[], k: number): Promise<GridResult | null> {
  const [result] = await runJobs(pool, [gridJob(rows, k)]);
  return result;
}
