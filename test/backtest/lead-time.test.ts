// Lead-time logic on a tiny hand-built workspace: band histories and missed deals written directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeadTimes, leadTimeResult } from '../../pipeline/backtest/lead-time.js';
import type { Population } from '../../pipeline/backtest/data.js';
import { openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';

const MONTHS = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30'];
const BANDS: Record<string, (string | null)[]> = {
  A: ['green', 'yellow', 'green', 'yellow', 'red', 'red'],
  B: ['green', 'green', 'red', 'red', 'red', 'red'],
  C: ['red', 'red', 'red', 'red', 'red', 'red'],
  D: ['yellow', null, 'yellow', 'yellow', 'yellow', 'yellow'],
};

// [partner, deal, miss_reason, due snapshots, expected_close_on, closed_on]
const MISSED: Array<[string, string, string, string[], string, string | null]> = [
  ['A', 'A1', 'lost', ['2024-03-31', '2024-04-30', '2024-05-31'], '2024-07-15', '2024-06-15'],
  ['A', 'A2', 'closed_late', ['2024-02-29', '2024-03-31', '2024-04-30'], '2024-05-20', '2024-06-20'],
  ['B', 'B1', 'lost', ['2024-02-29'], '2024-04-15', '2024-03-31'],
  ['C', 'C1', 'open_past_due', ['2024-05-31'], '2024-06-10', null],
  ['D', 'D1', 'lost', ['2024-01-31'], '2024-04-01', '2024-03-10'],
];

const empty = (): Population => ({
  n: 0, partner: new Int32Array(0), day: new Int32Array(0), quarter: new Int32Array(0),
  label: new Float64Array(0), risk: new Float64Array(0), band: new Int8Array(0),
});

describe('lead time', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await openWorkspace(':memory:');
    await ws.exec(`CREATE TABLE health (partner_id VARCHAR, as_of DATE, composite DOUBLE, band VARCHAR)`);
    for (const [p, bands] of Object.entries(BANDS)) {
      for (let i = 0; i < MONTHS.length; i++) {
        await ws.exec(`INSERT INTO health VALUES ($p, $d::DATE, NULL, $b)`, { p, d: MONTHS[i]!, b: bands[i] ?? null });
      }
    }
    await ws.exec(`CREATE TABLE label_deals (partner_id VARCHAR, as_of DATE, deal_id VARCHAR, expected_close_on DATE, closed_on DATE, miss_reason VARCHAR)`);
    // An unmissed due deal, which must not appear.
    await ws.exec(`INSERT INTO label_deals VALUES ('A', '2024-03-31', 'A9', '2024-05-01', '2024-05-01', NULL)`);
    for (const [p, deal, reason, due, exp, closed] of MISSED) {
      for (const t of due) {
        await ws.exec(`INSERT INTO label_deals VALUES ($p, $t::DATE, $deal, $exp::DATE, $closed::DATE, $reason)`, { p, t, deal, exp, closed, reason });
      }
    }
    await buildLeadTimes(ws, 14);
  });
  afterAll(() => ws?.close());

  it('one row per distinct missed deal with its miss date, warning band and lead', async () => {
    const rows = await ws.query(
      `SELECT deal_id, miss_date, last_snapshot, last_band, run_start, flag_start, lead_days FROM backtest_lead_times ORDER BY deal_id`,
    );
    expect(rows).toEqual([
      // Yellow/Red since Apr 30 (Mar was Green): 46 days before the loss on Jun 15.
      { deal_id: 'A1', miss_date: '2024-06-15', last_snapshot: '2024-05-31', last_band: 'red', run_start: '2024-04-30', flag_start: '2024-04-30', lead_days: 46 },
      // Closed late: the miss is expected close + grace = Jun 3; last snapshot before is May 31.
      { deal_id: 'A2', miss_date: '2024-06-03', last_snapshot: '2024-05-31', last_band: 'red', run_start: '2024-04-30', flag_start: '2024-04-30', lead_days: 34 },
      // Lost on a month end: the Red snapshot of that same day already saw the loss, so Feb (Green) decides.
      { deal_id: 'B1', miss_date: '2024-03-31', last_snapshot: '2024-02-29', last_band: 'green', run_start: null, flag_start: null, lead_days: null },
      // Red all year, but the deal was first due on May 31: the warning counts from there.
      { deal_id: 'C1', miss_date: '2024-06-24', last_snapshot: '2024-05-31', last_band: 'red', run_start: '2024-01-31', flag_start: '2024-05-31', lead_days: 24 },
      // Unscored at the last snapshot before the miss: no warning.
      { deal_id: 'D1', miss_date: '2024-03-10', last_snapshot: '2024-02-29', last_band: 'unscored', run_start: null, flag_start: null, lead_days: null },
    ]);
  });

  it('summarises shares of all missed deals, histogram and quantiles', async () => {
    const r = await leadTimeResult(ws, empty());
    expect(r).toMatchObject({ missed_deals: 5, flagged: 3, not_flagged: 2, share_ge_30: 2 / 5, share_ge_60: 0, share_ge_90: 0 });
    expect(r.quantiles!.p50).toBe(34);
    expect(r.histogram.map((b) => b.count)).toEqual([1, 2, 0, 0, 0, 0]);
  });

  it('false alarms are Yellow/Red population snapshots with label 0, per partner-month', async () => {
    const pop = { ...empty(), n: 5, label: Float64Array.from([0, 1, 0, 1, 0]), band: Int8Array.from([1, 2, 0, 1, 2]) };
    const r = await leadTimeResult(ws, pop);
    expect(r.false_alarms).toEqual({ count: 2, partner_months: 5, per_partner_month: 0.4 });
  });
});
