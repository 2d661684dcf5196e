import { describe, expect, it } from 'vitest';
import { auc, clusterBootstrap, clusterDraws, drawCounts, groupRows, ksStatistic, prAuc, rankScores, resampleRows } from '../../pipeline/stats/index.js';
import { createRng, randInt, randNormal } from '../../pipeline/stats/random.js';
import { expectClose, loadAsah, loadGolden } from './helpers.js';

interface Discrimination {
  y: number[];
  s1: number[];
  s2: number[];
  s3: number[];
}
const ref = loadGolden<{ discrimination: Discrimination }>('reference-values.json').discrimination;

describe('rankScores', () => {
  it('agrees with auc / ksStatistic / prAuc on all rows', () => {
    for (const s of [ref.s1, ref.s2, ref.s3]) {
      const r = rankScores(ref.y, s);
      expectClose(r.auc(), auc(ref.y, s), 1e-14);
      expectClose(r.ks(), ksStatistic(ref.y, s), 1e-14);
      expectClose(r.prAuc(), prAuc(ref.y, s), 1e-14);
    }
    const d = loadAsah();
    expectClose(rankScores(d.outcome, d.s100b).auc(), 0.7313686, 1e-6);
  });

  it('agrees on random row multisets (bootstrap resamples)', () => {
    const rng = createRng(12);
    const r = rankScores(ref.y, ref.s2);
    for (let t = 0; t < 50; t++) {
      const rows = Int32Array.from({ length: ref.y.length }, () => randInt(rng, ref.y.length));
      expectClose(r.auc(rows), auc(ref.y, ref.s2, rows), 1e-14);
      expectClose(r.ks(rows), ksStatistic(ref.y, ref.s2, rows), 1e-14);
      expectClose(r.prAuc(rows), prAuc(ref.y, ref.s2, rows), 1e-14);
    }
    expect(r.auc([0, 0])).toBeNaN();
  });

  it('counts a resample given as multiplicities exactly like its rows repeated, to the bit', () => {
    // Partners of 1–9 rows; each resample once as clusterBootstrap's repeated rows, once as resampleRows.
    const rng = createRng(3);
    const clusters = ref.y.map(() => randInt(rng, 40));
    const groups = groupRows(clusters);
    const C = groups.start.length - 1;
    const r = rankScores(ref.y, ref.s1);
    const repeated = clusterBootstrap({ clusters, B: 30, seed: 'm', statistic: (rows) => r.auc(rows) }).samples;
    const draws = clusterDraws(C, 'm');
    const counted = repeated.map(() => {
      const { rows, mult } = resampleRows(groups, drawCounts(draws.next(), C));
      return r.auc(rows, mult);
    });
    expect(counted).toEqual(repeated);
    expect(r.auc([0, 1], [0, 0])).toBeNaN();
  });

  it('makes a 200-resample partner bootstrap of AUC on 100k rows centred on the full-data AUC', () => {
    const rng = createRng(5);
    const n = 100_000;
    const clusters = new Int32Array(n);
    const y = new Uint8Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      clusters[i] = Math.floor(i / 50);
      y[i] = rng() < 0.08 ? 1 : 0;
      s[i] = Math.round(randNormal(rng, 50 - 8 * y[i]!, 15)); // composite-like, heavy ties
    }
    const r = rankScores(y, s);
    const res = clusterBootstrap({ clusters, B: 200, seed: 1, statistic: (rows) => r.auc(rows) });
    expect(res.samples.length).toBe(200);
    // The resampled AUCs centre on the full-data AUC, and all stay below 0.5: positives score 8 points lower.
    const sorted = [...res.samples].sort((p, q) => p - q);
    expect(Math.abs(sorted[100]! - auc(y, s))).toBeLessThan(0.01);
    expect(sorted[199]!).toBeLessThan(0.5);
  });
});
