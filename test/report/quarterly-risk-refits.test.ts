// The expected-at-risk bootstrap over worker threads: the same fits as the stats layer's cluster bootstrap
// with plattFit, in the same order, for any thread count.
import { describe, expect, it } from 'vitest';
import { bootstrapRefits } from '../../pipeline/quarterly-data/risk-refits.js';
import { clusterBootstrap, createRng, plattFit } from '../../pipeline/stats/index.js';

// 80 partners with 1–6 deals each; misses more likely at higher risk.
const rng = createRng('risk-refits');
const clusters: string[] = [];
const risk: number[] = [];
const missed: number[] = [];
for (let p = 0; p < 80; p++) {
  const base = rng() * 100;
  for (let d = 0, n = 1 + Math.floor(rng() * 6); d < n; d++) {
    clusters.push(`P${String(p).padStart(3, '0')}`);
    const r = Math.min(100, Math.max(0, base + (rng() - 0.5) * 20));
    risk.push(r);
    missed.push(rng() < 1 / (1 + Math.exp(-(r - 50) / 15)) ? 1 : 0);
  }
}
const x = Float64Array.from(risk);
const y = Float64Array.from(missed);

describe('expected-at-risk bootstrap refits', () => {
  it("equal the cluster bootstrap's Platt refits, draw for draw", async () => {
    const reference = clusterBootstrap<number[]>({
      clusters, B: 30, seed: 's:expected-at-risk',
      statistic: (idx) => {
        const m = plattFit(Array.from(idx, (i) => risk[i]!), Array.from(idx, (i) => missed[i]!));
        return m.converged ? [m.a, m.b] : [NaN, NaN];
      },
    });
    const one = await bootstrapRefits(clusters, x, y, 30, 's:expected-at-risk', 1);
    expect(one.threads).toBe(1);
    expect(one.samples.length).toBeGreaterThan(25);
    expect(one.samples).toEqual(reference.samples);
  });

  it('give the same numbers on two worker threads as in this thread', async () => {
    const one = await bootstrapRefits(clusters, x, y, 21, 'threads', 1);
    const two = await bootstrapRefits(clusters, x, y, 21, 'threads', 2);
    expect(two.threads).toBe(2);
    expect(two.samples).toEqual(one.samples);
    expect(two.samples.every(([, b]) => b > 0)).toBe(true); // riskier scores miss more often
  }, 60_000);
});
