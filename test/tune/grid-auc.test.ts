// The grid's bucketed AUC must be auc() (through aucOrNull) to the bit: ties inside and across buckets,
// buckets crowded enough to be sorted rather than compared pairwise, and the inputs it hands to auc().
import { describe, expect, it } from 'vitest';
import { gridAuc } from '../../pipeline/tune/grid-auc.js';
import { aucOrNull } from '../../pipeline/tune/metrics.js';
import { createRng, randInt } from '../../pipeline/stats/random.js';

describe('gridAuc', () => {
  it('equals aucOrNull exactly, ties included, and is null for one class', () => {
    const rng = createRng(9);
    for (let r = 0; r < 5; r++) {
      const y = Array.from({ length: 5000 }, () => (rng() < 0.35 ? 1 : 0));
      const risk = Float64Array.from(y, (v) => (r % 2 ? Math.round(rng() * 40 + 10 * v) : 100 - rng() * 60 - 8 * v));
      expect(gridAuc(y, risk)).toBe(aucOrNull(y, risk));
    }
    expect(gridAuc([1, 1], [3, 4])).toBeNull();
    expect(gridAuc([0, 0], [3, 4])).toBeNull();
  });

  it('equals aucOrNull exactly on clustered values (crowded buckets), ±0, negatives and a lone outlier', () => {
    const rng = createRng(4);
    for (const n of [2, 3, 40, 3000, 20_000]) {
      const y = Array.from({ length: n }, (_, i) => (i < 2 ? i : rng() < 0.4 ? 1 : 0));
      // Most values within 1e-9 of 50 and one at 1e6: nearly all share a bucket; some repeat exactly.
      const risk = Float64Array.from(y, (v, i) => (i === 0 ? 1e6 : i % 7 === 0 ? 50 : i % 13 === 0 ? (i % 2 ? 0 : -0) : 50 + (rng() - 0.5 + 0.1 * v) * 1e-9 * randInt(rng, 3)));
      expect(gridAuc(y, risk)).toBe(aucOrNull(y, risk));
      const spread = Float64Array.from(risk, (r, i) => (i % 3 ? r - 60 : -r));
      expect(gridAuc(y, spread)).toBe(aucOrNull(y, spread));
    }
  });

  it('hands one value, infinities, NaN and a subnormal spread to auc()', () => {
    const y = [1, 0, 1, 0];
    for (const risk of [[5, 5, 5, 5], [Infinity, 1, 2, -Infinity], [1, 2, 3, 4].map((v) => v * Number.MAX_VALUE)]) {
      expect(gridAuc(y, risk)).toBe(aucOrNull(y, risk));
    }
    // A subnormal spread: (n − 1)/(hi − lo) overflows to Infinity, and (lo − lo)·Infinity is NaN.
    for (const risk of [[5e-324, 0, 0, 5e-324, 0], [1e-310, 0, 2e-310, 0, 1e-310]]) {
      const y5 = [1, 0, 1, 0, 0];
      expect(gridAuc(y5, risk)).toBe(aucOrNull(y5, risk));
      expect(gridAuc(y5, risk)).toBeGreaterThan(0.5);
    }
    expect(() => aucOrNull(y, [1, NaN, 2, 3])).toThrow('score at row 1 is NaN');
    expect(() => gridAuc(y, [1, NaN, 2, 3])).toThrow('score at row 1 is NaN');
  });
});
