// walkForward hands its Platt mappings and the final fit to the pool and reuses an earlier fold's
// losses where an inner fold holds that fold's whole test quarter. Checked here against the direct
// computation it replaced (every fold's inner losses recomputed, Platt and the final fit outside the pool),
// to the bit. The pool's tasks run the same code in a worker (calibrate.test.ts compares 1 and 2 threads).
import { describe, expect, it } from 'vitest';
import { logLoss } from '../../pipeline/stats/index.js';
import { fittedProbabilities, fitWeights, pick, plattProbabilities, prepareFitData, riskOf, type FitData, type FittedWeights } from '../../pipeline/tune/fit.js';
import { oneStandardErrorRule } from '../../pipeline/tune/lambda.js';
import { walkForward, walkForwardPlan, type WalkForwardInput } from '../../pipeline/tune/walk-forward.js';
import { panel, poolFor } from './synthetic.js';

const loss = (fit: FittedWeights, data: FitData, y: number[], rows: number[]): number => logLoss(pick(y, rows), fittedProbabilities(fit, riskOf(data, fit.w, rows)));

describe('walkForward in the pool', () => {
  const p = panel(17, 40, 27, [0.6, 0.3, 0.1]);
  const data = prepareFitData(p.X, p.y);
  const input: WalkForwardInput = { data, asOf: p.asOf, w0: p.w0, grid: [0, 0.01, 0.1], folds: { horizonDays: 60, graceDays: 14, minTrainClass: 10 } };
  // H + G = 74 days: a month-end fold's purge boundary falls inside the quarter before the previous one.

  it('plans the inner folds from dates alone: whole earlier quarters, and the one the purge cuts', () => {
    const plan = walkForwardPlan(p.asOf, p.y, input.folds);
    expect(plan.folds.length).toBeGreaterThan(4);
    const inner = plan.inner.flat();
    expect(inner.some((r) => r.whole)).toBe(true);
    expect(inner.some((r) => !r.whole)).toBe(true);
    for (const r of inner) expect(r.whole).toBe(r.rows.length === plan.folds[r.q]!.test.length);
    expect(plan.scored).toEqual(plan.inner.map((list) => list.length >= 2));
  });

  it('equals the direct computation to the bit', async () => {
    const pool = poolFor(data, p);
    const wf = await walkForward(input, pool).finally(() => pool.close());
    const y = p.y;
    const plan = walkForwardPlan(p.asOf, y, input.folds);
    const fits = plan.folds.map((f) => {
      const path: FittedWeights[] = [];
      for (const lambda of input.grid) path.push(fitWeights(data, p.w0, lambda, f.train, path[path.length - 1]));
      return path;
    });
    const outer = oneStandardErrorRule(plan.folds.map((f, fi) => fits[fi]!.map((fit) => loss(fit, data, y, f.test))), input.grid)!;
    expect(wf.curve).toEqual(outer.curve);
    expect(wf.chosenLambda).toBe(input.grid[outer.index]);
    expect(wf.final).toEqual(fitWeights(data, p.w0, input.grid[outer.index]!, y.map((_, i) => i)));
    const scored = wf.folds.filter((f) => f.fit !== null);
    expect(scored.length).toBeGreaterThanOrEqual(2);
    plan.folds.forEach((f, fi) => {
      const inner: number[][] = [];
      for (let q = 0; q < fi; q++) {
        const rows = plan.folds[q]!.test.filter((i) => p.asOf[i]! <= f.purgeBoundary && p.asOf[i]! < f.testStart);
        if (rows.length > 0) inner.push(fits[q]!.map((fit) => loss(fit, data, y, rows)));
      }
      const choice = oneStandardErrorRule(inner, input.grid);
      expect(wf.folds[fi]!.fit).toEqual(choice ? fits[fi]![choice.index]! : null);
    });
    let at = 0;
    for (const o of scored) {
      const { train, test } = o.fold;
      const pCur = plattProbabilities(riskOf(data, p.w0, train), pick(y, train), riskOf(data, p.w0, test));
      const pProp = plattProbabilities(riskOf(data, o.fit!.w, train), pick(y, train), riskOf(data, o.fit!.w, test));
      const riskProp = riskOf(data, o.fit!.w, test);
      test.forEach((row, t) => {
        const r = wf.oot[at++]!;
        expect([r.row, r.fold, r.label]).toEqual([row, o.fold.fold, y[row]]);
        expect(Object.is(r.pCurrent, pCur[t]) && Object.is(r.pProposed, pProp[t]) && Object.is(r.riskProposed, riskProp[t])).toBe(true);
      });
    }
    expect(at).toBe(wf.oot.length);
  });
});
