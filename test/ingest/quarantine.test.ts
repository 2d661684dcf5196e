// --skip-invalid-rows: rows that fail a row-level check are set aside with file, line, column, value and
// reason; files losing too many rows, and every input by default, are refused with problems counted by kind.
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { InputError } from '../../pipeline/ingest/errors.js';
import type { QuarantineOptions } from '../../pipeline/ingest/quarantine.js';
import { csv, siModel, writeDir } from '../helpers/workspace.js';
import { int, text } from '../../pipeline/workspace/rows.js';

const partners = csv(['partner_id', 'name'], [['P1', 'One'], ['P2', 'Two']]);
const signalRows = Array.from({ length: 40 }, (_, i) => ['P1', 'portal_logins', `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, i]);
const dealRows = Array.from({ length: 30 }, (_, i) => [`D${i + 1}`, i % 2 ? 'P2' : 'P1', '2024-01-02', '2024-03-01', 'open', 100, '']);
const historyRows = dealRows.flatMap((d) => [[d[0], '2024-01-02', '2024-03-01'], [d[0], '2024-01-20', '2024-03-01']]);

function files(extra: { signals?: string; deals?: string; history?: string } = {}): Record<string, string> {
  return {
    'partners.csv': partners,
    'signals.csv': csv(['partner_id', 'signal', 'observed_on', 'value'], signalRows) + (extra.signals ?? ''),
    'deals.csv': csv(['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'], dealRows) + (extra.deals ?? ''),
    'deal_history.csv': csv(['deal_id', 'changed_on', 'expected_close_on'], historyRows) + (extra.history ?? ''),
  };
}

const BAD = {
  // line 42: impossible date; line 43: unknown partner
  signals: 'P1,portal_logins,2024-02-30,1\nP9,portal_logins,2024-01-05,1\n',
  // line 32: closed before registered
  deals: 'D31,P1,2024-01-10,2024-03-01,won,5,2024-01-05\n',
  // line 62: history of the rejected deal D31 (unknown once it is set aside); 63: before D1's registration; 64: after the cutoff
  history: 'D31,2024-01-10,2024-03-05\nD1,2023-12-31,2024-03-05\nD2,2024-02-15,2024-04-01\n',
};

const SKIP: QuarantineOptions = { skipInvalidRows: true, maxInvalidShare: 0.05 };

async function run(f: Record<string, string>, quarantine?: QuarantineOptions) {
  const ws = await openWorkspace(':memory:');
  try {
    const summary = await ingest(ws, writeDir(f), await siModel(), { quarantine, today: '2025-01-01' });
    const rejected = await ws.query('SELECT file, line, "column", value, reason FROM rejected_rows');
    const counts = await ws.rows({ t: text, n: int },
      `SELECT 'signals' t, count(*)::INTEGER n FROM signals UNION ALL SELECT 'deals', count(*) FROM deals UNION ALL SELECT 'deal_history', count(*) FROM deal_history ORDER BY t`,
    );
    return { summary, rejected, counts: Object.fromEntries(counts.map((c) => [c.t, c.n])) };
  } finally {
    ws.close();
  }
}

async function refusal(f: Record<string, string>, quarantine?: QuarantineOptions): Promise<InputError> {
  try {
    await run(f, quarantine);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('ingest accepted bad input');
}

describe('quarantine with --skip-invalid-rows', () => {
  it('sets exactly the failing rows aside, with file, line, column, value and reason, and keeps the rest', async () => {
    const { summary, rejected, counts } = await run(files(BAD), SKIP);
    expect(rejected).toEqual([
      { file: 'signals.csv', line: 42, column: 'observed_on', value: '2024-02-30', reason: 'not_a_date' },
      { file: 'signals.csv', line: 43, column: 'partner_id', value: 'P9', reason: 'unknown_partner' },
      { file: 'deals.csv', line: 32, column: 'closed_on', value: '2024-01-05', reason: 'closed_before_registered' },
      { file: 'deal_history.csv', line: 62, column: 'deal_id', value: 'D31', reason: 'unknown_deal' },
      { file: 'deal_history.csv', line: 63, column: 'changed_on', value: '2023-12-31', reason: 'changed_before_registered' },
      { file: 'deal_history.csv', line: 64, column: 'changed_on', value: '2024-02-15', reason: 'changed_after_cutoff' },
    ]);
    expect(counts).toEqual({ signals: 40, deals: 30, deal_history: 60 });
    expect(summary.rows).toMatchObject({ signals: 40, deals: 30, deal_history: 60 });
    expect(summary.rejected).toEqual([
      { file: 'deal_history.csv', reason: 'changed_after_cutoff', count: 1 },
      { file: 'deal_history.csv', reason: 'changed_before_registered', count: 1 },
      { file: 'deal_history.csv', reason: 'unknown_deal', count: 1 },
      { file: 'deals.csv', reason: 'closed_before_registered', count: 1 },
      { file: 'signals.csv', reason: 'not_a_date', count: 1 },
      { file: 'signals.csv', reason: 'unknown_partner', count: 1 },
    ]);
  });

  it('keeps the raw row and joins the problems of a row that fails two checks', async () => {
    const ws = await openWorkspace(':memory:');
    await ingest(ws, writeDir(files({ signals: 'P9,portal_logins,someday,1\n' })), await siModel(), { quarantine: SKIP, today: '2025-01-01' });
    const rows = await ws.query('SELECT line, "column", value, reason, raw_row FROM rejected_rows');
    expect(rows).toEqual([{
      line: 42, column: 'observed_on; partner_id', value: 'someday; P9', reason: 'not_a_date; unknown_partner',
      raw_row: '{"partner_id":"P9","signal":"portal_logins","observed_on":"someday","value":"1","source":null}',
    }]);
    ws.close();
  });

  it('counts a row once per reason, however many of its columns have that problem', async () => {
    const ws = await openWorkspace(':memory:');
    const summary = await ingest(ws, writeDir(files({ deals: 'D31,P1,2024-13-01,2024-14-01,open,5,\n' })), await siModel(), { quarantine: SKIP, today: '2025-01-01' });
    expect(await ws.query('SELECT reason FROM rejected_rows')).toEqual([{ reason: 'not_a_date; not_a_date' }]);
    expect(summary.rejected).toEqual([{ file: 'deals.csv', reason: 'not_a_date', count: 1 }]);
    ws.close();
  });

  it('refuses a file when more than --max-invalid-share of its rows would be dropped', async () => {
    const e = await refusal(files(BAD), { skipInvalidRows: true, maxInvalidShare: 0.04 });
    expect(e.message).toContain('signals.csv: 2 of 42 rows (4.8%) fail a check, more than the 4%');
    expect(e.message).toContain('By kind: signals.csv not_a_date 1; signals.csv unknown_partner 1');
  });

  it('is strict by default, and counts every problem by kind, not just the first 25', async () => {
    const many = Array.from({ length: 30 }, (_, i) => `P1,portal_logins,2024-01-${40 + i},1\n`).join('') + 'P8,portal_logins,2024-01-03,1\n';
    const e = await refusal(files({ signals: many }));
    expect(e.total).toBe(31);
    expect(e.issues).toHaveLength(25);
    expect(e.message).toMatch(/^Input refused \(31 problems\):/);
    expect(e.message).toContain('… and 6 more');
    expect(e.message).toContain('By kind: signals.csv not_a_date 30; signals.csv unknown_partner 1');
    expect(e.message).toContain('--skip-invalid-rows');
  });

  it('still refuses structural problems', async () => {
    const e = await refusal({ ...files(), 'deal_history.csv': 'deal_id,expected_close_on\nD1,2024-03-01\n' }, SKIP);
    expect(e.message).toContain('deal_history.csv, line 1, column changed_on: required column is missing');
  });
});
