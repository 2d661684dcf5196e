// Labels and deal signals with deal history, deal by deal: the close date as known at each snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLabels, type LabelCounts } from '../../pipeline/label/labels.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { csv, model, scoreDir, writeDir } from '../helpers/workspace.js';
import { nullable, num, text } from '../../pipeline/workspace/rows.js';

const MODEL = model({
  name: 'history-test', version: '1', description: 'logins plus the close-date pushes signal', min_coverage: 0.5,
  dimensions: { engagement: { label: 'Engagement', weight: 0.5 }, performance: { label: 'Performance', weight: 0.5 } },
  signals: {
    portal_logins: { dimension: 'engagement', aggregation: 'sum', window_days: 90, direction: 'higher', normalization: { method: 'linear', floor: 0, target: 100 }, weight: 1 },
    close_date_pushes: { dimension: 'performance', aggregation: 'sum', window_days: 90, direction: 'lower', normalization: { method: 'linear', floor: 3, target: 0 }, weight: 1 },
  },
  bands: { green_min: 70, red_below: 40 },
  playbooks: [{ band: 'yellow', weakest: '*', playbook: 'outreach_call', action: 'Call.' }, { band: 'red', weakest: '*', playbook: 'exec_sponsor', action: 'Escalate.' }],
});

const CUTOFF = '2025-03-31'; // labelled snapshots: T + 90 + 14 ≤ cutoff → up to 2024-11-30

// [deal_id, registered_on, expected_close_on (final, as the CRM export shows it), status, closed_on, amount]
const DEALS: Array<[string, string, string, string, string, number]> = [
  // pushed three times (Aug 1 → Sep 15 → Oct 31 → Dec 5), then won on Dec 1: on time against the final date only
  ['PUSHED3', '2024-05-01', '2024-12-05', 'won', '2024-12-01', 100],
  // never pushed, closes on time; its amount grew from 50 to 80 on Jul 10
  ['STEADY', '2024-05-01', '2024-08-20', 'won', '2024-08-15', 80],
  // no history rows at all: the deal file's values are all there is
  ['NOHIST', '2024-06-01', '2024-09-01', 'lost', '2024-08-20', 10],
  // pulled in (Oct 15 → Aug 25), not a push; won on Aug 24
  ['PULLED', '2024-06-01', '2024-08-25', 'won', '2024-08-24', 20],
];

// [deal_id, changed_on, expected_close_on, amount, stage]
const HISTORY: Array<[string, string, string, number | null, string]> = [
  ['PUSHED3', '2024-05-01', '2024-08-01', 100, 'discovery'],
  ['PUSHED3', '2024-07-25', '2024-09-15', null, ''],
  ['PUSHED3', '2024-09-10', '2024-10-31', null, 'proposal'],
  ['PUSHED3', '2024-10-25', '2024-12-05', null, ''],
  ['STEADY', '2024-05-01', '2024-08-20', 50, 'discovery'],
  ['STEADY', '2024-07-10', '', 80, 'negotiation'],
  ['PULLED', '2024-06-01', '2024-10-15', 20, 'discovery'],
  ['PULLED', '2024-07-20', '2024-08-25', null, ''],
];

function fixture(withHistory: boolean): string {
  const signals: (string | number)[][] = [];
  for (let m = 1; m <= 12; m++) signals.push(['P1', 'portal_logins', `2024-${String(m).padStart(2, '0')}-15`, 60]);
  signals.push(['P1', 'portal_logins', '2025-03-31', 60]);
  return writeDir({
    'partners.csv': csv(['partner_id', 'name'], [['P1', 'Partner One']]),
    'signals.csv': csv(['partner_id', 'signal', 'observed_on', 'value'], signals),
    'deals.csv': csv(['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
      DEALS.map(([id, reg, exp, status, closed, amount]) => [id, 'P1', reg, exp, status, amount, closed])),
    ...(withHistory ? { 'deal_history.csv': csv(['deal_id', 'changed_on', 'expected_close_on', 'amount', 'stage'], HISTORY) } : {}),
  });
}

type Due = Record<string, { expected: string; reason: string | null; amount: number }>;

async function dueBySnapshot(ws: Workspace): Promise<Record<string, Due>> {
  const rows = await ws.rows({ as_of: text, deal_id: text, expected_close_on: text, miss_reason: nullable(text), amount: num },
    'SELECT as_of, deal_id, expected_close_on, miss_reason, amount FROM label_deals ORDER BY as_of, deal_id',
  );
  const out: Record<string, Due> = {};
  for (const r of rows) (out[r.as_of] ??= {})[r.deal_id] = { expected: r.expected_close_on, reason: r.miss_reason, amount: r.amount };
  return out;
}

describe('labels with deal history', () => {
  let hist: Workspace;
  let flat: Workspace;
  let histCounts: LabelCounts;
  let flatCounts: LabelCounts;
  beforeAll(async () => {
    hist = (await scoreDir(fixture(true), MODEL, CUTOFF)).ws;
    flat = (await scoreDir(fixture(false), MODEL, CUTOFF)).ws;
    histCounts = await buildLabels(hist, { horizonDays: 90, graceDays: 14, cutoff: CUTOFF });
    flatCounts = await buildLabels(flat, { horizonDays: 90, graceDays: 14, cutoff: CUTOFF });
  });
  afterAll(() => {
    hist?.close();
    flat?.close();
  });

  it('due deals, the close date known at T and miss reasons, deal by deal and snapshot by snapshot', async () => {
    expect(await dueBySnapshot(hist)).toEqual({
      '2024-05-31': {
        PUSHED3: { expected: '2024-08-01', reason: 'closed_late', amount: 100 },
        STEADY: { expected: '2024-08-20', reason: null, amount: 50 },
      },
      '2024-06-30': {
        NOHIST: { expected: '2024-09-01', reason: 'lost', amount: 10 },
        PUSHED3: { expected: '2024-08-01', reason: 'closed_late', amount: 100 },
        STEADY: { expected: '2024-08-20', reason: null, amount: 50 },
      },
      '2024-07-31': {
        NOHIST: { expected: '2024-09-01', reason: 'lost', amount: 10 },
        PULLED: { expected: '2024-08-25', reason: null, amount: 20 },
        PUSHED3: { expected: '2024-09-15', reason: 'closed_late', amount: 100 },
        STEADY: { expected: '2024-08-20', reason: null, amount: 80 },
      },
      '2024-08-31': { PUSHED3: { expected: '2024-09-15', reason: 'closed_late', amount: 100 } },
      '2024-09-30': { PUSHED3: { expected: '2024-10-31', reason: 'closed_late', amount: 100 } },
      '2024-10-31': { PUSHED3: { expected: '2024-12-05', reason: null, amount: 100 } },
      '2024-11-30': { PUSHED3: { expected: '2024-12-05', reason: null, amount: 100 } },
    });
    // PULLED is not due at Jun 30: as known then it was expected on Oct 15, beyond T + 90 (the pull-in came on Jul 20)
  });

  it('without history the same deal, measured against its final close date, is never a miss', async () => {
    const flatDue = await dueBySnapshot(flat);
    const pushed = Object.entries(flatDue).filter(([, d]) => d.PUSHED3).map(([t, d]) => [t, d.PUSHED3!.reason]);
    expect(pushed).toEqual([['2024-09-30', null], ['2024-10-31', null], ['2024-11-30', null]]);
    const histPushed = Object.values(await dueBySnapshot(hist)).filter((d) => d.PUSHED3?.reason).length;
    expect(histPushed).toBe(5); // May to September: each time the date known then passed long before the close
  });

  it('counts what history changed: missed deals with history vs against final dates alone', () => {
    expect(histCounts.missedDeals).toBe(7); // deal-snapshots: PUSHED3 at five snapshots, NOHIST at two
    expect(histCounts.distinctMissedDeals).toBe(2); // PUSHED3 and NOHIST
    expect(histCounts.distinctMissedDealsFinalDates).toBe(1); // only NOHIST (lost)
    expect(flatCounts.distinctMissedDealsFinalDates).toBeNull();
    expect(flatCounts.missedDeals).toBe(2);
    expect(flatCounts.distinctMissedDeals).toBe(1);
  });

  it('close_date_pushes counts pushes in the window as known at T', async () => {
    const rows = await hist.rows({ as_of: text, raw_value: num },
      `SELECT as_of, raw_value FROM signal_scores WHERE signal = 'close_date_pushes' AND as_of BETWEEN '2024-05-31' AND '2025-01-31' ORDER BY as_of`,
    );
    expect(rows.map((r) => [r.as_of, r.raw_value])).toEqual([
      ['2024-05-31', 0], ['2024-06-30', 0], ['2024-07-31', 1], ['2024-08-31', 1], ['2024-09-30', 2],
      ['2024-10-31', 2], ['2024-11-30', 2], ['2024-12-31', 1], ['2025-01-31', 0],
    ]);
    const flatRows = await flat.rows({ v: num },`SELECT max(raw_value) AS v FROM signal_scores WHERE signal = 'close_date_pushes'`);
    expect(flatRows[0]!.v).toBe(0);
  });

  it('pipeline amount uses the amount known at T', async () => {
    const rows = await hist.rows({ as_of: text, amount: num },
      `SELECT as_of, sum(amount) FILTER (WHERE is_open) AS amount FROM (
         SELECT s.as_of, t.amount, t.is_open FROM snapshots s JOIN deals d ON d.registered_on <= s.as_of
         ASOF JOIN deal_timeline t ON t.deal_id = d.deal_id AND t.valid_from <= s.as_of)
       WHERE as_of IN ('2024-06-30', '2024-07-31') GROUP BY as_of ORDER BY as_of`,
    );
    expect(rows).toEqual([{ as_of: '2024-06-30', amount: 180 }, { as_of: '2024-07-31', amount: 210 }]);
  });
});
