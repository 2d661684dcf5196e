// Small in-memory problems for the pure tune tests: monthly partner-snapshots with dimension scores
// and labels from a known weighting (no DuckDB needed).
import { createRng, randInt, randNormal } from '../../pipeline/stats/random.js';
import { groupRows } from '../../pipeline/stats/index.js';
import type { FitData } from '../../pipeline/tune/fit.js';
import { openFitPool, type FitPool } from '../../pipeline/tune/fit-pool.js';

export interface Problem {
  X: number[][];
  y: number[];
  asOf: string[];
  partners: string[];
  w0: number[];
}

const monthEnd = (i: number): string => new Date(Date.UTC(2022, i + 1, 0)).toISOString().slice(0, 10);

/** `partners` × `months` rows (sorted by partner, then month), k dims, some missing, label from trueW. */
export function panel(seed: number, partners: number, months: number, trueW: number[], missing = 0.1): Problem {
  const rng = createRng(seed);
  const k = trueW.length;
  const p: Problem = { X: [], y: [], asOf: [], partners: [], w0: new Array<number>(k).fill(1 / k) };
  for (let j = 0; j < partners; j++) {
    const level = Array.from({ length: k }, () => randNormal(rng, 55, 15));
    for (let m = 0; m < months; m++) {
      const row = level.map((l) => Math.min(100, Math.max(0, l + randNormal(rng, 0, 10))));
      const c = row.reduce((s, v, d) => s + v * trueW[d]!, 0);
      p.y.push(rng() < 1 / (1 + Math.exp(-(2.5 - (6 * c) / 100))) ? 1 : 0);
      if (rng() < missing) row[randInt(rng, k)] = NaN;
      p.X.push(row);
      p.asOf.push(monthEnd(m));
      p.partners.push(`P${String(j).padStart(3, '0')}`);
    }
  }
  return p;
}

/** A fit pool over a problem's prepared data (in this thread unless `threads` > 1); close it after use. */
export function poolFor(data: FitData, p: Problem, threads = 1): FitPool {
  return openFitPool({ data, groups: groupRows(p.partners), w0: p.w0 }, threads);
}
