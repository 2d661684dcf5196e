// The draw-count AUC must be bit-identical to the row-list AUC of the same resample (backtest.json bytes).
import { describe, expect, it } from 'vitest';
import { clusterAucStatistic } from '../../pipeline/backtest/cluster-auc.js';
import { clusterIds, difference, partnerBootstrap, perResample, type CountStatistic } from '../../pipeline/backtest/resample.js';
import { bandRateStatistic } from '../../pipeline/backtest/bands.js';
import type { Population } from '../../pipeline/backtest/data.js';
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

  it('reads all resamples at once bit for bit as one at a time, ties and amounts included', () => {
    const { y, s, partner } = sample(700, 6);
    const rng = createRng(13);
    const amounts = Float64Array.from(y, (_, i) => (i % 13 === 0 ? 0 : Math.round(100 * (1 + 500 * rng())) / 100));
    const ids = clusterIds(partner);
    const B = 25;
    const counts = new Int32Array(ids.count * B);
    const each: Int32Array[] = [];
    const draws = clusterDraws(ids.count, 11);
    for (let b = 0; b < B; b++) {
      const one = new Int32Array(ids.count);
      for (const c of draws.next()) one[c]! += 1;
      one.forEach((k, c) => (counts[c * B + b] = k));
      each.push(one);
    }
    // a resample with one class only: NaN in both forms
    for (let c = 0; c < ids.count; c++) counts[c * B] = c === 0 ? 3 : 0;
    each[0] = Int32Array.from({ length: ids.count }, (_, c) => (c === 0 ? 3 : 0));
    for (const weights of [undefined, amounts]) {
      const stat = clusterAucStatistic(y, s, ids.ofRow, ids.count, weights);
      const all = stat.byResamples!({ B, counts });
      each.forEach((one, b) => expect(all[b]).toBe(stat.byCluster(one)));
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

describe('batched statistics in partnerBootstrap', () => {
  it('give the intervals of the same statistics read one resample at a time, differences and band rates included', () => {
    const { y, s, partner } = sample(700, 9);
    const ids = clusterIds(partner);
    const s2 = Float64Array.from(s, (v, i) => (Number.isNaN(v) ? v : v + (i % 5)));
    const pop = { n: y.length, label: y, band: Int8Array.from(y, (_, i) => (i % 3) - (i % 17 === 0 ? 3 : 0)) } as unknown as Population;
    const build = (batched: boolean): Record<string, CountStatistic> => {
      const strip = (st: CountStatistic): CountStatistic => (batched ? st : { byCluster: (m) => st.byCluster(m) });
      const a = perResample(strip(clusterAucStatistic(y, s, ids.ofRow, ids.count)));
      const b = perResample(strip(clusterAucStatistic(y, s2, ids.ofRow, ids.count)));
      expect(a.byResamples !== undefined).toBe(batched);
      return { a, b, diff: difference(a, b), red: strip(bandRateStatistic(pop, 2, ids.ofRow, ids.count)) };
    };
    const one = partnerBootstrap(partner, build(false), 60, 4, 0.9);
    const all = partnerBootstrap(partner, build(true), 60, 4, 0.9);
    expect(all).toEqual(one);
    expect(all.cis.diff).not.toBeNull();
    expect(all.cis.red).not.toBeNull();
  });
});
