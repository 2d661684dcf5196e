// A typed CSV load starts with the header its first line spells (shape.ts plainHeader) while DuckDB's own
// reading of the header is asked beside it (typed.ts): where the two differ, the file is read as before.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { plainHeader } from '../../pipeline/ingest/shape.js';
import { csv, siModel, writeDir } from '../helpers/workspace.js';

const PARTNERS = csv(['partner_id', 'name'], [['P1', 'Alpha'], ['P2', 'Beta']]);
const DEALS = csv(
  ['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
  [['D1', 'P1', '2024-01-01', '2024-03-01', 'won', 100, '2024-02-20']],
);
const ROWS = 'P1,portal_logins,2024-01-05,3\nP2,portal_logins,2024-01-06,5\n';

async function signalsOf(signals: string): Promise<{ rows: unknown; table: unknown } | string> {
  const dir = writeDir({ 'partners.csv': PARTNERS, 'signals.csv': signals, 'deals.csv': DEALS });
  const ws = await openWorkspace(':memory:');
  try {
    const s = await ingest(ws, dir, await siModel(), { today: '2026-01-01', beside: true });
    return { rows: s.rows.signals, table: await ws.query('SELECT * FROM signals') };
  } catch (err) {
    return (err as Error).message;
  } finally {
    ws.close();
  }
}

describe('plainHeader', () => {
  it('reads the names of a plain first line, and nothing else', async () => {
    const dir = writeDir({
      'plain.csv': 'partner_id,Signal,observed_on\r\nP1,a,2024-01-01\n', 'quoted.csv': '"partner_id",signal\nP1,a\n',
      'bom.csv': '\ufeffpartner_id,signal\nP1,a\n', 'semi.csv': 'partner_id;signal\nP1;a\n', 'spaced.csv': 'partner_id, signal\nP1,a\n',
      'one-line.csv': 'partner_id,signal', 'empty-name.csv': 'partner_id,,signal\nP1,,a\n',
    });
    expect(await plainHeader(join(dir, 'plain.csv'))).toEqual(['partner_id', 'Signal', 'observed_on']);
    for (const f of ['quoted.csv', 'bom.csv', 'semi.csv', 'spaced.csv', 'one-line.csv', 'empty-name.csv']) {
      expect(await plainHeader(join(dir, f))).toBeUndefined();
    }
  });
});

describe('typed load with the header as spelled', () => {
  it('reads a plain file typed', async () => {
    expect(await signalsOf('partner_id,signal,observed_on,value\n' + ROWS)).toEqual({
      rows: 2,
      table: [
        { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-05', value: 3, source: null },
        { partner_id: 'P2', signal: 'portal_logins', observed_on: '2024-01-06', value: 5, source: null },
      ],
    });
  });

  it('a title line DuckDB skips is not taken for the header', async () => {
    expect(await signalsOf('report\npartner_id,signal,observed_on,value\n' + ROWS)).toEqual({
      rows: 2,
      table: [
        { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-05', value: 3, source: null },
        { partner_id: 'P2', signal: 'portal_logins', observed_on: '2024-01-06', value: 5, source: null },
      ],
    });
  });

  it('a header DuckDB splits otherwise is refused as before', async () => {
    const msg = await signalsOf('partner_id,signal,observed_on,value\n' + ROWS.replaceAll(',', ';'));
    expect(msg).toContain('signals.csv');
    expect(msg).toContain('required column is missing');
  });
});
