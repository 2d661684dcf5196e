import { describe, expect, it } from 'vitest';
import { psi, psiBins, psiFromScores, psiLabel } from '../../pipeline/stats/index.js';
import { createRng, randNormal } from '../../pipeline/stats/random.js';
import { expectClose } from './helpers.js';

describe('psi', () => {
  it('matches the reference value', () => {
    expectClose(psi([0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]), 0.2282174, 1e-7);
  });

  it('is 0 for identical distributions, symmetric, and finite with empty bins', () => {
    expect(psi([0.2, 0.8], [0.2, 0.8])).toBe(0);
    expectClose(psi([0.1, 0.9], [0.3, 0.7]), psi([0.3, 0.7], [0.1, 0.9]), 1e-15);
    // floored at eps = 1e-4: (0.5 − 1e-4)·ln(0.5/1e-4) + 0
    expectClose(psi([0, 0.5, 0.5], [0.5, 0, 0.5]), 2 * (0.5 - 1e-4) * Math.log(0.5 / 1e-4), 1e-12);
  });

  it('labels by the conventional thresholds', () => {
    expect(psiLabel(0.05)).toBe('stable');
    expect(psiLabel(0.1)).toBe('shift');
    expect(psiLabel(0.25)).toBe('shift');
    expect(psiLabel(0.2500001)).toBe('major');
  });
});

describe('psiFromScores', () => {
  const rng = createRng(8);
  const baseline = Array.from({ length: 5000 }, () => randNormal(rng, 60, 12));

  it('bins by baseline deciles: baseline shares are ~10% each', () => {
    const b = psiBins(baseline, baseline);
    expect(b.edges.length).toBe(9);
    for (const e of b.expected) expectClose(e, 0.1, 1e-3);
    expect(b.psi).toBe(0);
    expect(psiFromScores(baseline, baseline)).toBe(0);
  });

  it('grows with the size of a shift', () => {
    const small = psiFromScores(baseline, baseline.map((x) => x + 1));
    const large = psiFromScores(baseline, baseline.map((x) => x + 10));
    expect(small).toBeLessThan(0.1);
    expect(large).toBeGreaterThan(0.25);
  });

  it('merges coinciding cut points of discrete scores', () => {
    const disc = [10, 10, 10, 10, 10, 10, 20, 30, 40, 50];
    const b = psiBins(disc, [10, 50], 10);
    expect(b.expected.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(new Set(b.edges).size).toBe(b.edges.length);
    expect(b.expected[0]).toBeCloseTo(0.6, 12);
  });
});
