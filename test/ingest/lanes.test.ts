// The inputs are staged on two connections at once (lanes.ts): what ingest reports must still be what the
// one-by-one loop reported — the first failing input in contract order, problems numbered file by file
// in contract order, and quarantine seeing the rows earlier files set aside.
import { describe, expect, it } from 'vitest';
import type { IngestOptions, IngestSummary } from '../../pipeline/ingest/ingest.js';
import { csv, ingestDir, refusedDir, writeDir } from '../helpers/workspace.js';

const PARTNERS = csv(['partner_id', 'name'], [['P1', 'Alpha'], ['P2', 'Beta']]);
const SIGNALS = csv(['partner_id', 'signal', 'observed_on', 'value'], [['P1', 'portal_logins', '2024-01-05', 3], ['P2', 'portal_logins', '2024-01-06', 5]]);
const DEALS = csv(
  ['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
  [['D1', 'P1', '2024-01-01', '2024-03-01', 'won', 100, '2024-02-20'], ['D2', 'P2', '2024-01-01', '2024-03-01', 'open', 50, '']],
);
const HISTORY = csv(['deal_id', 'changed_on', 'stage'], [['D1', '2024-01-10', 'proposal'], ['D2', '2024-01-12', 'proposal']]);
const good = { 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'deals.csv': DEALS, 'deal_history.csv': HISTORY };

/** Ingest on two connections, small as the data is; with quarantine when `skipInvalidRows`. */
const lanes = (skipInvalidRows = false): IngestOptions => ({ quarantine: { skipInvalidRows, maxInvalidShare: 0.5 }, beside: true });
const ingestBeside = (dir: string, skipInvalidRows = false): Promise<IngestSummary> => ingestDir(dir, lanes(skipInvalidRows));
const refused = (dir: string): Promise<string> => refusedDir(dir, lanes());

describe('ingest on two connections', () => {
  it('refuses with the first failing input in contract order, whichever connection staged it', async () => {
    // partners (second connection) and signals (the workspace's own) both cannot be read: partners wins
    const both = await refused(writeDir({ ...good, 'partners.csv': '', 'signals.csv': '\ufeff\0p\0' }));
    expect(both).toContain('partners.csv: file is empty');
    expect(both).not.toContain('signals.csv');
    // signals before deals
    const later = await refused(writeDir({ ...good, 'signals.csv': 'partner_id,signal\n', 'deals.csv': '' }));
    expect(later).toContain('signals.csv');
    expect(later).not.toContain('deals.csv');
    // a missing required input is reported only when every input found could be staged
    const missing = await refused(writeDir({ 'signals.csv': SIGNALS, 'deals.csv': DEALS }));
    expect(missing).toContain('partners.csv: required input not found');
    const missingAndBad = await refused(writeDir({ 'signals.csv': SIGNALS, 'deals.csv': '' }));
    expect(missingAndBad).toContain('deals.csv: file is empty');
    expect(missingAndBad).not.toContain('required input not found');
  });

  it('lists problems file by file in contract order, every file checked', async () => {
    const msg = await refused(writeDir({
      'partners.csv': PARTNERS + 'P3,#N/A\n',
      'signals.csv': SIGNALS + 'P9,portal_logins,2024-01-07,1\n',
      'deals.csv': DEALS + 'D3,P1,2024-01-01,2024-03-01,maybe,10,\n',
      'deal_history.csv': HISTORY + 'D9,2024-01-15,proposal\n',
    }));
    const lines = msg.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toEqual([
      '  - partners.csv, line 4, column name: expected text, not a spreadsheet error value (got "#N/A")',
      '  - signals.csv, line 4, column partner_id: unknown partner (expected a partner_id listed in partners) (got "P9")',
      '  - deals.csv, line 4, column status: expected one of won, lost, open (got "maybe")',
      '  - deal_history.csv, line 4, column deal_id: unknown deal (expected a deal_id listed in deals) (got "D9")',
    ]);
  });

  it('a problem only in the last input is found after the others were found clean beside the signals', async () => {
    const msg = await refused(writeDir({ ...good, 'deal_history.csv': HISTORY + 'D1,2023-12-01,proposal\n' }));
    expect(msg).toContain('deal_history.csv, line 4, column changed_on: change dated before the deal was registered');
  });

  it('quarantine: history checks see the deals set aside before them', async () => {
    const s = await ingestBeside(writeDir({
      ...good,
      'deals.csv': DEALS + 'D3,P1,2024-01-01,2024-03-01,maybe,10,\n',
      'deal_history.csv': HISTORY + 'D3,2024-01-15,proposal\n',
    }), true);
    expect(s.rows).toMatchObject({ partners: 2, signals: 2, deals: 2, deal_history: 2 });
    expect(s.rejected).toEqual([
      { file: 'deal_history.csv', reason: 'unknown_deal', count: 1 },
      { file: 'deals.csv', reason: 'unknown_status', count: 1 },
    ]);
  });

  it('ids read as written are trimmed by their first check, before the history that names them is checked', async () => {
    const padded = DEALS.replace('D1,P1', ' D1 ,P1').replace('D2,P2', 'D2\u00a0,P2');
    const s = await ingestBeside(writeDir({ ...good, 'deals.csv': padded, 'deal_history.csv': HISTORY.replace('D2,', ' D2,') }));
    expect(s.rows).toEqual({ partners: 2, signals: 2, deals: 2, deal_history: 2 });
    const msg = await refused(writeDir({ ...good, 'deals.csv': padded, 'deal_history.csv': HISTORY + ' D3 ,2024-01-15,proposal\n' }));
    expect(msg).toContain('deal_history.csv, line 4, column deal_id: unknown deal (expected a deal_id listed in deals) (got " D3 ")');
  });

  it('clean inputs are staged and typed as before', async () => {
    const s = await ingestBeside(writeDir(good));
    expect(s.rows).toEqual({ partners: 2, signals: 2, deals: 2, deal_history: 2 });
    expect(s.hasDealHistory).toBe(true);
  });
});
