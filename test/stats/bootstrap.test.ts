import { describe, expect, it } from 'vitest';
import { auc, bootstrapCI, bootstrapCIs, clusterBootstrap } from '../../pipeline/stats/index.js';
import { createRng, randNormal } from '../../pipeline/stats/random.js';

function dataset(partners: number, monthsEach: number, seed: number) {
  const rng = createRng(seed);
  const clusters: string[] = [];
  const y: number[] = [];
  const s: number[] = [];
  for (let p = 0; p < partners; p++) {
    const risky = rng() < 0.3 ? 1 : 0;
    for (let m = 0; m < monthsEach; m++) {
      clusters.push(`P${p}`);
      y.push(rng() < (risky ? 0.4 : 0.05) ? 1 : 0);
      s.push(randNormal(rng, risky, 1));
    }
  }
  return { clusters, y, s };
}

describe('clusterBootstrap', () => {
  const d = dataset(60, 12, 2);

  it('resamples whole clusters: every resample has n_clusters blocks of full cluster size', () => {
    const seen: Int32Array[] = [];
    clusterBootstrap({ clusters: d.clusters, B: 20, seed: 1, statistic: (rows) => (seen.push(rows.slice()), 0) });
    expect(seen).toHaveLength(20);
    for (const rows of seen) {
      expect(rows.length).toBe(60 * 12);
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(d.clusters[r]!, (counts.get(d.clusters[r]!) ?? 0) + 1);
      expect([...counts.values()].filter((c) => c % 12 !== 0)).toEqual([]); // drawn k times → k·12 rows
      // rows of a drawn cluster are contiguous and complete (one expect per resample, not per row)
      const broken: number[] = [];
      for (let i = 0; i < rows.length; i += 12) {
        const id = d.clusters[rows[i]!];
        for (let j = 1; j < 12; j++) if (d.clusters[rows[i + j]!] !== id) broken.push(i + j);
      }
      expect(broken).toEqual([]);
    }
  });

  it('handles unequal cluster sizes and numeric ids', () => {
    const clusters = [7, 7, 7, 3, 9, 9];
    const res = clusterBootstrap({ clusters, B: 50, seed: 'x', statistic: (rows) => rows.length });
    for (const len of res.samples) expect(len).toBeGreaterThanOrEqual(3);
    expect(res.clusterCount).toBe(3);
    expect(new Set(res.samples).size).toBeGreaterThan(1);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const stat = (rows: Int32Array) => auc(d.y, d.s, rows);
    const a = clusterBootstrap({ clusters: d.clusters, B: 50, seed: 42, statistic: stat });
    const b = clusterBootstrap({ clusters: d.clusters, B: 50, seed: 42, statistic: stat });
    const c = clusterBootstrap({ clusters: d.clusters, B: 50, seed: 43, statistic: stat });
    expect(a.samples).toEqual(b.samples);
    expect(a.samples).not.toEqual(c.samples);
  });

  it('skips and counts NaN statistics (resamples without positives)', () => {
    const clusters = ['a', 'b', 'c', 'd'];
    const y = [1, 0, 0, 0];
    const s = [0.9, 0.1, 0.2, 0.3];
    const res = clusterBootstrap({ clusters, B: 200, seed: 5, statistic: (rows) => auc(y, s, rows) });
    expect(res.skipped).toBeGreaterThan(0);
    expect(res.samples.length + res.skipped).toBe(200);
    expect(res.attempted).toBe(200);
    for (const v of res.samples) expect(v).toBe(1);
  });

  it('supports vector statistics and per-component intervals', () => {
    const res = clusterBootstrap({
      clusters: d.clusters,
      B: 100,
      seed: 3,
      statistic: (rows) => [auc(d.y, d.s, rows), rows.length],
    });
    expect(res.samples.length).toBe(100);
    const [aucCI, lenCI] = bootstrapCIs(res.samples, 0.9);
    const point = auc(d.y, d.s);
    expect(aucCI![0]).toBeLessThan(point);
    expect(aucCI![1]).toBeGreaterThan(point);
    expect(lenCI).toEqual([720, 720]);
    const [lo, hi] = bootstrapCI(res.samples.map((v) => v[0]!), 0.9);
    expect(lo).toBe(aucCI![0]);
    expect(hi).toBe(aucCI![1]);
  });
});
