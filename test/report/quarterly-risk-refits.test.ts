// The expected-at-risk bootstrap over worker threads: the same fits as the stats layer's cluster bootstrap
// with plattFit on the expanded rows, in the same order (to rounding: the refits run over counted rows),
// and the same numbers for any thread count (this thread is one of them).
import { describe, expect, it } from 'vitest';
import { bootstrapRefits, countedRows } from '../../pipeline/quarterly-data/risk-refits.js';
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
    expect(one.samples.length).toBe(reference.samples.length);
    // The log loss is flat at its optimum (its rounding noise hides steps below ~1e-8), so two sums of
    // the same terms in another order may stop that far apart.
    one.samples.forEach(([a, b], i) => {
      const [ra, rb] = reference.samples[i]!;
      expect(Math.abs(a - ra!)).toBeLessThan(1e-7 * (1 + Math.abs(ra!)));
      expect(Math.abs(b - rb!)).toBeLessThan(1e-7 * (1 + Math.abs(rb!)));
    });
  });

  it("count a partner's neighbouring deals with the same risk as one row", () => {
    const d = countedRows(['A', 'A', 'B', 'A', 'B', 'B'], Float64Array.from([10, 10, 40, 20, 40, 40]), Float64Array.from([1, 0, 0, 1, 1, 0]));
    expect(Array.from(d.start)).toEqual([0, 2, 3]);
    expect(Array.from(d.risk)).toEqual([10, 20, 40]);
    expect(Array.from(d.pos)).toEqual([1, 1, 1]);
    expect(Array.from(d.neg)).toEqual([1, 0, 2]);
  });

  it('give the same numbers on this thread and a worker as on this thread alone', async () => {
    const one = await bootstrapRefits(clusters, x, y, 21, 'threads', 1);
    const two = await bootstrapRefits(clusters, x, y, 21, 'threads', 2);
    expect(two.threads).toBe(2);
    expect(two.samples).toEqual(one.samples);
    const three = await bootstrapRefits(clusters, x, y, 21, 'threads', 3);
    expect(three.threads).toBe(3);
    expect(three.samples).toEqual(one.samples);
    expect(two.samples.every(([, b]) => b > 0)).toBe(true); // riskier scores miss more often
  }, 60_000);
});
