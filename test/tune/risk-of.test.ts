// riskOf (stats risksOf) has its own loop for three dimensions (risks3): it must be 100 − simplexComposite to the bit, missing
// dimensions and zero weights (the plain-mean fallback) included.
import { describe, expect, it } from 'vitest';
import { simplexComposite } from '../../pipeline/stats/index.js';
import { prepareFitData, riskOf } from '../../pipeline/tune/fit.js';
import { createRng } from '../../pipeline/stats/random.js';

describe('riskOf', () => {
  it('equals 100 − simplexComposite exactly for 3 dimensions (and for 4, the generic loop)', () => {
    const rng = createRng(11);
    for (const k of [3, 4]) {
      const X = Array.from({ length: 3000 }, (_, i) => {
        const row = Array.from({ length: k }, () => rng() * 100);
        if (i % 3 === 0) row[i % k] = NaN;
        if (i % 7 === 0) row[(i + 1) % k] = NaN;
        return row;
      });
      const data = prepareFitData(X, X.map((_, i) => i % 2));
      const rows = Array.from({ length: 5000 }, () => Math.floor(rng() * X.length));
      for (const w of [Array.from({ length: k }, () => 1 / k), [0.7, 0.3, ...new Array<number>(k - 2).fill(0)], [0, 0, ...new Array<number>(k - 2).fill(0)].map((v, j) => (j === k - 1 ? 1 : v))]) {
        const risk = riskOf(data, w, rows);
        expect(rows.every((i, t) => Object.is(risk[t], 100 - simplexComposite(data, w, i)))).toBe(true);
      }
    }
  });
});
