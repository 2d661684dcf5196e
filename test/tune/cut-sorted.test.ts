// Calibration's cut-offs sort a (weights, rows) pair's composites once for both the Youden and the cost
// rule: the *Sorted forms on sortComposites must give exactly what youdenCut and costCut give.
import { describe, expect, it } from 'vitest';
import { bestCut, bestCutSorted, costCut, costCutSorted, sortComposites, youdenCut, youdenCutSorted } from '../../pipeline/decision/thresholds.js';
import { createRng } from '../../pipeline/stats/random.js';

describe('cuts on sorted composites', () => {
  it('equal the cuts on the rows: ties, one class, no rows', () => {
    const rng = createRng(5);
    const cases: Array<[number[], number[]]> = [[[], []], [[3, 4, 5], [1, 1, 1]], [[3, 4, 5], [0, 0, 0]]];
    for (const n of [10, 500, 4000]) {
      const label = Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0));
      cases.push([label.map((l) => Math.round(rng() * 60 + 15 * (1 - l))), label]);
      cases.push([label.map((l) => rng() * 100 - 10 * l), label]);
    }
    for (const [c, l] of cases) {
      const s = sortComposites(c, l);
      expect(youdenCutSorted(s)).toEqual(youdenCut(c, l));
      expect(costCutSorted(s, 5)).toEqual(costCut(c, l, 5));
      expect(bestCutSorted(s, (tp, fp) => tp - 2 * fp)).toEqual(bestCut(c, l, (tp, fp) => tp - 2 * fp));
    }
    expect(() => sortComposites([1, NaN], [0, 1])).toThrow('bestCut: composite 2 is NaN');
  });
});
