// Window signals (window-sums.ts and the lookups of signal-values.ts) on a hand-built input whose values
// are worked out by hand: rows on a window's first excluded day and on its last day, two rows on one day,
// quiet windows, a series never reported, a leap day, a window too short to hold any month end. The same
// values as the earlier formulation (cumulative sums looked up with ASOF joins), compared both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { countRows, csv, model, scoreDir, writeDir } from '../helpers/workspace.js';
import { BEFORE_SIGNAL_SETUP, BEFORE_WINDOW_VALUES } from './earlier-sql.js';

const linear = { method: 'linear', floor: 0, target: 10 };
const MODEL = model({
  name: 'windows', version: '1', description: 'one signal per aggregation', min_coverage: 0.5,
  dimensions: { engagement: { label: 'Engagement', weight: 1 } },
  signals: {
    logins: { dimension: 'engagement', aggregation: 'sum', window_days: 30, direction: 'higher', normalization: linear, weight: 0.25 },
    csat: { dimension: 'engagement', aggregation: 'mean', window_days: 60, direction: 'higher', normalization: linear, weight: 0.25 },
    staff: { dimension: 'engagement', aggregation: 'last', window_days: 45, direction: 'higher', normalization: linear, weight: 0.25 },
    revenue: { dimension: 'engagement', aggregation: 'trend', window_days: 31, direction: 'higher', normalization: linear, weight: 0.25 },
  },
  bands: { green_min: 70, red_below: 40 },
  playbooks: [{ band: 'yellow', weakest: '*', playbook: 'outreach_call', action: 'Call.' }, { band: 'red', weakest: '*', playbook: 'exec_sponsor', action: 'Escalate.' }],
});

const SIGNALS: [string, string, string, number][] = [
  // logins, 30 days: Jan 1 is the first day the Jan 31 window (Jan 1, Jan 31] leaves out and no month
  // end falls in [Jan 1, Jan 31), so it counts nowhere; two rows on the month end Jan 31; leap day Feb 29
  ['P1', 'logins', '2024-01-01', 1], ['P1', 'logins', '2024-01-31', 2], ['P1', 'logins', '2024-01-31', 3],
  ['P1', 'logins', '2024-02-29', 10],
  ['P2', 'logins', '2024-03-15', 4],
  // csat, mean over 60 days, two rows on Jan 15; Mar 1 is left out of the Apr 30 window (Mar 1, Apr 30]
  ['P1', 'csat', '2024-01-15', 4], ['P1', 'csat', '2024-01-15', 5], ['P1', 'csat', '2024-03-01', 3],
  ['P2', 'csat', '2024-01-20', 2],
  // staff, last within 45 days: the day's two rows give their mean
  ['P1', 'staff', '2024-02-10', 7], ['P1', 'staff', '2024-02-10', 8], ['P1', 'staff', '2024-04-20', 9],
  // revenue, trend of 31 days vs the 31 before
  ['P1', 'revenue', '2024-01-31', 100], ['P1', 'revenue', '2024-02-29', 150], ['P1', 'revenue', '2024-03-31', 150],
];

let ws: Workspace;
beforeAll(async () => {
  const dir = writeDir({
    'partners.csv': csv(['partner_id', 'name'], [['P1', 'One'], ['P2', 'Two']]),
    'signals.csv': csv(['partner_id', 'signal', 'observed_on', 'value', 'source'], SIGNALS.map((r) => [...r, 'crm'])),
    'deals.csv': csv(['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
      [['D1', 'P1', '2024-01-05', '2024-03-01', 'won', 10, '2024-02-20']]),
  });
  ({ ws } = await scoreDir(dir, MODEL, '2024-06-30'));
}, 60_000);
afterAll(() => ws?.close());

const values = async (signal: string): Promise<unknown[]> =>
  ws.query(`SELECT partner_id, as_of::VARCHAR AS as_of, raw_value, observed_on::VARCHAR AS observed_on
            FROM signal_scores WHERE signal = $signal ORDER BY partner_id, as_of`, { signal });
const row = (partner_id: string, as_of: string, raw_value: number, observed_on: string | null = null) => ({ partner_id, as_of, raw_value, observed_on });

describe('window signals at month ends', () => {
  it('sum: rows in (T − w, T], ties added, 0 in a quiet window, missing before the first report', async () => {
    expect(await values('logins')).toEqual([
      row('P1', '2024-01-31', 5), row('P1', '2024-02-29', 15), row('P1', '2024-03-31', 0), row('P1', '2024-04-30', 0),
      row('P1', '2024-05-31', 0), row('P1', '2024-06-30', 0),
      // P2 is in the snapshots from Jan 31 (its csat) but reports logins only from Mar 15
      row('P2', '2024-03-31', 4), row('P2', '2024-04-30', 0), row('P2', '2024-05-31', 0), row('P2', '2024-06-30', 0),
    ]);
  });

  it('mean: over the rows in the window, missing when the window is empty', async () => {
    expect(await values('csat')).toEqual([
      row('P1', '2024-01-31', 4.5), row('P1', '2024-02-29', 4.5), row('P1', '2024-03-31', 3),
      row('P2', '2024-01-31', 2), row('P2', '2024-02-29', 2),
    ]);
  });

  it('last: the latest day in the window, two rows on that day averaged', async () => {
    expect(await values('staff')).toEqual([
      row('P1', '2024-02-29', 7.5, '2024-02-10'), row('P1', '2024-04-30', 9, '2024-04-20'), row('P1', '2024-05-31', 9, '2024-04-20'),
    ]);
  });

  it('trend: window vs the window before, only with history reaching the window start', async () => {
    // Mar 31: 150 vs (Jan 29, Feb 29] = 250; Apr 30: 150 vs (Feb 28, Mar 30] = 150 (the leap day);
    // May 31: nothing vs 150; Jun 30: nothing vs nothing. Feb 29's window start Jan 29 precedes the first row.
    expect(await values('revenue')).toEqual([
      row('P1', '2024-03-31', -0.4), row('P1', '2024-04-30', 0), row('P1', '2024-05-31', -1), row('P1', '2024-06-30', 0),
    ]);
  });

  it('gives the values the cumulative sums and ASOF lookups gave', async () => {
    for (const sql of BEFORE_SIGNAL_SETUP) await ws.exec(sql);
    await ws.exec(`CREATE TEMP TABLE before_window_values AS ${BEFORE_WINDOW_VALUES}`);
    const now = 'SELECT partner_id, as_of, signal, window_days, raw_value, observed_on FROM signal_scores';
    expect(await countRows(ws, 'FROM before_window_values')).toBe(22);
    expect(await countRows(ws, `${now} EXCEPT ALL FROM before_window_values`)).toBe(0);
    expect(await countRows(ws, `FROM before_window_values EXCEPT ALL ${now}`)).toBe(0);
  });
});
