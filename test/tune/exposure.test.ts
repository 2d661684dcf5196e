// Exposure-aware calibration on planted data where performance brings more deals (true weights
// 0.6 / 0.3 / 0.1): the partner-month label makes performance look like risk; due-deal rows do not.
import { describe, expect, it } from 'vitest';
import { auc } from '../../pipeline/stats/index.js';
import { fitRows, foldOnPopulation } from '../../pipeline/tune/exposure.js';
import { fitWeights, prepareFitData } from '../../pipeline/tune/fit.js';
import { openFitPool } from '../../pipeline/tune/fit-pool.js';
import { groupRows } from '../../pipeline/stats/index.js';
import { weightBootstrap } from '../../pipeline/tune/uncertainty.js';
import { PLANTED_WEIGHTS, plantedDataset, plantedPanel } from './planted.js';

const data = plantedDataset(plantedPanel(7, 300, 24));
const l1 = (w: number[]): number => w.reduce((s, v, i) => s + Math.abs(v - PLANTED_WEIGHTS[i]!), 0);

describe('exposure-aware (due-deal) fit on planted data', () => {
  const month = fitRows(data, 'partner_month');
  const deal = fitRows(data, 'deal');
  const fit = (r: typeof month) => fitWeights(prepareFitData(r.X, r.y), data.w0, 0, r.y.map((_, i) => i));

  it('one row per due deal, labelled by its own miss; partner-month rows keep the any-miss label', () => {
    expect(month.y.length).toBe(data.population.length);
    expect(deal.y.length).toBe(data.rows.reduce((s, r) => s + r.due_deals!, 0));
    expect(deal.y.reduce((s, v) => s + v, 0)).toBe(data.rows.reduce((s, r) => s + r.missed_deals!, 0));
    expect(month.y.reduce((s, v) => s + v, 0)).toBe(data.rows.filter((r) => r.missed_deals! > 0).length);
  });

  it('reproduces the problem: on partner-months performance alone ranks backwards and gets weight 0', () => {
    expect(auc(month.y, month.X.map((x) => 100 - x[2]!))).toBeLessThan(0.45);
    expect(fit(month).w[2]).toBeLessThan(0.01);
  });

  it('the due-deal fit recovers the planted weights better, performance included', () => {
    const wm = fit(month).w;
    const wd = fit(deal).w;
    expect(l1(wd)).toBeLessThan(l1(wm) * 0.7);
    expect(wd[2]).toBeGreaterThan(0.03);
    expect(wd[0]).toBeGreaterThan(wd[1]!);
    expect(wd[1]).toBeGreaterThan(wd[2]!);
  });

  it("performance's bootstrap interval is no longer [0, 0]", async () => {
    const start = fit(deal);
    const ctx = { data: prepareFitData(deal.X, deal.y), groups: groupRows(deal.partners), w0: data.w0 };
    const pool = openFitPool(ctx, 1);
    const b = await weightBootstrap(pool, { clusters: ctx.groups.start.length - 1, lambda: 0, B: 40, seed: 3, start });
    await pool.close();
    expect(b.ci[2]![1]).toBeGreaterThan(0.05);
    expect(b.ci[2]![0]).toBeLessThan(PLANTED_WEIGHTS[2]!);
  });

  it('maps a fold over deal rows back to distinct partner-months', () => {
    const f = foldOnPopulation({ fold: 1, quarter: 'Q1 2022', testStart: '', testEnd: '', purgeBoundary: '', train: [0, 1, 2, 3], test: [4, 5] }, [0, 0, 1, 1, 2, 2]);
    expect([f.train, f.test]).toEqual([[0, 1], [2]]);
    // positions out of order (not as fitRows makes them): still distinct and ascending
    const g = foldOnPopulation({ fold: 1, quarter: 'Q1 2022', testStart: '', testEnd: '', purgeBoundary: '', train: [0, 1, 2, 3], test: [3, 4] }, [2, 0, 2, 1, 1]);
    expect([g.train, g.test]).toEqual([[0, 1, 2], [1]]);
  });
});
