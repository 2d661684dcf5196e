import { describe, expect, it } from 'vitest';
import { jeffreysInterval, percentileInterval } from '../../pipeline/stats/index.js';
import { expectClose, loadGolden } from './helpers.js';

interface JeffreysRef {
  k: number;
  n: number;
  level: number;
  lo: number;
  hi: number;
}
const ref = loadGolden<{ jeffreys: JeffreysRef[] }>('reference-values.json').jeffreys;

describe('jeffreysInterval', () => {
  it('matches scipy beta.ppf(Beta(k+½, n−k+½)) with the boundary conventions', () => {
    for (const r of ref) {
      const [lo, hi] = jeffreysInterval(r.k, r.n, r.level);
      expectClose(lo, r.lo, 1e-11, 1e-9);
      expectClose(hi, r.hi, 1e-11, 1e-9);
    }
  });

  it('pins lo = 0 at k = 0 and hi = 1 at k = n, and contains the point estimate', () => {
    expect(jeffreysInterval(0, 25)[0]).toBe(0);
    expect(jeffreysInterval(25, 25)[1]).toBe(1);
    const [lo, hi] = jeffreysInterval(7, 40);
    expect(lo).toBeLessThan(7 / 40);
    expect(hi).toBeGreaterThan(7 / 40);
  });

  it('rejects impossible counts', () => {
    expect(() => jeffreysInterval(5, 4)).toThrow();
    expect(() => jeffreysInterval(1, 4, 1.5)).toThrow();
  });
});

describe('percentileInterval', () => {
  it('uses linear interpolation like numpy.percentile and ignores order and NaN', () => {
    const xs = [5, 1, 4, 2, 3, NaN, 10, 7, 6, 9, 8];
    // numpy.percentile(range(1, 11), [2.5, 97.5]) = [1.225, 9.775]
    const [lo, hi] = percentileInterval(xs, 0.95);
    expectClose(lo, 1.225, 1e-12);
    expectClose(hi, 9.775, 1e-12);
    const [lo80, hi80] = percentileInterval(Float64Array.from([3, 1, 2]), 0.8);
    expectClose(lo80, 1.2, 1e-12);
    expectClose(hi80, 2.8, 1e-12);
  });

  it('gives NaN for no usable samples', () => {
    const [lo, hi] = percentileInterval([NaN], 0.9);
    expect(lo).toBeNaN();
    expect(hi).toBeNaN();
  });
});
