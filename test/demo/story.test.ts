// The demo must carry real, recoverable signal: these tests check the story, not just the shape.
import { beforeAll, describe, expect, it } from 'vitest';
import { DIMENSIONS, dealOutcome, generateDemo, missRates, type DemoData, type Dimension } from '../../pipeline/demo/index.js';
import { monthGrid, monthIndexOf, parseIsoDay } from '../../pipeline/demo/calendar.js';

const END = '2025-12-31';
let data: DemoData;
beforeAll(() => {
  data = generateDemo({});
});

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('deal outcomes follow partner health', () => {
  it('misses ~20–30 % of deals overall, far more for decliners than healthy partners', () => {
    const { overall, byArchetype } = missRates(data, END);
    expect(overall.rate).toBeGreaterThan(0.18);
    expect(overall.rate).toBeLessThan(0.32);
    expect(byArchetype.decliner.rate).toBeGreaterThan(2 * byArchetype.healthy.rate);
    expect(byArchetype.decliner.rate).toBeGreaterThan(byArchetype.middling.rate);
    expect(byArchetype.middling.rate).toBeGreaterThan(byArchetype.healthy.rate);
  });

  it('holds for other seeds too', () => {
    for (const seed of [1, 2, 3]) {
      const { byArchetype } = missRates(generateDemo({ seed }), END);
      expect(byArchetype.decliner.rate).toBeGreaterThan(2 * byArchetype.healthy.rate);
    }
  });

  it('includes slips within grace, lost deals, late closes and open past-due deals', () => {
    const endDay = parseIsoDay(END);
    const slip = (d: (typeof data.deals)[number]) => parseIsoDay(d.closed_on) - parseIsoDay(d.expected_close_on);
    const won = data.deals.filter((d) => d.status === 'won');
    expect(won.some((d) => slip(d) > 0 && slip(d) <= 14)).toBe(true);
    expect(won.some((d) => slip(d) > 14)).toBe(true);
    expect(data.deals.some((d) => d.status === 'lost')).toBe(true);
    const open = data.deals.filter((d) => d.status === 'open');
    expect(open.some((d) => dealOutcome(d, endDay) === 'missed')).toBe(true);
    expect(open.some((d) => dealOutcome(d, endDay) === 'pending')).toBe(true);
  });
});

describe('the decline story', () => {
  const grid = monthGrid(END, 36);
  const monthOf = (iso: string) => monthIndexOf(grid, parseIsoDay(iso));

  it('drops engagement before capability before performance for decliners', () => {
    // Month at which each latent dimension first falls 0.25 below its starting level.
    const firstDrop = (xs: number[]) => xs.findIndex((x) => x < xs[0]! - 0.25);
    const lags: Record<Dimension, number[]> = { engagement: [], capability: [], performance: [] };
    for (const t of data.truth.filter((x) => x.archetype === 'decliner')) {
      const drops = DIMENSIONS.map((d) => firstDrop(t.latent[d]));
      if (drops.some((m) => m < 0)) continue; // decline started too late to finish inside the window
      DIMENSIONS.forEach((d, i) => lags[d].push(drops[i]!));
    }
    expect(lags.engagement.length).toBeGreaterThan(10);
    expect(mean(lags.capability) - mean(lags.engagement)).toBeGreaterThan(1.5);
    expect(mean(lags.performance) - mean(lags.capability)).toBeGreaterThan(1.5);
  });

  it('shows the decline in raw signals: portal logins fall after the decline starts', () => {
    const ratios: number[] = [];
    for (const t of data.truth.filter((x) => x.archetype === 'decliner' && x.decline_start)) {
      const start = monthOf(t.decline_start!);
      if (start + 6 >= 36) continue;
      const logins = data.signals.filter((s) => s.partner_id === t.partner_id && s.signal === 'portal_logins');
      const before = logins.filter((s) => monthOf(s.observed_on) < start).map((s) => s.value);
      const after = logins.filter((s) => monthOf(s.observed_on) >= start + 5).map((s) => s.value);
      ratios.push(mean(after) / mean(before));
    }
    expect(ratios.length).toBeGreaterThan(10);
    expect(mean(ratios)).toBeLessThan(0.5);
  });

  it('gives every recoverer an intervention, followed by recovery', () => {
    const recoverers = data.truth.filter((x) => x.archetype === 'recoverer');
    for (const t of recoverers) {
      const first = data.interventions.filter((i) => i.partner_id === t.partner_id).map((i) => i.started_on).sort()[0];
      expect(first).toBeDefined();
      const m = monthOf(first!);
      const e = t.latent.engagement;
      expect(e[Math.min(35, m + 6)]! - e[m]!).toBeGreaterThan(0.2);
    }
  });

  it('also records interventions on partners that do not recover, owned by their manager', () => {
    const decliners = new Set(data.truth.filter((x) => x.archetype === 'decliner').map((x) => x.partner_id));
    expect(data.interventions.filter((i) => decliners.has(i.partner_id)).length).toBeGreaterThanOrEqual(3);
    const manager = new Map(data.partners.map((p) => [p.partner_id, p.manager]));
    for (const i of data.interventions) expect(i.owner).toBe(manager.get(i.partner_id));
    const playbooks = new Set(data.interventions.map((i) => i.playbook));
    expect([...playbooks].sort()).toEqual(['co_funding', 'exec_sponsor', 'outreach_call', 'targeted_enablement']);
  });

  it('leaves some partners without sentiment and referral partners without sandbox activity', () => {
    const withSentiment = new Set(data.signals.filter((s) => s.signal === 'relationship_sentiment').map((s) => s.partner_id));
    expect(withSentiment.size).toBeLessThan(150);
    const referral = new Set(data.partners.filter((p) => p.type === 'referral').map((p) => p.partner_id));
    expect(data.signals.some((s) => s.signal === 'sandbox_activity' && referral.has(s.partner_id))).toBe(false);
  });
});

describe('variant: trueDimensionWeights', () => {
  /** Gap in mean latent health (at expected close − 2 months) between met and missed deals, per dimension. */
  function gaps(d: DemoData): Record<Dimension, number> {
    const grid = monthGrid(END, 36);
    const endDay = parseIsoDay(END);
    const latent = new Map(d.truth.map((t) => [t.partner_id, t.latent]));
    const sums = { ok: [0, 0, 0], missed: [0, 0, 0] };
    const n = { ok: 0, missed: 0 };
    for (const deal of d.deals) {
      const outcome = dealOutcome(deal, endDay);
      if (outcome === 'pending') continue;
      const m = Math.max(0, monthIndexOf(grid, parseIsoDay(deal.expected_close_on)) - 2);
      const l = latent.get(deal.partner_id)!;
      if (Number.isNaN(l.engagement[m])) continue;
      n[outcome] += 1;
      DIMENSIONS.forEach((dim, k) => (sums[outcome][k]! += l[dim][m]!));
    }
    return Object.fromEntries(DIMENSIONS.map((dim, k) => [dim, sums.ok[k]! / n.ok - sums.missed[k]! / n.missed])) as Record<Dimension, number>;
  }

  function correlation(d: DemoData, a: Dimension, b: Dimension): number {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const t of d.truth) t.latent[a].forEach((v, m) => { if (!Number.isNaN(v)) { xs.push(v); ys.push(t.latent[b][m]!); } });
    const mx = mean(xs);
    const my = mean(ys);
    let c = 0, vx = 0, vy = 0;
    xs.forEach((x, i) => { c += (x - mx) * (ys[i]! - my); vx += (x - mx) ** 2; vy += (ys[i]! - my) ** 2; });
    return c / Math.sqrt(vx * vy);
  }

  it('lets dimensions evolve independently (default mode keeps them correlated)', () => {
    const variant = generateDemo({ partners: 200, trueDimensionWeights: { engagement: 0.7, capability: 0.2, performance: 0.1 } });
    expect(Math.abs(correlation(variant, 'engagement', 'performance'))).toBeLessThan(0.2);
    expect(correlation(data, 'engagement', 'performance')).toBeGreaterThan(0.5);
  });

  it('makes the heaviest-weighted dimension the one that separates missed from met deals', () => {
    for (const [dominant, weights] of [
      ['engagement', { engagement: 0.7, capability: 0.2, performance: 0.1 }],
      ['performance', { engagement: 0.1, capability: 0.2, performance: 0.7 }],
    ] as const) {
      const g = gaps(generateDemo({ partners: 300, trueDimensionWeights: weights }));
      for (const other of DIMENSIONS.filter((x) => x !== dominant)) expect(g[dominant]).toBeGreaterThan(2 * g[other]);
    }
  });

  it('rejects invalid weights', () => {
    expect(() => generateDemo({ trueDimensionWeights: { engagement: 0, capability: 0, performance: 0 } })).toThrow();
    expect(() => generateDemo({ trueDimensionWeights: { engagement: -1, capability: 1, performance: 1 } })).toThrow();
  });
});
