// createRng steps seedrandom's ARC4 state itself: it must give seedrandom's own doubles to the bit.
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createRng } from '../../pipeline/stats/random.js';

describe('createRng', () => {
  it("gives seedrandom's doubles for numeric, string and odd seeds", () => {
    for (const seed of [0, 1, 42, 20240101, -3.5, 1e21, Number.NaN, '', 'x', '1:deal', 'é中😀', 'a'.repeat(300)]) {
      const ref = seedrandom(String(seed));
      const rng = createRng(seed);
      const mine = Array.from({ length: 20_000 }, () => rng());
      const theirs = Array.from({ length: 20_000 }, () => ref.double());
      expect(mine, String(seed)).toEqual(theirs);
    }
  });
});
