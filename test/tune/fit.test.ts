// The weight fit against a scipy reference optimum, and its invariants on many random problems.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitWeights, prepareFitData, riskOf } from '../../pipeline/tune/fit.js';
import { roundWeights } from '../../pipeline/tune/model-out.js';
import { createRng, randInt } from '../../pipeline/stats/random.js';
import { panel } from './synthetic.js';

interface GoldenCase {
  name: string;
  lambda: number;
  w0: number[];
  rows: number[];
  X: (number | null)[][];
  y: number[];
  optimum: { w: number[]; a: number; b: number; objective: number };
}
const golden = JSON.parse(readFileSync(new URL('../golden/tune/weight-fit.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };

describe('fitWeights: reference optimum (scipy SLSQP, test/golden/tune)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const X = c.X.map((r) => r.map((v) => (v === null ? NaN : v)));
      const fit = fitWeights(prepareFitData(X, c.y), c.w0, c.lambda, c.rows);
      expect(fit.converged).toBe(true);
      fit.w.forEach((w, j) => expect(Math.abs(w - c.optimum.w[j]!)).toBeLessThan(2e-4));
      expect(Math.abs(fit.a - c.optimum.a)).toBeLessThan(5e-3);
      expect(Math.abs(fit.b - c.optimum.b)).toBeLessThan(5e-3);
      // Never worse than the reference (up to rounding).
      expect(fit.objective).toBeLessThanOrEqual(c.optimum.objective + 1e-9);
    });
  }
});

describe('fitWeights: properties', () => {
  it('weights are non-negative and sum to 1 (1e-9) on many random problems, and repeat exactly', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rng = createRng(`prop-${seed}`);
      const k = 2 + randInt(rng, 5);
      const trueW = Array.from({ length: k }, () => rng() ** 2);
      const s = trueW.reduce((a, b) => a + b, 0);
      const p = panel(seed, 8 + randInt(rng, 20), 6, trueW.map((v) => v / s), 0.2);
      const lambda = [0, 0.001, 0.01, 0.3][randInt(rng, 4)]!;
      const rows = p.X.map((_, i) => i).filter(() => rng() < 0.8);
      const fit = fitWeights(prepareFitData(p.X, p.y), p.w0, lambda, rows);
      for (const w of fit.w) expect(w).toBeGreaterThanOrEqual(0);
      expect(Math.abs(fit.w.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-9);
      expect(fit.b).toBeGreaterThan(0);
      expect(fitWeights(prepareFitData(p.X, p.y), p.w0, lambda, rows)).toEqual(fit);
      const r = roundWeights(fit.w);
      for (const w of r) expect(w).toBeGreaterThanOrEqual(0);
      expect(Math.abs(r.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-9);
      r.forEach((w, j) => expect(Math.abs(w - fit.w[j]!)).toBeLessThanOrEqual(1e-4 + 1e-12));
    }
  });

  it('renormalises missing dimensions like scoring', () => {
    const risk = riskOf(prepareFitData([[80, NaN, 20], [NaN, NaN, 50]], [0, 1]), [0.5, 0.3, 0.2], [0, 1]);
    expect(risk[0]).toBeCloseTo(100 - (0.5 * 80 + 0.2 * 20) / 0.7, 12);
    expect(risk[1]).toBeCloseTo(50, 12);
  });

  it('roundWeights keeps exact unit sums for awkward inputs', () => {
    expect(roundWeights([1 / 3, 1 / 3, 1 / 3])).toEqual([0.3334, 0.3333, 0.3333]);
    expect(roundWeights([0, 0, 1])).toEqual([0, 0, 1]);
    expect(roundWeights([0.123456, 0.876544])).toEqual([0.1235, 0.8765]);
  });
});
