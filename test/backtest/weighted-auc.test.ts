// Weighted Mann–Whitney AUC against the plain AUC and against row duplication.
import { describe, expect, it } from 'vitest';
import { weightedAuc } from '../../pipeline/backtest/weighted-auc.js';
import { auc, createRng } from '../../pipeline/stats/index.js';

function sample(n: number, seed: number): { y: Float64Array; s: Float64Array } {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng() < 0.3 ? 1 : 0;
    s[i] = Math.round(100 * rng() + 20 * y[i]!) / 2; // coarse, so there are ties
  }
  return { y, s };
}

describe('weightedAuc', () => {
  it('equals the plain AUC with equal weights (ties included)', () => {
    const { y, s } = sample(500, 3);
    expect(weightedAuc(y, s, new Float64Array(500).fill(7))).toBeCloseTo(auc(y, s), 12);
    expect(weightedAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], [1, 1, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it('integer weights act like repeated rows', () => {
    const { y, s } = sample(200, 5);
    const w = Float64Array.from(s, (_, i) => 1 + (i % 4));
    const yy: number[] = [];
    const ss: number[] = [];
    for (let i = 0; i < y.length; i++) for (let k = 0; k < w[i]!; k++) {
      yy.push(y[i]!);
      ss.push(s[i]!);
    }
    expect(weightedAuc(y, s, w)).toBeCloseTo(auc(yy, ss), 12);
  });

  it('restricts to bootstrap rows and is NaN without both classes', () => {
    const { y, s } = sample(100, 9);
    const rows = Int32Array.from([0, 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89]);
    const w = new Float64Array(100).fill(1);
    expect(weightedAuc(y, s, w, rows)).toBeCloseTo(auc(y, s, rows), 12);
    expect(weightedAuc([1, 1], [1, 2], [1, 1])).toBeNaN();
  });
});
