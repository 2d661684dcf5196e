// The grid's radix-sorted AUC must be auc() to the bit, and its sort Float64Array.prototype.sort's order.
import { describe, expect, it } from 'vitest';
import { gridAuc, radixSortFloat64 } from '../../pipeline/tune/grid-auc.js';
import { aucOrNull } from '../../pipeline/tune/metrics.js';
import { createRng, randInt } from '../../pipeline/stats/random.js';

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

describe('radixSortFloat64', () => {
  it('sorts like Float64Array.prototype.sort: negatives, ±0, ties, subnormals, infinities', () => {
    const rng = createRng(3);
    const special = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];
    for (const n of [0, 1, 2, 17, 1000, 70_000]) {
      const a = Float64Array.from({ length: n }, (_, i) =>
        i % 11 === 0 ? special[randInt(rng, special.length)]! : i % 5 === 0 ? Math.round(rng() * 20) : (rng() - 0.3) * 10 ** randInt(rng, 6));
      expect(bits(radixSortFloat64(a.slice()))).toBe(bits(a.slice().sort()));
    }
  });
});

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
});
