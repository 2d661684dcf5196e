// Walk-forward folds: no leakage across the purge boundary, disjoint train/test, expanding windows,
// and an inner λ choice that cannot see anything at or after its fold's boundary.
import { describe, expect, it } from 'vitest';
import { addDays, quarterOf, walkForwardFolds } from '../../pipeline/tune/folds.js';
import { oneStandardErrorRule } from '../../pipeline/tune/lambda.js';
import { prepareFitData } from '../../pipeline/tune/fit.js';
import { walkForward } from '../../pipeline/tune/walk-forward.js';
import { panel, poolFor } from './synthetic.js';

const H = 90;
const G = 14;

describe('walkForwardFolds', () => {
  const p = panel(5, 40, 30, [0.6, 0.3, 0.1]);
  const folds = walkForwardFolds(p.asOf, p.y, { horizonDays: H, graceDays: G, minTrainClass: 20 });

  it('never trains on a row whose outcome is unknown at the test start (T + H + G ≤ test start)', () => {
    expect(folds.length).toBeGreaterThan(4);
    for (const f of folds) {
      const latest = f.train.map((i) => addDays(p.asOf[i]!, H + G)).sort().pop()!;
      expect(latest <= f.testStart).toBe(true);
      expect(f.train.every((i) => p.asOf[i]! <= f.purgeBoundary)).toBe(true);
      expect(addDays(f.purgeBoundary, H + G)).toBe(f.testStart);
    }
  });

  it('keeps train and test disjoint, one quarter per test fold, expanding windows', () => {
    expect(folds.length).toBeGreaterThan(4);
    let prevTrain = 0;
    for (const f of folds) {
      const testKeys = new Set(f.test.map((i) => `${p.partners[i]}|${p.asOf[i]}`));
      expect(f.train.some((i) => testKeys.has(`${p.partners[i]}|${p.asOf[i]}`))).toBe(false);
      expect(new Set(f.test.map((i) => quarterOf(p.asOf[i]!)))).toEqual(new Set([f.quarter]));
      expect(f.train.length).toBeGreaterThanOrEqual(prevTrain);
      prevTrain = f.train.length;
    }
  });

  it('stays disjoint even with H + G = 0', () => {
    const unpurged = walkForwardFolds(p.asOf, p.y, { horizonDays: 0, graceDays: 0, minTrainClass: 1 });
    expect(unpurged.length).toBeGreaterThanOrEqual(folds.length);
    for (const f of unpurged) {
      expect(f.train.every((i) => p.asOf[i]! < f.testStart)).toBe(true);
    }
  });
});

describe('walkForward: nested λ choice', () => {
  it('a fold ignores every label after its purge boundary (λ, weights and predictions unchanged)', async () => {
    const p = panel(9, 40, 30, [0.7, 0.2, 0.1]);
    const input = { data: prepareFitData(p.X, p.y), asOf: p.asOf, w0: p.w0, grid: [0, 0.01, 0.1, 1], folds: { horizonDays: H, graceDays: G, minTrainClass: 20 } };
    const base = await walkForward(input, poolFor(input.data, p));
    const scored = base.folds.filter((f) => f.fit !== null);
    expect(scored.length).toBeGreaterThanOrEqual(2);
    for (const target of scored) {
      // Flip every label the fold must not see.
      const y = p.y.map((v, i) => (p.asOf[i]! > target.fold.purgeBoundary ? 1 - v : v));
      const data = prepareFitData(p.X, y);
      const again = (await walkForward({ ...input, data }, poolFor(data, p))).folds.find((f) => f.fold.fold === target.fold.fold)!;
      expect(again.lambda).toBe(target.lambda);
      expect(again.fit).toEqual(target.fit);
    }
  });

  it('pools one prediction per test row of each scored fold', async () => {
    const p = panel(10, 30, 27, [0.5, 0.5]);
    const data = prepareFitData(p.X, p.y);
    const wf = await walkForward({ data, asOf: p.asOf, w0: p.w0, grid: [0, 0.1], folds: { horizonDays: H, graceDays: G, minTrainClass: 10 } }, poolFor(data, p));
    const expected = wf.folds.filter((f) => f.fit).reduce((s, f) => s + f.fold.test.length, 0);
    expect(expected).toBeGreaterThan(0);
    expect(wf.oot.length).toBe(expected);
    expect(new Set(wf.oot.map((r) => r.row)).size).toBe(expected);
  });
});

describe('oneStandardErrorRule', () => {
  it('takes the largest λ within one paired SE of the best', () => {
    // Fold losses: λ index 1 is best; index 2 is worse by 0.0004 with a paired SE of ~0.00056; index 3 clearly worse.
    const losses = [
      [0.60, 0.590, 0.5915, 0.62],
      [0.50, 0.490, 0.4900, 0.52],
      [0.70, 0.690, 0.6897, 0.73],
    ];
    const r = oneStandardErrorRule(losses, [0, 0.01, 0.1, 1])!;
    expect(r.index).toBe(2);
    expect(r.curve[1]!.se_vs_best).toBe(0);
    expect(oneStandardErrorRule([[0.5, 0.6]], [0, 1])).toBeNull();
  });
});
