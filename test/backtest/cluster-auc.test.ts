// The draw-count AUC must be bit-identical to the row-list AUC of the same resample (backtest.json bytes).
import { describe, expect, it } from 'vitest';
import { clusterAucStatistic } from '../../pipeline/backtest/cluster-auc.js';
import { clusterIds, partnerBootstrap, perResample } from '../../pipeline/backtest/resample.js';
import { weightedAuc } from '../../pipeline/backtest/weighted-auc.js';
import { clusterDraws, createRng, groupRows } from '../../pipeline/stats/index.js';

function sample(n: number, seed: number): { y: Float64Array; s: Float64Array; partner: Int32Array } {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  const s = new Float64Array(n);
  const partner = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    partner[i] = Math.floor(i / 7) * 3 + 5; // ids need not be dense: clusterIds numbers them
    y[i] = rng() < 0.3 ? 1 : 0;
    s[i] = i % 11 === 0 ? NaN : Math.round(100 * rng() + 20 * y[i]!) / 4 + 0.1; // ties, and ignored NaNs
  }
  return { y, s, partner };
}

/** A resample's draw count per partner and its row list (partners in draw order, rows in row order). */
function resample(drawn: Int32Array, clusters: number, start: Int32Array, rows: Int32Array): { counts: Int32Array; idx: number[] } {
  const counts = new Int32Array(clusters);
  const idx: number[] = [];
  for (const c of drawn) {
    counts[c]! += 1;
    for (let r = start[c]!; r < start[c + 1]!; r++) idx.push(rows[r]!);
  }
  return { counts, idx };
}

describe('clusterAucStatistic', () => {
  it('equals the row-list AUC of every resample exactly, ties included', () => {
    const { y, s, partner } = sample(700, 4);
    const ids = clusterIds(partner);
    const stat = clusterAucStatistic(y, s, ids.ofRow, ids.count);
    const ones = new Float64Array(y.length).fill(1);
    expect(stat.all()).toBe(weightedAuc(y, s, ones));
    const { start, rows } = groupRows(partner);
    const draws = clusterDraws(ids.count, 9);
    for (let b = 0; b < 30; b++) {
      const { counts, idx } = resample(draws.next(), ids.count, start, rows);
      expect(stat.byCluster(counts)).toBe(weightedAuc(y, s, ones, idx));
    }
  });

  it('with amounts: equals the row-list weighted AUC exactly for whole amounts, to rounding for cents', () => {
    const { y, s, partner } = sample(700, 5);
    const rng = createRng(12);
    const whole = Float64Array.from(y, (_, i) => (i % 13 === 0 ? 0 : 100 * Math.round(1 + 500 * rng()))); // zero amounts are ignored
    const cents = Float64Array.from(whole, (v) => v + Math.round(100 * rng()) / 100);
    const ids = clusterIds(partner);
    const { start, rows } = groupRows(partner);
    for (const [amounts, exact] of [[whole, true], [cents, false]] as const) {
      const stat = clusterAucStatistic(y, s, ids.ofRow, ids.count, amounts);
      const draws = clusterDraws(ids.count, 10);
      for (let b = 0; b < 20; b++) {
        const { counts, idx } = resample(draws.next(), ids.count, start, rows);
        const want = weightedAuc(y, s, amounts, idx);
        if (exact) expect(stat.byCluster(counts)).toBe(want);
        else expect(stat.byCluster(counts)).toBeCloseTo(want, 12);
      }
    }
  });

  it('is NaN without both classes', () => {
    const stat = clusterAucStatistic([1, 1, 0], [0.2, 0.5, 0.1], Int32Array.from([0, 0, 1]), 2);
    expect(stat.byCluster(Int32Array.from([2, 0]))).toBeNaN();
    expect(stat.byCluster(Int32Array.from([1, 1]))).toBe(1);
  });
});

describe('partnerBootstrap', () => {
  it('gives draw-count and row-list statistics the same intervals', () => {
    const { y, s, partner } = sample(700, 8);
    const ids = clusterIds(partner);
    const ones = new Float64Array(y.length).fill(1);
    const byCount = perResample(clusterAucStatistic(y, s, ids.ofRow, ids.count).byCluster);
    const r = partnerBootstrap(partner, { counts: byCount, rows: (rows) => weightedAuc(y, s, ones, rows) }, 50, 3, 0.9);
    expect(r.cis.counts).not.toBeNull();
    expect(r.cis.counts).toEqual(r.cis.rows);
    expect(r.usable).toBe(50);
    expect(r.clusters).toBe(100);
  });
});
