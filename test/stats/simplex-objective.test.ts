// The k = 3 row pass (simplex-objective3.ts) must be the generic one to the last bit: the fits' optima,
// and so calibration.json, do not depend on which of the two ran.
import { describe, expect, it } from 'vitest';
import { prepare, rowPass, subset } from '../../pipeline/stats/simplex-objective.js';
import { rowPass3 } from '../../pipeline/stats/simplex-objective3.js';
import { createRng, randInt } from '../../pipeline/stats/random.js';

const bits = (v: number[] | Float64Array): string => Buffer.from(Float64Array.from(v).buffer).toString('hex');

/** Rows with every availability pattern (missing values as NaN), labels, and multiplicities 0–3. */
function problem(seed: number) {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 400; i++) {
    const pattern = i % 7 === 6 ? 1 + randInt(rng, 6) : 7; // mostly complete rows, some with gaps
    X.push([0, 1, 2].map((j) => (pattern & (1 << j) ? rng() * 100 : NaN)));
    y.push(rng() < 0.3 ? 1 : 0);
  }
  const rows = Array.from({ length: 400 }, (_, i) => i);
  const mult = rows.map(() => randInt(rng, 4));
  return { data: prepare(X, y, 3), rows, mult };
}

describe('rowPass3 equals the generic row pass bit for bit', () => {
  const thetas = [
    [0.4, 0.3, 0.3, 1.2, 2.5],
    [0.19, 0.77, 0.04, -0.4, 0.7],
    [0, 1, 0, 0.5, 3], // rows with only dimensions 0 or 2 available have no weight: the plain-mean fallback
    [0, 0, 1, 2, 1e-6],
    [0.5, 0.5, 0, -30, 40], // |z| large: both branches of the stable softplus
  ];
  for (const seed of [1, 2, 3]) {
    const { data, rows, mult } = problem(seed);
    for (const view of [data, subset(data, rows, mult)]) {
      it.each(thetas)(`seed ${seed}, ${view === data ? 'all rows' : 'with multiplicities'}: θ = %s, %s, %s, %s, %s`, (...theta) => {
        const want = rowPass(view, theta);
        const got = rowPass3(view, theta);
        expect(bits([got.loss])).toBe(bits([want.loss]));
        expect(bits(got.g)).toBe(bits(want.g));
        expect(bits(got.h)).toBe(bits(want.h));
      });
    }
  }
});
