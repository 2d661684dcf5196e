// The first objective pass of a cluster-bootstrap refit without a pass over its rows. Every refit starts
// from the same point (the full-data optimum), and at a fixed θ a resample's sums are its clusters' own
// sums weighted by their draw counts: one pass over all rows (once per thread), then ~C·m² multiply-adds
// per resample instead of a pass over its rows. On M that first pass was a quarter of the bootstrap's.
// The sums are added in another order than the row pass adds them, so the first Newton step can differ
// in the last bits; the optimum it converges to is the same to the solver's tolerance.
import type { ClusterGroups } from './bootstrap.js';
import { pass, type Data, type RowPass } from './simplex-objective.js';

/** Per-cluster row-pass sums at one θ: loss, gradient and Hessian (flat m × m, upper triangle) of each cluster. */
export interface ClusterSums {
  m: number;
  loss: Float64Array;
  g: Float64Array;
  h: Float64Array;
}

/** Each cluster's un-normalised row-pass sums (every row counted once) at θ. */
export function clusterSums(data: Data, theta: ArrayLike<number>, groups: ClusterGroups): ClusterSums {
  const C = groups.start.length - 1;
  const m = data.k + 2;
  const out: ClusterSums = { m, loss: new Float64Array(C), g: new Float64Array(C * m), h: new Float64Array(C * m * m) };
  for (let c = 0; c < C; c++) {
    const rows = groups.rows.subarray(groups.start[c]!, groups.start[c + 1]!);
    // total = 1: the pass then sums the rows' own terms, unscaled.
    const sums = pass({ ...data, rows, mult: new Float64Array(rows.length).fill(1), total: 1 }, theta);
    out.loss[c] = sums.loss;
    out.g.set(sums.g, c * m);
    out.h.set(sums.h, c * m * m);
  }
  return out;
}

/**
 * The row pass at the sums' θ of the resample drawing cluster c counts[c] times (`total` = its Σ
 * multiplicities): what `pass` returns on that resample's view, up to the order of the additions.
 */
export function resamplePass(sums: ClusterSums, counts: ArrayLike<number>, total: number): RowPass {
  const { m } = sums;
  const mm = m * m;
  let loss = 0;
  const g = new Float64Array(m);
  const h = new Float64Array(mm);
  for (let c = 0; c < counts.length; c++) {
    const n = counts[c]!;
    if (n === 0) continue;
    loss += n * sums.loss[c]!;
    for (let u = 0; u < m; u++) g[u]! += n * sums.g[c * m + u]!;
    for (let u = 0; u < m; u++) for (let v = u; v < m; v++) h[u * m + v]! += n * sums.h[c * mm + u * m + v]!;
  }
  for (let u = 0; u < m; u++) g[u]! /= total;
  for (let u = 0; u < mm; u++) h[u]! /= total;
  return { loss, g, h };
}
