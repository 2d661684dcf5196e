// The typed-array solver with row multiplicities, the per-fold warm starts and the threaded bootstrap
// must reproduce what the previous solver (copies of the picked rows, one cold start per fold, one
// thread) found on the same panels: test/golden/tune/solver-before.json was recorded with it.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { aucGainBootstrap, weightBootstrap } from '../../pipeline/tune/uncertainty.js';
import { fitWeights, prepareFitData } from '../../pipeline/tune/fit.js';
import { DEFAULT_LAMBDA_GRID } from '../../pipeline/tune/lambda.js';
import { walkForward } from '../../pipeline/tune/walk-forward.js';
import { groupRows } from '../../pipeline/stats/index.js';
import { gridOptimum } from '../../pipeline/tune/grid.js';
import { once } from '../helpers/fixtures.js';
import { panel, poolFor } from './synthetic.js';

interface Before {
  panel: { seed: number; partners: number; months: number; trueW: number[] };
  lambda: number;
  folds: { lambda: number | null; w: number[] | null; a: number | null; b: number | null }[];
  fit: { w: number[]; a: number; b: number; objective: number };
  weight_ci: [number, number][];
  delta_auc_ci: [number, number];
}
const before = JSON.parse(readFileSync(new URL('../golden/tune/solver-before.json', import.meta.url), 'utf8')) as { cases: Before[] };

const close = (got: readonly number[], want: readonly number[], tol: number): void => {
  expect(got.length).toBe(want.length);
  got.forEach((v, j) => expect(Math.abs(v - want[j]!)).toBeLessThanOrEqual(tol));
};

describe.each(before.cases)('same optima as the previous solver (panel seed $panel.seed)', (c) => {
  const p = panel(c.panel.seed, c.panel.partners, c.panel.months, c.panel.trueW);
  const data = prepareFitData(p.X, p.y);
  const all = p.X.map((_, i) => i);

  const folds = { horizonDays: 90, graceDays: 14, minTrainClass: 20 };
  // The one-thread walk-forward and final fit, made once for the tests that read them (each is a pure
  // function of the panel; the 2-thread runs below are compared with them).
  const oneThreadWf = once(() => walkForward({ data, asOf: p.asOf, w0: p.w0, grid: DEFAULT_LAMBDA_GRID, folds }, poolFor(data, p)));
  const finalFit = once(async () => fitWeights(data, p.w0, c.lambda, all));
  // One 2-thread pool for the case's tests (each worker thread started from source takes ~0.3 CPU s);
  // a pool keeps no state between runs, so reusing it must change nothing, which these tests check too.
  let twoThreads: ReturnType<typeof poolFor> | undefined;
  const pool2 = (): ReturnType<typeof poolFor> => (twoThreads ??= poolFor(data, p, 2));
  afterAll(async () => {
    await twoThreads?.close();
  });

  it('walk-forward: the same λ per fold and the same fold weights, a and b (1e-6), with 1 and 2 threads', async () => {
    const wf = await oneThreadWf();
    expect(await walkForward({ data, asOf: p.asOf, w0: p.w0, grid: DEFAULT_LAMBDA_GRID, folds }, pool2())).toEqual(wf);
    expect(wf.chosenLambda).toBe(c.lambda);
    expect(wf.folds.map((f) => f.lambda)).toEqual(c.folds.map((f) => f.lambda));
    wf.folds.forEach((f, i) => {
      const want = c.folds[i]!;
      if (want.w === null) return expect(f.fit).toBeNull();
      close(f.fit!.w, want.w, 1e-6);
      close([f.fit!.a, f.fit!.b], [want.a!, want.b!], 1e-6);
    });
  });

  it('final fit: the same weights, a, b and objective (1e-6)', async () => {
    const fit = await finalFit();
    close(fit.w, c.fit.w, 1e-6);
    close([fit.a, fit.b], [c.fit.a, c.fit.b], 1e-6);
    expect(Math.abs(fit.objective - c.fit.objective)).toBeLessThan(1e-12);
  });

  it('bootstrap weight CIs: the same as before, and identical with 1 and 2 threads', async () => {
    const fit = await finalFit();
    const input = { clusters: groupRows(p.partners).start.length - 1, lambda: c.lambda, B: 30, seed: 5, start: { w: fit.w, a: fit.a, b: fit.b } };
    const one = await weightBootstrap(poolFor(data, p), input);
    expect(await weightBootstrap(pool2(), input)).toEqual(one);
    // The grid's AUC blocks, too, come back in grid order whichever thread computed them.
    const k = c.panel.trueW.length;
    expect(await gridOptimum(pool2(), all, k)).toEqual(await gridOptimum(poolFor(data, p), all, k));
    expect(one.resamples).toBe(30);
    one.ci.forEach((ci, j) => close(ci, c.weight_ci[j]!, 1e-6));
    // As calibration.json reports them (4 dp): unchanged by the solver's stop when Newton stalls at rounding noise.
    const dp4 = (v: number): number => Math.round(v * 1e4) / 1e4;
    expect(one.ci.map((ci) => ci.map(dp4))).toEqual(c.weight_ci.map((ci) => ci.map(dp4)));
  }, 30_000);

  it('AUC-gain CI from ranked scores: exactly as before', async () => {
    const wf = await oneThreadWf();
    const gain = aucGainBootstrap(wf.oot.map((r) => r.label), wf.oot.map((r) => r.riskCurrent), wf.oot.map((r) => r.riskProposed), wf.oot.map((r) => p.partners[r.row]!), 30, 5);
    close(gain.ci!, c.delta_auc_ci, 1e-9);
  });
});

describe('row multiplicities', () => {
  it('a row counted m times fits exactly like m copies of it', () => {
    const p = panel(3, 40, 12, [0.5, 0.5, 0]);
    const data = prepareFitData(p.X, p.y);
    const rows = [0, 5, 5, 5, 9, 9, ...Array.from({ length: 300 }, (_, i) => i + 20)];
    const copies = fitWeights(data, p.w0, 0.01, rows);
    const weighted = fitWeights(data, p.w0, 0.01, [0, 5, 9, ...rows.slice(6)], undefined, [1, 3, 2, ...rows.slice(6).map(() => 1)]);
    close(weighted.w, copies.w, 1e-9);
    close([weighted.a, weighted.b, weighted.objective], [copies.a, copies.b, copies.objective], 1e-9);
  });
});
