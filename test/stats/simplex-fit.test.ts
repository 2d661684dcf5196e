import { describe, expect, it } from 'vitest';
import {
  auc,
  compositeScores,
  fitSimplexLogistic,
  projectToSimplex,
  simplexGrid,
  simplexLogisticObjective,
} from '../../pipeline/stats/index.js';
import { createRng, randInt, randNormal } from '../../pipeline/stats/random.js';
import { expectClose, loadGolden } from './helpers.js';

interface GoldenCase {
  name: string;
  lambda: number;
  w0: number[];
  X: (number | null)[][];
  y: number[];
  optimum: { w: number[]; a: number; b: number; objective: number };
}
const golden = loadGolden<{ cases: GoldenCase[] }>('simplex-fit.json');
const toX = (rows: (number | null)[][]): number[][] => rows.map((r) => r.map((v) => (v === null ? NaN : v)));

/** Random problem: k dims, some missing values, one dominant dimension. */
function randomProblem(seed: number) {
  const rng = createRng(seed);
  const k = 2 + randInt(rng, 7); // 2..8 dimensions
  const n = 80 + randInt(rng, 300);
  const dominant = randInt(rng, k);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: k }, () => Math.min(100, Math.max(0, randNormal(rng, 55, 20))));
    const c = row[dominant]!;
    y.push(rng() < 1 / (1 + Math.exp(-(2 - (5 * c) / 100))) ? 1 : 0);
    if (k > 1 && rng() < 0.2) row[randInt(rng, k)] = NaN;
    X.push(row);
  }
  const w0 = projectToSimplex(Array.from({ length: k }, () => rng()));
  const lambda = [0, 0.001, 0.05, 1][randInt(rng, 4)]!;
  return { X, y, w0, lambda };
}

describe('fitSimplexLogistic: golden (scipy SLSQP)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const fit = fitSimplexLogistic({ X: toX(c.X), y: c.y, w0: c.w0, lambda: c.lambda });
      expect(fit.converged).toBe(true);
      // Agreement is ~1e-8 today; the tolerances leave room for SLSQP's own stopping error on regeneration.
      fit.w.forEach((w, j) => expectClose(w, c.optimum.w[j]!, 1e-5));
      expectClose(fit.a, c.optimum.a, 1e-4, 1e-5);
      expectClose(fit.b, c.optimum.b, 1e-4, 1e-5);
      expectClose(fit.objective, c.optimum.objective, 0, 1e-9);
      // Our optimum must be at least as good as SLSQP's (up to rounding).
      expect(fit.objective).toBeLessThanOrEqual(c.optimum.objective * (1 + 1e-12));
    });
  }

  it('a zero-weight optimum is exactly on the boundary', () => {
    const c = golden.cases.find((g) => g.name.startsWith('noise dim'))!;
    const fit = fitSimplexLogistic({ X: toX(c.X), y: c.y, w0: c.w0, lambda: c.lambda });
    expect(fit.w[3]).toBe(0);
  });
});

describe('fitSimplexLogistic: properties', () => {
  it('returns weights on the simplex and b ≥ 1e-6 for many random problems, deterministically', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const p = randomProblem(seed);
      const fit = fitSimplexLogistic(p);
      for (const w of fit.w) expect(w).toBeGreaterThanOrEqual(0);
      expectClose(fit.w.reduce((s, v) => s + v, 0), 1, 1e-9);
      expect(fit.b).toBeGreaterThanOrEqual(1e-6);
      expect(Number.isFinite(fit.objective)).toBe(true);
      expect(fitSimplexLogistic(p)).toEqual(fit);
    }
  });

  it('never ends worse than its start and converges unless the optimum leaves rows unweighted', () => {
    for (let seed = 100; seed < 130; seed++) {
      const p = randomProblem(seed);
      const fit = fitSimplexLogistic(p);
      const start = fitSimplexLogistic({ ...p, maxIter: 0 });
      expect(fit.objective).toBeLessThanOrEqual(start.objective + 1e-12);
      // At a vertex where some rows have only zero-weight dimensions the composite jumps, so
      // the solver may stop without a certificate; everywhere else it must converge.
      if (fit.unweightedRows === 0) expect(fit.converged).toBe(true);
    }
  });

  it('ends at a local optimum: small feasible moves of w, a or b never improve the objective', () => {
    for (const seed of [3, 5, 8, 11]) {
      const p = randomProblem(seed);
      const fit = fitSimplexLogistic(p);
      const at = (w: number[], a: number, b: number) => simplexLogisticObjective(p, { w, a, b });
      expectClose(at(fit.w, fit.a, fit.b), fit.objective, 0, 1e-15);
      const h = 1e-4;
      for (let i = 0; i < fit.w.length; i++) {
        for (let j = 0; j < fit.w.length; j++) {
          if (i === j || fit.w[j]! < h) continue;
          const w = fit.w.slice();
          w[i]! += h;
          w[j]! -= h;
          expect(at(w, fit.a, fit.b)).toBeGreaterThanOrEqual(fit.objective - 1e-12);
        }
      }
      for (const [da, db] of [[h, 0], [-h, 0], [0, h], [0, -h]] as const) {
        expect(at(fit.w, fit.a + da, fit.b + db)).toBeGreaterThanOrEqual(fit.objective - 1e-12);
      }
    }
  });

  it('huge λ pins the weights to w0', () => {
    const p = randomProblem(7);
    const fit = fitSimplexLogistic({ ...p, lambda: 1e6 });
    fit.w.forEach((w, j) => expectClose(w, p.w0[j]!, 1e-5));
  });

  it('recovers a dominant dimension with λ = 0 on a large sample', () => {
    const rng = createRng(77);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const row = [randNormal(rng, 50, 20), randNormal(rng, 50, 20), randNormal(rng, 50, 20)];
      const c = 0.8 * row[0]! + 0.2 * row[1]!;
      y.push(rng() < 1 / (1 + Math.exp(-(3 - (6 * c) / 100))) ? 1 : 0);
      X.push(row);
    }
    const fit = fitSimplexLogistic({ X, y, w0: [1 / 3, 1 / 3, 1 / 3], lambda: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.w[0]).toBeGreaterThan(0.65);
    expect(fit.w[2]).toBeLessThan(0.1);
  });

  // Speed is measured by `npm run bench`, not here: a wall-clock bound fails on a loaded machine.
  it('fits 100k rows × 6 dimensions with missing values', () => {
    const rng = createRng(1);
    const trueW = [0.4, 0.2, 0.2, 0.1, 0.1, 0];
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const row = Array.from({ length: 6 }, () => Math.max(0, Math.min(100, randNormal(rng, 60, 20))));
      const c = row.reduce((s, v, j) => s + v * trueW[j]!, 0);
      if (rng() < 0.3) row[randInt(rng, 6)] = NaN;
      y.push(rng() < 1 / (1 + Math.exp(-(1 - (4 * c) / 100))) ? 1 : 0);
      X.push(row);
    }
    const fit = fitSimplexLogistic({ X, y, w0: new Array(6).fill(1 / 6), lambda: 0.001 });
    expect(fit.converged).toBe(true);
    expect(fit.w[0]).toBeGreaterThan(0.3);
  });

  it('rejects rows without any available dimension', () => {
    expect(() => fitSimplexLogistic({ X: [[NaN, NaN], [1, 2]], y: [0, 1], w0: [0.5, 0.5], lambda: 0 })).toThrow();
  });
});

describe('simplex helpers', () => {
  it('projectToSimplex is the Euclidean projection', () => {
    expect(projectToSimplex([0.2, 0.3, 0.5])).toEqual([0.2, 0.3, 0.5]);
    const p = projectToSimplex([2, 0, -1]);
    expect(p).toEqual([1, 0, 0]);
    const q = projectToSimplex([0.5, 0.5, 0.5]);
    q.forEach((v) => expectClose(v, 1 / 3, 1e-15));
    const rng = createRng(2);
    for (let t = 0; t < 200; t++) {
      const v = Array.from({ length: 5 }, () => randNormal(rng, 0, 2));
      const w = projectToSimplex(v);
      expectClose(w.reduce((s, x) => s + x, 0), 1, 1e-12);
      // Optimality: no feasible vertex is closer to v in the direction test ⟨v − w, e_j − w⟩ ≤ 0.
      for (let j = 0; j < 5; j++) {
        let dot = 0;
        for (let i = 0; i < 5; i++) dot += (v[i]! - w[i]!) * ((i === j ? 1 : 0) - w[i]!);
        expect(dot).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('simplexGrid enumerates every grid point once', () => {
    const g = simplexGrid(4, 0.05);
    expect(g.length).toBe(1771); // C(23, 3)
    for (const w of g) expectClose(w.reduce((s, x) => s + x, 0), 1, 1e-12);
    expect(new Set(g.map((w) => w.join(','))).size).toBe(g.length);
    expect(simplexGrid(3, 0.5)).toEqual([[1, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 1, 0], [0, 0.5, 0.5], [0, 0, 1]]);
    expect(() => simplexGrid(3, 0.3)).toThrow();
  });

  it('compositeScores renormalises over available dimensions (grid AUC second opinion)', () => {
    const c = compositeScores([[80, NaN, 40], [NaN, NaN, NaN], [10, 20, 30]], [0.5, 0.25, 0.25]);
    expectClose(c[0]!, (0.5 * 80 + 0.25 * 40) / 0.75, 1e-12);
    expect(c[1]).toBeNaN();
    expectClose(c[2]!, 17.5, 1e-12);
    const gc = golden.cases[0]!;
    const X = toX(gc.X);
    let best = -1;
    for (const w of simplexGrid(4, 0.1)) best = Math.max(best, 1 - auc(gc.y, compositeScores(X, w)));
    expect(best).toBeGreaterThan(0.6);
  });
});

describe('fitSimplexLogistic: warm start', () => {
  it('reaches the same optimum from a nearby start, in fewer iterations', async () => {
    const { createRng, randNormal } = await import('../../pipeline/stats/index.js');
    const rng = createRng(11);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const row = [rng() * 100, rng() * 100, rng() < 0.2 ? NaN : rng() * 100];
      const avail = row.map((v, j) => [v, [0.6, 0.3, 0.1][j]!] as const).filter(([v]) => !Number.isNaN(v));
      const c = avail.reduce((s, [v, w]) => s + v * w, 0) / avail.reduce((s, [, w]) => s + w, 0);
      X.push(row);
      y.push(rng() < 1 / (1 + Math.exp(-(2 - (4 * c) / 100 + randNormal(rng, 0, 0.1)))) ? 1 : 0);
    }
    const w0 = [0.4, 0.3, 0.3];
    const cold = fitSimplexLogistic({ X, y, w0, lambda: 0.01 });
    const half = Math.floor(X.length / 2);
    const sub = { X: X.slice(0, half), y: y.slice(0, half), w0, lambda: 0.01 };
    const subCold = fitSimplexLogistic(sub);
    const subWarm = fitSimplexLogistic({ ...sub, start: { w: cold.w, a: cold.a, b: cold.b } });
    subWarm.w.forEach((w, j) => expect(w).toBeCloseTo(subCold.w[j]!, 6));
    expect(subWarm.objective).toBeCloseTo(subCold.objective, 10);
    expect(subWarm.iterations).toBeLessThanOrEqual(subCold.iterations);
  });
});

describe('fitSimplexLogistic: acceptStep (bootstrap refits)', () => {
  it('takes the last small Newton step unevaluated and lands where the evaluated fit does', () => {
    const rng = createRng(23);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const row = [rng() * 100, rng() * 100, rng() * 100];
      const c = 0.5 * row[0]! + 0.3 * row[1]! + 0.2 * row[2]!;
      X.push(row);
      y.push(rng() < 1 / (1 + Math.exp(-(2 - (4 * c) / 100))) ? 1 : 0);
    }
    const w0 = [0.4, 0.3, 0.3];
    const full = fitSimplexLogistic({ X, y, w0, lambda: 0.01 });
    // Refit most of the rows from the full optimum, as a bootstrap refit does: steps ~4e-2, ~1e-3, ~2e-6.
    const sub = { X: X.slice(0, 3200), y: y.slice(0, 3200), w0, lambda: 0.01, start: { w: full.w, a: full.a, b: full.b } };
    const evaluated = fitSimplexLogistic(sub);
    const accepted = fitSimplexLogistic({ ...sub, acceptStep: 1e-4 });
    expect(evaluated.converged && accepted.converged).toBe(true);
    expect(accepted.w.every((w) => w > 0)).toBe(true);
    accepted.w.forEach((w, j) => expect(Math.abs(w - evaluated.w[j]!)).toBeLessThan(1e-9));
    expect(Math.abs(accepted.a - evaluated.a)).toBeLessThan(1e-9);
    expect(Math.abs(accepted.b - evaluated.b)).toBeLessThan(1e-9);
    // The objective the quadratic model predicts at the returned point is the objective there.
    expect(Math.abs(accepted.objective - simplexLogisticObjective(sub, accepted))).toBeLessThan(1e-14);
    // The third step is the one taken unevaluated: with three iterations allowed, only the fit that
    // accepts it knows it has converged (the other would need a fourth evaluation to tell).
    expect(evaluated.iterations).toBe(3);
    expect(fitSimplexLogistic({ ...sub, maxIter: 3 }).converged).toBe(false);
    expect(fitSimplexLogistic({ ...sub, maxIter: 3, acceptStep: 1e-4 })).toEqual(accepted);
    expect(fitSimplexLogistic({ ...sub, acceptStep: 0 })).toEqual(evaluated);
  });
});
