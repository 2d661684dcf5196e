import { describe, expect, it } from 'vitest';
import {
  brier,
  brierSkill,
  calibrationInterceptSlope,
  fitLogistic1D,
  hosmerLemeshow,
  logLoss,
  plattFit,
  quantileGroups,
  reliabilityBins,
} from '../../pipeline/stats/index.js';
import { createRng } from '../../pipeline/stats/random.js';
import { expectClose, loadGolden } from './helpers.js';

interface HL {
  statistic: number;
  df: number;
  p: number;
  bins: { n: number; events: number; meanPredicted: number }[];
}
interface CalRef {
  y: number[];
  probs: number[];
  score: number[];
  brier: number;
  brierSkill: number;
  logLoss: number;
  calibrationSlope: number;
  calibrationIntercept: number;
  platt: { a: number; b: number };
  plainLogistic: { a: number; b: number };
  hosmerLemeshow10: HL;
  hosmerLemeshow5: HL;
}
const ref = loadGolden<{ calibration: CalRef }>('reference-values.json').calibration;

describe('scores of probabilistic predictions', () => {
  it('match scikit-learn brier_score_loss and log_loss examples', () => {
    expectClose(brier([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.4]), 0.055, 1e-15);
    expectClose(logLoss([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65]), 0.21616187468057912, 1e-15);
  });

  it('match numpy on a larger sample', () => {
    expectClose(brier(ref.y, ref.probs), ref.brier, 1e-14);
    expectClose(brierSkill(ref.y, ref.probs), ref.brierSkill, 1e-13);
    expectClose(logLoss(ref.y, ref.probs), ref.logLoss, 1e-14);
  });

  it('brier skill is 0 for the base rate and NaN with one class; log loss clips at 1e-15', () => {
    expectClose(brierSkill([0, 1, 0, 0], [0.25, 0.25, 0.25, 0.25]), 0, 1e-15);
    expect(brierSkill([1, 1], [0.5, 0.7])).toBeNaN();
    expectClose(logLoss([1], [0]), -Math.log(1e-15), 1e-12);
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true);
  });
});

describe('logistic fits', () => {
  it('fitLogistic1D matches scipy BFGS maximum likelihood', () => {
    const fit = fitLogistic1D(ref.score, ref.y);
    expect(fit.converged).toBe(true);
    expectClose(fit.intercept, ref.plainLogistic.a, 1e-7, 1e-7);
    expectClose(fit.slope, ref.plainLogistic.b, 1e-9, 1e-7);
  });

  it('plattFit uses Platt targets and predicts through the fitted map', () => {
    const m = plattFit(ref.score, ref.y);
    expectClose(m.a, ref.platt.a, 1e-7, 1e-7);
    expectClose(m.b, ref.platt.b, 1e-9, 1e-7);
    expectClose(m.predict(40), 1 / (1 + Math.exp(-(m.a + m.b * 40))), 1e-15);
    const hard = plattFit(ref.score, ref.y, { smoothTargets: false });
    expectClose(hard.a, ref.plainLogistic.a, 1e-7, 1e-7);
  });

  it('stays finite and reports non-convergence under perfect separation', () => {
    const fit = fitLogistic1D([1, 2, 3, 4], [0, 0, 1, 1], { maxIter: 30 });
    expect(fit.converged).toBe(false);
    expect(Number.isFinite(fit.slope)).toBe(true);
    const platt = plattFit([1, 2, 3, 4], [0, 0, 1, 1]);
    expect(platt.converged).toBe(true); // smoothed targets remove the separation
  });

  it('calibration intercept and slope match scipy', () => {
    const r = calibrationInterceptSlope(ref.y, ref.probs);
    expect(r.converged).toBe(true);
    expectClose(r.slope, ref.calibrationSlope, 1e-7, 1e-7);
    expectClose(r.intercept, ref.calibrationIntercept, 1e-7, 1e-7);
  });

  it('perfectly calibrated probabilities give intercept ≈ 0 and slope ≈ 1', () => {
    const rng = createRng(17);
    const n = 20000;
    const p = Array.from({ length: n }, () => 0.05 + 0.9 * rng());
    const y = p.map((q) => (rng() < q ? 1 : 0));
    const r = calibrationInterceptSlope(y, p);
    expect(Math.abs(r.intercept)).toBeLessThan(0.05);
    expect(Math.abs(r.slope - 1)).toBeLessThan(0.1);
  });
});

describe('binning', () => {
  it('quantileGroups keeps ties together and merges duplicate cut points', () => {
    const { groupOf, count } = quantileGroups([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], 5);
    // type-7 quintile cuts are 1, 1, 1.4, 3.2: the two cuts at the minimum collapse into the first group
    expect(count).toBe(3);
    expect(Array.from(groupOf)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 2, 2]);
  });

  it('reliabilityBins match R-style quantile groups with Jeffreys intervals', () => {
    const bins = reliabilityBins(ref.y, ref.probs, 10);
    expect(bins.length).toBe(ref.hosmerLemeshow10.bins.length);
    bins.forEach((b, i) => {
      const r = ref.hosmerLemeshow10.bins[i]!;
      expect(b.bin).toBe(i);
      expect(b.n).toBe(r.n);
      expect(b.events).toBe(r.events);
      expectClose(b.meanPredicted, r.meanPredicted, 1e-13);
      expectClose(b.observedRate, r.events / r.n, 1e-15);
      expect(b.lo).toBeLessThanOrEqual(b.observedRate);
      expect(b.hi).toBeGreaterThanOrEqual(b.observedRate);
    });
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(ref.y.length);
  });
});

describe('hosmerLemeshow', () => {
  it('matches ResourceSelection::hoslem.test logic (numpy port) for g = 10 and g = 5', () => {
    for (const [g, r] of [[10, ref.hosmerLemeshow10], [5, ref.hosmerLemeshow5]] as const) {
      const hl = hosmerLemeshow(ref.y, ref.probs, g);
      expectClose(hl.statistic, r.statistic, 1e-10, 1e-12);
      expect(hl.df).toBe(r.df);
      expectClose(hl.p, r.p, 1e-12, 1e-9);
    }
  });

  it('is small for well-calibrated predictions', () => {
    const rng = createRng(4);
    const p = Array.from({ length: 5000 }, () => rng());
    const y = p.map((q) => (rng() < q ? 1 : 0));
    expect(hosmerLemeshow(y, p).p).toBeGreaterThan(0.001);
  });
});
