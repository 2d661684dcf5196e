// Point-in-time: truncating the data at any date D leaves every snapshot ≤ D scored identically.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, writeDemoData, type DemoData } from '../../pipeline/demo/index.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import { model, scoreDir, siModel, tempDir } from '../helpers/workspace.js';
import { text } from '../../pipeline/workspace/rows.js';

/**
 * The data as a CRM export would have shown it on date `d`: nothing after d, deals closed after d still
 * open, no history row after d, and each deal's expected close and amount the last ones history gave by d.
 */
function truncate(data: DemoData, d: string): DemoData {
  const history = data.deal_history.filter((h) => h.changed_on <= d);
  const known = new Map<string, { expected_close_on?: string; amount?: number }>();
  for (const h of history) {
    const k = known.get(h.deal_id) ?? {};
    if (h.expected_close_on) k.expected_close_on = h.expected_close_on;
    if (h.amount !== '') k.amount = h.amount;
    known.set(h.deal_id, k);
  }
  return {
    ...data,
    signals: data.signals.filter((s) => s.observed_on <= d),
    deals: data.deals
      .filter((x) => x.registered_on <= d)
      .map((x) => ({ ...x, ...known.get(x.deal_id) }))
      .map((x) => (x.closed_on && x.closed_on > d ? { ...x, status: 'open' as const, closed_on: '', stage: 'negotiation' } : x)),
    interventions: data.interventions.filter((i) => i.started_on <= d),
    deal_history: history,
  };
}

const TABLES: Record<string, string> = {
  health: 'SELECT partner_id, as_of, composite c, coverage v, trend t, band, weakest_dimension, playbook FROM health',
  dimension_scores: 'SELECT partner_id, as_of, dimension, score s, coverage c FROM dimension_scores',
  signal_scores: 'SELECT partner_id, as_of, signal, raw_value r, score s, cohort_median m FROM signal_scores',
  evidence: 'SELECT partner_id, as_of, rank, signal, text, impact i FROM evidence',
};

type Row = Record<string, unknown>;

/** Equal rows, numbers equal up to floating-point summation order (1e-9 relative). */
function expectRowClose(got: Row, want: Row, table: string): void {
  expect(Object.keys(got)).toEqual(Object.keys(want));
  for (const k of Object.keys(want)) {
    const [g, w] = [got[k], want[k]];
    if (typeof w === 'number' && typeof g === 'number') {
      if (Math.abs(g - w) > 1e-9 * Math.max(1, Math.abs(w))) expect({ table, key: k, row: got }).toEqual({ table, key: k, row: want });
    } else if (g !== w) expect({ table, key: k, row: got }).toEqual({ table, key: k, row: want });
  }
}

async function snapshotRows(ws: Workspace, table: string, until: string): Promise<unknown[]> {
  return ws.query(`SELECT * FROM (${TABLES[table]}) WHERE as_of <= $until::DATE ORDER BY ALL`, { until });
}

/** The SI model plus close_date_pushes, so every deal-derived signal that reads history is covered. */
async function pitModel(): Promise<HealthModel> {
  const m = await siModel();
  return model({
    ...m,
    signals: {
      ...m.signals,
      win_rate: { ...m.signals.win_rate!, weight: 0.1 },
      close_date_pushes: { dimension: 'performance', aggregation: 'sum', window_days: 90, direction: 'lower', normalization: { method: 'cohort_percentile' }, weight: 0.1 },
    },
  });
}

describe('point-in-time scoring', () => {
  // 18 partners, not 36: four scoring passes at half the size; the pushes the first test asks for are still
  // there (8 by 2025-03-17 and 20 after 2025-07-31, where 36 partners had 17 and 10)
  const data = generateDemo({ seed: 7, partners: 18, months: 24, end: '2025-12-31' });
  it('the demo has deal history whose pushes change close dates before the truncation dates', () => {
    const pushes = data.deal_history.filter((h) => h.expected_close_on && h.status === '');
    expect(pushes.filter((h) => h.changed_on <= '2025-03-17').length).toBeGreaterThan(5);
    expect(pushes.filter((h) => h.changed_on > '2025-07-31').length).toBeGreaterThan(5);
  });
  let full: Workspace;
  beforeAll(async () => {
    const dir = tempDir();
    await writeDemoData(dir, data);
    full = (await scoreDir(dir, await pitModel())).ws;
  });

  for (const d of ['2024-09-30', '2025-03-17', '2025-07-31']) {
    it(`truncating at ${d} leaves every earlier snapshot identical`, async () => {
      const dir = tempDir();
      await writeDemoData(dir, truncate(data, d));
      const { ws: cut } = await scoreDir(dir, await pitModel(), d);
      for (const table of Object.keys(TABLES)) {
        const a = await snapshotRows(full, table, d);
        const b = await snapshotRows(cut, table, d);
        expect(b.length, table).toBeGreaterThan(0);
        expect(b.length, table).toBe(a.length);
        b.forEach((row, i) => expectRowClose(row as Row, a[i] as Row, table));
      }
      const [{ last }] = (await cut.rows({ last: text }, 'SELECT max(as_of)::VARCHAR AS last FROM snapshots')) as [{ last: string }];
      expect(last <= d).toBe(true);
      cut.close();
    });
  }
});
