import { beforeAll, describe, expect, it } from 'vitest';
import {
  ARCHETYPES, COLUMNS, COMMA_NAME, generateDemo, type DemoData,
} from '../../pipeline/demo/index.js';

const CATALOG = [
  'portal_logins', 'content_downloads', 'event_attendance', 'response_hours', 'exec_meetings',
  'certified_staff', 'training_completions', 'technical_fte', 'practice_lead', 'sandbox_activity',
  'delivery_csat', 'revenue', 'customer_expansions', 'accounts_covered', 'relationship_sentiment', 'external_news',
];
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const validIso = (s: string) => ISO.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

let data: DemoData;
beforeAll(() => {
  data = generateDemo({});
});

describe('generateDemo: shape and contract', () => {
  it('has the default size and plausible volumes', () => {
    expect(data.partners).toHaveLength(150);
    expect(data.truth).toHaveLength(150);
    expect(data.signals.length).toBeGreaterThan(50_000);
    expect(data.deals.length).toBeGreaterThan(1_000);
    expect(data.interventions.length).toBeGreaterThanOrEqual(25);
    expect(data.interventions.length).toBeLessThanOrEqual(40);
  });

  it('uses exactly the input-contract column names', () => {
    for (const table of ['partners', 'signals', 'deals', 'interventions'] as const) {
      for (const row of data[table].slice(0, 50)) {
        expect(Object.keys(row).sort()).toEqual([...COLUMNS[table]].sort());
      }
    }
  });

  it('covers every signal of the standard catalog and nothing else', () => {
    const names = new Set(data.signals.map((s) => s.signal));
    expect([...names].sort()).toEqual([...CATALOG].sort());
    expect(data.signals.filter((s) => !Number.isFinite(s.value))).toEqual([]);
  });

  it('keeps ratings and flags in their ranges', () => {
    const inRange = ({ signal, value: v }: DemoData['signals'][number]) =>
      signal === 'delivery_csat' || signal === 'relationship_sentiment' ? v >= 1 && v <= 5
        : signal === 'external_news' ? v >= -1 && v <= 1
          : signal === 'practice_lead' ? v === 0 || v === 1
            : v >= 0;
    expect(data.signals.filter((s) => !inRange(s))).toEqual([]);
  });

  it('has unique ids and every row belongs to a known partner', () => {
    const ids = new Set(data.partners.map((p) => p.partner_id));
    expect(ids.size).toBe(150);
    expect(new Set(data.deals.map((d) => d.deal_id)).size).toBe(data.deals.length);
    for (const t of ['signals', 'deals', 'interventions'] as const) {
      expect(data[t].filter((r) => !ids.has(r.partner_id))).toEqual([]);
    }
  });

  it('spreads partners over types, tiers, regions and ~12 managers', () => {
    const distinct = (k: 'type' | 'tier' | 'region' | 'manager') => new Set(data.partners.map((p) => p[k])).size;
    expect(distinct('type')).toBe(5);
    expect(distinct('tier')).toBe(4);
    expect(distinct('region')).toBe(4);
    expect(distinct('manager')).toBe(12);
  });

  it('names partners plainly (no markup: the demo is shown to executives), one comma name, all unique', () => {
    const names = data.partners.map((p) => p.name);
    expect(names.filter((n) => /[<>{}"']/.test(n))).toEqual([]);
    expect(names.filter((n) => n.includes(','))).toEqual([COMMA_NAME]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('mixes archetypes in the designed proportions', () => {
    const share = { healthy: 0.45, middling: 0.2, decliner: 0.2, recoverer: 0.08, new: 0.07 };
    for (const a of ARCHETYPES) {
      const n = data.truth.filter((t) => t.archetype === a).length;
      expect(Math.abs(n - share[a] * 150)).toBeLessThanOrEqual(1);
    }
  });
});

describe('generateDemo: dates', () => {
  const END = '2025-12-31';
  const START = '2023-01-01';

  it('writes valid ISO dates and nothing observed after the end date', () => {
    const inWindow = (iso: string) => validIso(iso) && iso >= START && iso <= END;
    const days = [...new Set(data.signals.map((s) => s.observed_on))];
    expect(days.filter((d) => !inWindow(d))).toEqual([]);
    expect(data.deals.filter((d) => !inWindow(d.registered_on) || !validIso(d.expected_close_on) || d.expected_close_on <= d.registered_on)).toEqual([]);
    expect(data.interventions.filter((i) => !inWindow(i.started_on))).toEqual([]);
    expect(data.partners.filter((p) => !validIso(p.joined_on) || p.joined_on > END)).toEqual([]);
  });

  it('has closed_on iff the deal is won or lost, and a stage iff it is open', () => {
    const consistent = (d: DemoData['deals'][number]) =>
      d.status === 'open'
        ? d.closed_on === '' && ['discovery', 'proposal', 'negotiation'].includes(d.stage)
        : validIso(d.closed_on) && d.closed_on > d.registered_on && d.closed_on <= END && d.stage === '';
    expect(data.deals.filter((d) => !consistent(d))).toEqual([]);
    const statuses = new Set(data.deals.map((d) => d.status));
    expect([...statuses].sort()).toEqual(['lost', 'open', 'won']);
  });

  it('gives new partners a short history starting at their join date', () => {
    for (const t of data.truth.filter((x) => x.archetype === 'new')) {
      const p = data.partners.find((x) => x.partner_id === t.partner_id)!;
      expect(p.joined_on >= '2025-03-01').toBe(true);
      const first = data.signals.filter((s) => s.partner_id === p.partner_id).map((s) => s.observed_on).sort()[0]!;
      expect(first >= p.joined_on).toBe(true);
    }
  });

  it('honours a custom window', () => {
    const small = generateDemo({ partners: 20, months: 12, end: '2024-06-30' });
    expect(small.partners).toHaveLength(20);
    expect(small.signals.filter((s) => s.observed_on < '2023-07-01' || s.observed_on > '2024-06-30')).toEqual([]);
  });

  it('rejects an end date that is not a month end, and bad sizes', () => {
    expect(() => generateDemo({ end: '2025-12-30' })).toThrow(/month-end/);
    expect(() => generateDemo({ end: '2025-13-31' })).toThrow();
    expect(() => generateDemo({ partners: 1 })).toThrow();
    expect(() => generateDemo({ months: 6 })).toThrow();
  });
});

describe('generateDemo: determinism', () => {
  it('same seed gives identical output; a different seed differs', () => {
    const a = generateDemo({ seed: 7, partners: 30, months: 18 });
    const b = generateDemo({ seed: 7, partners: 30, months: 18 });
    const c = generateDemo({ seed: 8, partners: 30, months: 18 });
    expect(b).toEqual(a);
    expect(c.signals).not.toEqual(a.signals);
    expect(c.deals).not.toEqual(a.deals);
  });
});
