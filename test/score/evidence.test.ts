// Evidence and coverage on a hand-built fixture where we know which signal moved.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { csv, model, scoreDir, writeDir } from '../helpers/workspace.js';
import { nullable, num, text } from '../../pipeline/workspace/rows.js';

const TEST_MODEL = model({
  name: 'evidence-test', version: '1', description: 'two dimensions', min_coverage: 0.5,
  dimensions: { engagement: { label: 'Engagement', weight: 0.6 }, capability: { label: 'Capability', weight: 0.4 } },
  signals: {
    portal_logins: { dimension: 'engagement', aggregation: 'sum', window_days: 90, direction: 'higher', normalization: { method: 'cohort_percentile', segment: 'all' }, weight: 0.5 },
    response_hours: { dimension: 'engagement', aggregation: 'mean', window_days: 90, direction: 'lower', normalization: { method: 'linear', floor: 120, target: 8 }, weight: 0.3 },
    exec_meetings: { dimension: 'engagement', aggregation: 'sum', window_days: 180, direction: 'higher', normalization: { method: 'linear', floor: 0, target: 3 }, weight: 0.2 },
    certified_staff: { dimension: 'capability', aggregation: 'last', window_days: 180, direction: 'higher', normalization: { method: 'linear', floor: 0, target: 10 }, weight: 1 },
  },
  bands: { green_min: 70, red_below: 40, drop_downgrade: { points: 15, months: 3 } },
  playbooks: [{ band: 'yellow', weakest: '*', playbook: 'outreach_call', action: 'Call them.' }, { band: 'red', weakest: '*', playbook: 'exec_sponsor', action: 'Escalate.' }],
});

const MONTHLY_LOGINS: Record<string, number> = { P1: 40, P2: 30, P3: 40, P4: 45 };

function fixture(): string {
  const signals: (string | number)[][] = [];
  for (let m = 1; m <= 12; m++) {
    const day = `2024-${String(m).padStart(2, '0')}-15`;
    for (const p of Object.keys(MONTHLY_LOGINS)) {
      const logins = p === 'P1' && m >= 10 ? 1 : MONTHLY_LOGINS[p]!; // P1 goes quiet from October
      signals.push([p, 'portal_logins', day, logins], [p, 'response_hours', day, 10]);
      if (m % 3 === 0) signals.push([p, 'exec_meetings', day, 1]);
    }
  }
  signals.push(['P1', 'certified_staff', '2024-07-15', 8], ['P1', 'certified_staff', '2024-11-15', 8], ['P2', 'certified_staff', '2024-03-01', 6]);
  signals.push(['P3', 'certified_staff', '2024-12-01', 5], ['P4', 'certified_staff', '2024-12-01', 5]);
  return writeDir({
    'partners.csv': csv(['partner_id', 'name', 'type'], Object.keys(MONTHLY_LOGINS).map((p) => [p, `Partner ${p}`, 'SI'])),
    'signals.csv': csv(['partner_id', 'signal', 'observed_on', 'value'], signals),
    'deals.csv': csv(['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
      [['D1', 'P1', '2024-02-01', '2024-05-01', 'won', 10, '2024-05-01']]),
  });
}

describe('evidence', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = (await scoreDir(fixture(), TEST_MODEL, '2024-12-31')).ws;
  });

  it('names the signal that moved the score, with raw value, window, cohort median and earlier value', async () => {
    const rows = await ws.rows({ rank: num, signal: text, raw_value: num, cohort_median: num, text: text, impact: num },
      `SELECT rank, signal, raw_value, cohort_median, text, impact FROM evidence WHERE partner_id = 'P1' AND as_of = '2024-12-31' ORDER BY rank`,
    );
    expect(rows[0]).toMatchObject({ signal: 'portal_logins', raw_value: 3, cohort_median: 105 });
    expect(rows[0]!.text).toBe('3 portal logins in the 90 days to 31 Dec 2024, cohort median 105 (3 months earlier: 120)');
    expect(rows[0]!.impact).toBeLessThan(0);
    const cert = rows.find((r) => r.signal === 'certified_staff');
    expect(cert?.text).toBe('certified staff: 8 as of 15 Nov 2024, cohort median 5 (3 months earlier: 8)');
  });

  it('percentile scores, dimension scores and the composite follow the model arithmetic', async () => {
    const s = await ws.rows({ partner_id: text, score: num },
      `SELECT partner_id, score FROM signal_scores WHERE signal = 'portal_logins' AND as_of = '2024-12-31' ORDER BY partner_id`,
    );
    // midrank percentiles of 3, 90, 120, 135 among 4 partners: 12.5, 37.5, 62.5, 87.5
    expect(s.map((r) => r.score)).toEqual([12.5, 37.5, 62.5, 87.5]);
    const [h] = await ws.rows({ composite: num, coverage: num },
      `SELECT composite, coverage FROM health WHERE partner_id = 'P1' AND as_of = '2024-12-31'`,
    );
    const responseScore = (100 * (120 - 10)) / (120 - 8);
    const engagement = 0.5 * 12.5 + 0.3 * responseScore + 0.2 * (100 * 2) / 3;
    expect(h!.composite).toBeCloseTo(0.6 * engagement + 0.4 * 80, 9);
    expect(h!.coverage).toBeCloseTo(1, 12);
  });

  it('a stale level is missing: coverage drops and the composite renormalises', async () => {
    const [h] = await ws.rows({ composite: num, coverage: num },
      `SELECT composite, coverage FROM health WHERE partner_id = 'P2' AND as_of = '2024-12-31'`,
    );
    const [e] = await ws.rows({ score: num },
      `SELECT score FROM dimension_scores WHERE partner_id = 'P2' AND as_of = '2024-12-31' AND dimension = 'engagement'`,
    );
    expect(h!.coverage).toBeCloseTo(0.6, 12);
    expect(h!.composite).toBeCloseTo(e!.score, 12);
  });

  it('the composite trend is the change over the model trend window', async () => {
    const rows = await ws.rows({ as_of: text, composite: nullable(num), trend: nullable(num) },
      `SELECT as_of::VARCHAR AS as_of, composite, trend FROM health WHERE partner_id = 'P1' ORDER BY as_of`,
    );
    const dec = rows.find((r) => r.as_of === '2024-12-31')!;
    const sep = rows.find((r) => r.as_of === '2024-09-30')!;
    expect(dec.trend).toBeLessThan(0);
    expect(dec.composite).toBeCloseTo(sep.composite! + dec.trend!, 9);
  });
});
