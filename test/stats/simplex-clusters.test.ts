// A resample's first pass from per-cluster sums (simplex-clusters.ts) is the row pass on its view up to
// the order of the additions, and a fit started from it converges to the same optimum.
import { describe, expect, it } from 'vitest';
import { groupRows } from '../../pipeline/stats/bootstrap.js';
import { clusterSums, resamplePass } from '../../pipeline/stats/simplex-clusters.js';
import { fitPrepared, startTheta } from '../../pipeline/stats/simplex-fit.js';
import { pass, prepare, subset } from '../../pipeline/stats/simplex-objective.js';
import { createRng, randInt } from '../../pipeline/stats/random.js';

/**
 * 80 clusters of 1–15 rows, k dimensions (a few missing), labels from a logistic model of a weighted
 * composite (so the optimum is interior), and one resample's draw counts per cluster.
 */
function problem(seed: number, k: number) {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  const cluster: number[] = [];
  const truth = Array.from({ length: k }, (_, j) => (k - j) / ((k * (k + 1)) / 2));
  for (let c = 0; c < 80; c++) {
    const size = 1 + randInt(rng, 15);
    for (let r = 0; r < size; r++) {
      const row = Array.from({ length: k }, () => (rng() < 0.05 ? NaN : rng() * 100));
      if (row.every(Number.isNaN)) row[0] = 50;
      let num = 0;
      let S = 0;
      row.forEach((v, j) => {
        if (!Number.isNaN(v)) {
          num += truth[j]! * v;
          S += truth[j]!;
        }
      });
      X.push(row);
      y.push(rng() < 1 / (1 + Math.exp(-(2 - (5 * num) / S / 100))) ? 1 : 0);
      cluster.push(c);
    }
  }
  const groups = groupRows(cluster);
  const counts = new Int32Array(80);
  for (let j = 0; j < 80; j++) counts[randInt(rng, 80)]! += 1;
  const idx: number[] = [];
  const mult: number[] = [];
  let total = 0;
  for (let c = 0; c < 80; c++) {
    for (let r = groups.start[c]!; r < groups.start[c + 1]!; r++) {
      if (counts[c] === 0) continue;
      idx.push(groups.rows[r]!);
      mult.push(counts[c]!);
      total += counts[c]!;
    }
  }
  const data = prepare(X, y, k);
  return { data, groups, counts, view: subset(data, idx, mult), total };
}

describe('resamplePass', () => {
  for (const k of [3, 4]) {
    it(`equals the row pass of the resample's view (k = ${k}) to rounding`, () => {
      const { data, groups, counts, view, total } = problem(k, k);
      const theta = [...Array.from({ length: k }, (_, j) => (j + 1) / ((k * (k + 1)) / 2)), 0.8, 2.1];
      const got = resamplePass(clusterSums(data, theta, groups), counts, total);
      const want = pass(view, theta);
      expect(Math.abs(got.loss - want.loss)).toBeLessThan(1e-12 * Math.abs(want.loss));
      want.g.forEach((v, u) => expect(Math.abs(got.g[u]! - v)).toBeLessThan(1e-14));
      want.h.forEach((v, u) => expect(Math.abs(got.h[u]! - v)).toBeLessThan(1e-14));
    });

    it(`gives a warm-started fit the optimum of the fit that makes its own first pass (k = ${k})`, () => {
      const { data, groups, counts, view, total } = problem(10 + k, k);
      const w0 = Array.from({ length: k }, () => 1 / k);
      const start = { w: w0.map((v, j) => v + (j === 0 ? 0.1 : -0.1 / (k - 1))), a: 1, b: 2 };
      const first = resamplePass(clusterSums(data, startTheta(start), groups), counts, total);
      const own = fitPrepared(view, { w0, lambda: 0.01, start });
      const fromSums = fitPrepared(view, { w0, lambda: 0.01, start, first });
      expect(own.converged && fromSums.converged).toBe(true);
      own.w.forEach((v, j) => expect(Math.abs(fromSums.w[j]! - v)).toBeLessThan(1e-9));
      expect(Math.abs(fromSums.a - own.a)).toBeLessThan(1e-9);
      expect(Math.abs(fromSums.b - own.b)).toBeLessThan(1e-9);
    });
  }
});
