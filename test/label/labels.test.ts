// Labels checked deal by deal on a hand-built partner (DESIGN.md "Labels: what a missed deal is").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLabels, type LabelCounts } from '../../pipeline/label/labels.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { csv, model, scoreDir, writeDir } from '../helpers/workspace.js';
import { nullable, num, text } from '../../pipeline/workspace/rows.js';

const TINY_MODEL = model({
  name: 'label-test', version: '1', description: 'one signal is enough to get a composite', min_coverage: 0.5,
  dimensions: { engagement: { label: 'Engagement', weight: 1 } },
  signals: {
    portal_logins: { dimension: 'engagement', aggregation: 'sum', window_days: 90, direction: 'higher', normalization: { method: 'linear', floor: 0, target: 100 }, weight: 1 },
  },
  bands: { green_min: 70, red_below: 40 },
  playbooks: [{ band: 'yellow', weakest: '*', playbook: 'outreach_call', action: 'Call.' }, { band: 'red', weakest: '*', playbook: 'exec_sponsor', action: 'Escalate.' }],
});

const CUTOFF = '2024-12-31';
const T = '2024-06-30'; // the snapshot under test: due window (2024-06-30, 2024-09-28]

// [deal_id, registered_on, expected_close_on, status, closed_on] — all for partner P1, amount 100.
const DEALS: Array<[string, string, string, string, string]> = [
  ['LOST', '2024-05-01', '2024-08-15', 'lost', '2024-08-01'], // due, lost
  ['LATE20', '2024-05-01', '2024-08-01', 'won', '2024-08-21'], // due, closed 20 d late > grace 14
  ['LATE10', '2024-05-01', '2024-08-01', 'won', '2024-08-11'], // due, 10 d late: within grace
  ['OPEN', '2024-06-01', '2024-09-15', 'open', ''], // due, still open 107 d past due at the cutoff
  ['POSTCUT', '2024-06-01', '2024-09-20', 'won', '2025-01-10'], // due, won after the cutoff: open past due as far as we know
  ['ONTIME', '2024-05-01', '2024-09-01', 'won', '2024-08-25'], // due, fine
  ['EDGE', '2024-06-01', '2024-09-28', 'won', '2024-09-28'], // due: expected close exactly T + H
  ['CLOSEDBEFORE', '2024-04-01', '2024-08-01', 'won', '2024-06-15'], // closed before T: not due
  ['CLOSEDATT', '2024-05-01', '2024-07-15', 'won', '2024-06-30'], // closed on T: not due
  ['REGAFTER', '2024-07-05', '2024-08-20', 'won', '2024-08-20'], // registered after T: not due
  ['BEYOND', '2024-06-01', '2024-10-15', 'won', '2024-10-15'], // expected after T + H: not due
  ['DUEATT', '2024-05-01', '2024-06-30', 'won', '2024-07-02'], // expected close on T itself: not due (window is open at T)
];

function fixture(): string {
  const signals: (string | number)[][] = [];
  for (let m = 1; m <= 12; m++) signals.push(['P1', 'portal_logins', `2024-${String(m).padStart(2, '0')}-15`, 20]);
  return writeDir({
    'partners.csv': csv(['partner_id', 'name', 'type'], [['P1', 'Partner One', 'SI']]),
    'signals.csv': csv(['partner_id', 'signal', 'observed_on', 'value'], signals),
    'deals.csv': csv(['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
      DEALS.map(([id, reg, exp, status, closed]) => [id, 'P1', reg, exp, status, 100, closed])),
  });
}

async function dueAt(ws: Workspace, asOf: string): Promise<Record<string, string | null>> {
  const rows = await ws.rows({ deal_id: text, miss_reason: nullable(text) },
    `SELECT deal_id, miss_reason FROM label_deals WHERE as_of = $t::DATE ORDER BY deal_id`, { t: asOf },
  );
  return Object.fromEntries(rows.map((r) => [r.deal_id, r.miss_reason]));
}

/** A scored workspace of the fixture for a test that relabels it (the shared one stays as built). */
async function ownWorkspace(): Promise<Workspace> {
  return (await scoreDir(fixture(), TINY_MODEL, CUTOFF)).ws;
}

describe('labels', () => {
  let ws: Workspace;
  let counts: LabelCounts;
  beforeAll(async () => {
    ws = (await scoreDir(fixture(), TINY_MODEL, CUTOFF)).ws;
    counts = await buildLabels(ws, { horizonDays: 90, graceDays: 14, cutoff: CUTOFF });
  });
  afterAll(() => ws?.close());

  it('the partner is scored at T', async () => {
    const [h] = await ws.rows({ composite: nullable(num) }, `SELECT composite FROM health WHERE as_of = $t::DATE`, { t: T });
    expect(h!.composite).not.toBeNull();
  });

  it('due deals at T and their miss reasons, deal by deal', async () => {
    expect(await dueAt(ws, T)).toEqual({
      EDGE: null,
      LATE10: null,
      LATE20: 'closed_late',
      LOST: 'lost',
      ONTIME: null,
      OPEN: 'open_past_due',
      POSTCUT: 'open_past_due',
    });
  });

  it('an outcome after the cutoff is unknown: the deal counts as open at the cutoff', async () => {
    const [d] = await ws.rows({ status_at_cutoff: text, closed_on: nullable(text) },
      `SELECT status_at_cutoff, closed_on FROM label_deals WHERE deal_id = 'POSTCUT' AND as_of = $t::DATE`, { t: T },
    );
    expect(d).toEqual({ status_at_cutoff: 'open', closed_on: null });
  });

  it('the snapshot label aggregates its due deals', async () => {
    const [l] = await ws.query(
      `SELECT due_deals, missed_deals, label, due_amount, missed_amount FROM labels WHERE as_of = $t::DATE`, { t: T },
    );
    expect(l).toEqual({ due_deals: 7, missed_deals: 4, label: 1, due_amount: 700, missed_amount: 400 });
  });

  it('a registered-after-T deal becomes due at a later snapshot', async () => {
    expect(Object.keys(await dueAt(ws, '2024-07-31'))).toContain('REGAFTER');
    expect(Object.keys(await dueAt(ws, '2024-07-31'))).toContain('BEYOND'); // 2024-10-15 is within (Jul 31, Oct 29]
  });

  it('censors snapshots whose outcome window ends after the cutoff', async () => {
    const rows = await ws.rows({ as_of: text }, `SELECT as_of FROM labels ORDER BY as_of`);
    const last = rows[rows.length - 1]!.as_of;
    expect(last).toBe('2024-08-31'); // 2024-08-31 + 104 d = 2024-12-13 ≤ cutoff; 2024-09-30 + 104 d > cutoff
    const [h] = await ws.rows({ n: num }, `SELECT count(*) AS n FROM health`);
    expect(counts.snapshots).toBe(h!.n);
    expect(counts.censored).toBe(4); // Sep, Oct, Nov, Dec
    expect(counts.population + counts.noDueDeal + counts.unscored + counts.censored).toBe(counts.snapshots);
    const [bad] = await ws.rows({ n: num }, `SELECT count(*) AS n FROM label_deals WHERE as_of > '2024-08-31'`);
    expect(bad!.n).toBe(0);
  });

  it('a deal still open exactly G days past due at the cutoff is already a miss (it can only close later)', async () => {
    // OPEN is expected 2024-09-15 = T + 77 d; with H = 77 and cutoff 2024-09-29 = T + H + G the snapshot is
    // just uncensored and OPEN is still open exactly 14 days past due.
    const own = await ownWorkspace();
    await buildLabels(own, { horizonDays: 77, graceDays: 14, cutoff: '2024-09-29' });
    expect((await dueAt(own, T)).OPEN).toBe('open_past_due');
    await buildLabels(own, { horizonDays: 77, graceDays: 14, cutoff: '2024-09-28' });
    expect(await dueAt(own, T)).toEqual({}); // one day earlier the snapshot is censored
    own.close();
  });

  it('a grace of 7 days turns the 10-days-late deal into a miss', async () => {
    const own = await ownWorkspace();
    const c7 = await buildLabels(own, { horizonDays: 90, graceDays: 7, cutoff: CUTOFF });
    const due = await dueAt(own, T);
    expect(due.LATE10).toBe('closed_late');
    expect(due.ONTIME).toBeNull();
    expect(c7.missedDeals).toBeGreaterThan(counts.missedDeals);
    own.close();
  });
});
