// The draw-count AUC must be bit-identical to the row-list AUC of the same resample (backtest.json bytes).
import { describe, expect, it } from 'vitest';
import { clusterAucStatistic } from '../../pipeline/backtest/cluster-auc.js';
import { atDraws, clusterIds, difference, partnerBootstrap, perResample } from '../../pipeline/backtest/resample.js';
import { bandRateStatistic } from '../../pipeline/backtest/bands.js';
import type { Population } from '../../pipeline/backtest/data.js';
import { weightedAuc } from '../../pipeline/backtest/weighted-auc.js';
import { finInterval } from '../../pipeline/backtest/util.js';
import { clusterDraws, createRng, groupRows, percentileInterval } from '../../pipeline/stats/index.js';

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
      expect(atDraws(stat, counts)).toBe(weightedAuc(y, s, ones, idx));
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
        if (exact) expect(atDraws(stat, counts)).toBe(want);
        else expect(atDraws(stat, counts)).toBeCloseTo(want, 12);
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
      const all = stat.byResamples({ B, counts });
      each.forEach((one, b) => expect(all[b]).toBe(atDraws(stat, one)));
    }
  });

  it('is NaN without both classes', () => {
    const stat = clusterAucStatistic([1, 1, 0], [0.2, 0.5, 0.1], Int32Array.from([0, 0, 1]), 2);
    expect(atDraws(stat, Int32Array.from([2, 0]))).toBeNaN();
    expect(atDraws(stat, Int32Array.from([1, 1]))).toBe(1);
  });
});

/** The statistic `of` every resample's row list, drawn as partnerBootstrap draws them (clusterDraws, `seed`). */
function rowListValues(partner: Int32Array, B: number, seed: number, of: (rows: number[]) => number): number[] {
  const { start, rows } = groupRows(partner);
  const draws = clusterDraws(start.length - 1, seed);
  return Array.from({ length: B }, () => of(resample(draws.next(), start.length - 1, start, rows).idx));
}

/** The interval partnerBootstrap gives for these resample values (NaN left out, at least half defined). */
function intervalOf(values: number[], level: number): ReturnType<typeof finInterval> {
  const finite = values.filter((v) => !Number.isNaN(v));
  return finite.length >= Math.max(2, values.length / 2) ? finInterval(percentileInterval(finite, level)) : null;
}

describe('partnerBootstrap', () => {
  it('gives the intervals of the statistics computed on each resample\'s row list, differences and band rates included', () => {
    const { y, s, partner } = sample(700, 9);
    const ids = clusterIds(partner);
    const ones = new Float64Array(y.length).fill(1);
    const s2 = Float64Array.from(s, (v, i) => (Number.isNaN(v) ? v : v + (i % 5)));
    const band = Int8Array.from(y, (_, i) => (i % 3) - (i % 17 === 0 ? 3 : 0));
    const pop = { n: y.length, label: y, band } as unknown as Population;
    const a = perResample(clusterAucStatistic(y, s, ids.ofRow, ids.count));
    const b = perResample(clusterAucStatistic(y, s2, ids.ofRow, ids.count));
    const r = partnerBootstrap(partner, { a, b, diff: difference(a, b), red: bandRateStatistic(pop, 2, ids.ofRow, ids.count) }, 60, 4, 0.9);

    const wantA = rowListValues(partner, 60, 4, (rows) => weightedAuc(y, s, ones, rows));
    const wantB = rowListValues(partner, 60, 4, (rows) => weightedAuc(y, s2, ones, rows));
    const wantRed = rowListValues(partner, 60, 4, (rows) => {
      const inBand = rows.filter((i) => band[i] === 2);
      return inBand.length > 0 ? inBand.reduce((k, i) => k + y[i]!, 0) / inBand.length : NaN;
    });
    expect(r.cis.a).not.toBeNull();
    expect(r.cis.a).toEqual(intervalOf(wantA, 0.9));
    expect(r.cis.b).toEqual(intervalOf(wantB, 0.9));
    expect(r.cis.diff).not.toBeNull();
    expect(r.cis.diff).toEqual(intervalOf(wantA.map((v, i) => v - wantB[i]!), 0.9));
    expect(r.cis.red).not.toBeNull();
    expect(r.cis.red).toEqual(intervalOf(wantRed, 0.9));
    expect(r.usable).toBe(60);
    expect(r.clusters).toBe(100);
  });

  it('counts a resample as usable only when every statistic is defined there', () => {
    const { y, s, partner } = sample(700, 8);
    const ids = clusterIds(partner);
    const auc = clusterAucStatistic(y, s, ids.ofRow, ids.count);
    // a statistic undefined in every other resample: kept for the others, and just enough for its interval
    const half = { byResamples: ({ B }: { B: number }) => Float64Array.from({ length: B }, (_, b) => (b % 2 === 0 ? NaN : b)) };
    const r = partnerBootstrap(partner, { auc, half }, 50, 3, 0.9);
    expect(r.usable).toBe(25);
    expect(r.cis.auc).toEqual(partnerBootstrap(partner, { auc }, 50, 3, 0.9).cis.auc);
    expect(r.cis.half).toEqual(intervalOf(Array.from({ length: 50 }, (_, b) => (b % 2 === 0 ? NaN : b)), 0.9));
  });
});
