// A clean CSV is read straight into its contract types (ingest/typed.ts); its tables must hold exactly
// what the text path makes of the same rows. JSON inputs always take the text path, so the same rows
// as JSON are the reference.
import { describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { INPUTS } from '../../pipeline/ingest/contract.js';
import { readTypedCsv } from '../../pipeline/ingest/typed.js';
import { once } from '../helpers/fixtures.js';
import { csv, siModel, writeDir } from '../helpers/workspace.js';

const NBSP = '\u00a0';
const IDEOGRAPHIC_SPACE = '\u3000';
const PARTNERS = { header: ['partner_id', 'name'], rows: [['P1', 'One'], ['P2', 'Two']] };
// padded ids and text (ASCII and no-break spaces), a timestamp for a date, numbers with spaces and exponents
const SIGNALS = {
  header: ['partner_id', 'signal', 'observed_on', 'value', 'source'],
  rows: [
    [' P1 ', 'portal_logins ', ' 2024-01-05 ', ' 3 ', ' portal'],
    ['P2', `${NBSP}portal_logins`, '2024-01-06 10:30:00', '1e3', ''],
    ['P1', 'Portal_Logins', '2024-01-07', '2.50', `lms${NBSP}`],
  ],
};
const DEALS = {
  header: ['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
  rows: [['D1', 'P1', '2024-01-01', '2024-03-01', ' Won ', '100.0', '2024-02-20'], ['D2 ', 'P2', '2024-01-01', '2024-03-01', 'OPEN', ' 50', '']],
};

type Table = { header: string[]; rows: string[][] };
const asJson = (t: Table): string => t.rows.map((r) => JSON.stringify(Object.fromEntries(t.header.map((h, i) => [h, r[i] === '' ? null : r[i]])))).join('\n') + '\n';

async function ingested(files: Record<string, string>, look: (ws: Workspace) => Promise<unknown>): Promise<unknown> {
  const ws = await openWorkspace(':memory:');
  try {
    await ingest(ws, writeDir(files), await siModel(), { today: '2025-01-01' });
    return await look(ws);
  } finally {
    ws.close();
  }
}

const tables = async (ws: Workspace): Promise<unknown> => ({
  signals: await ws.query('SELECT * FROM signals'),
  deals: await ws.query('SELECT * FROM deals'),
});

// Read typed (every date and number casts), with ids and text that need trimming only in some rows: a
// quoted blank, padding with ASCII, no-break and ideographic spaces, and non-ASCII text that needs none.
const PADDED_SIGNALS = [
  'partner_id,signal,observed_on,value,source',
  `P1,portal_logins,2024-01-05,3,portal`,
  ` P2 ,${NBSP}portal_logins,2024-01-06,1e3,""`,
  `P1,portal_logins${IDEOGRAPHIC_SPACE}, 2024-01-07 ,2.50,lms${NBSP}`,
  `P2,Portal_Logins,2024-01-08, 4 ,"  "`,
  `P1,portal_logins,2024-01-09,5,Zürich`,
].join('\n') + '\n';

/**
 * The clean CSV files ingested once, for the two tests that read the result: its tables and its staging
 * tables left (one ingest fewer, ~0.15 CPU s).
 */
const cleanCsv = once(async () => (await ingested(
  { 'partners.csv': csv(PARTNERS.header, PARTNERS.rows), 'signals.csv': csv(SIGNALS.header, SIGNALS.rows), 'deals.csv': csv(DEALS.header, DEALS.rows) },
  async (ws) => ({ tables: await tables(ws), names: await ws.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'raw_%' ORDER BY 1`) }),
)) as { tables: unknown; names: unknown });

describe('typed CSV staging', () => {
  it('trims ids and text read as written only where needed, to what the text path holds', async () => {
    const signals = INPUTS.find((s) => s.name === 'signals')!;
    const ws = await openWorkspace(':memory:');
    try {
      const dir = writeDir({ 'signals.csv': PADDED_SIGNALS });
      expect(await readTypedCsv(ws, signals, `${dir}/signals.csv`, 'raw_signals')).toEqual({ columns: ['partner_id', 'signal', 'observed_on', 'value', 'source'], rows: 5 });
      expect(await ws.query('SELECT * FROM raw_signals')).toEqual([
        { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-05', value: 3, source: 'portal' },
        { partner_id: 'P2', signal: 'portal_logins', observed_on: '2024-01-06', value: 1000, source: null },
        { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-07', value: 2.5, source: 'lms' },
        { partner_id: 'P2', signal: 'Portal_Logins', observed_on: '2024-01-08', value: 4, source: null },
        { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-09', value: 5, source: 'Zürich' },
      ]);
    } finally {
      ws.close();
    }
    const partners = csv(PARTNERS.header, PARTNERS.rows);
    const deals = csv(DEALS.header, DEALS.rows);
    const fromCsv = await ingested({ 'partners.csv': partners, 'signals.csv': PADDED_SIGNALS, 'deals.csv': deals }, tables);
    const fromText = await ingested({ 'partners.csv': partners, 'signals.json': asJson({
      header: ['partner_id', 'signal', 'observed_on', 'value', 'source'],
      rows: PADDED_SIGNALS.trim().split('\n').slice(1).map((l) => l.split(',').map((v) => v.replace(/^"(.*)"$/, '$1'))),
    }), 'deals.csv': deals }, tables);
    expect(fromCsv).toEqual(fromText);
  });


  it('holds the same values as the text path, trimmed, cast and lower-cased the same way', async () => {
    const { tables: fromCsv } = await cleanCsv();
    const fromJson = await ingested({ 'partners.csv': csv(PARTNERS.header, PARTNERS.rows), 'signals.json': asJson(SIGNALS), 'deals.json': asJson(DEALS) }, tables);
    expect(fromCsv).toEqual(fromJson);
    expect(fromCsv).toEqual({
      signals: [
        { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-05', value: 3, source: 'portal' },
        { partner_id: 'P2', signal: 'portal_logins', observed_on: '2024-01-06', value: 1000, source: null },
        { partner_id: 'P1', signal: 'Portal_Logins', observed_on: '2024-01-07', value: 2.5, source: 'lms' },
      ],
      deals: [
        { deal_id: 'D1', partner_id: 'P1', registered_on: '2024-01-01', expected_close_on: '2024-03-01', status: 'won', amount: 100, closed_on: '2024-02-20', stage: null },
        { deal_id: 'D2', partner_id: 'P2', registered_on: '2024-01-01', expected_close_on: '2024-03-01', status: 'open', amount: 50, closed_on: null, stage: null },
      ],
    });
  });

  it('keeps raw_partners (extra attributes, as text) and no other staging table', async () => {
    const { names } = await cleanCsv();
    expect(names).toEqual([{ table_name: 'raw_partners' }]);
  });

  // DuckDB reads 'infinity' and '-infinity' as DATEs; neither is a calendar date. Before, only a past-only
  // column refused '+infinity' (as a future date) and '-infinity' went into signals.
  // A JSON file's keys are read as text too: typed, DuckDB's read_json took "infinity" in a column of ISO
  // dates as 1900-01-01, and the file was accepted with that date.
  it('refuses an infinite date as not a date, from CSV and JSON, naming row and column', async () => {
    for (const d of ['infinity', '-infinity']) {
      const rows = [SIGNALS.rows[0]!, [...SIGNALS.rows[0]!.slice(0, 2), d, ...SIGNALS.rows[0]!.slice(3)]];
      const expected = `column observed_on: expected a date as YYYY-MM-DD (a valid calendar date between 1900 and 2100) (got "${d}")`;
      const base = { 'partners.csv': csv(PARTNERS.header, PARTNERS.rows), 'deals.csv': csv(DEALS.header, DEALS.rows) };
      await expect(ingested({ ...base, 'signals.csv': csv(SIGNALS.header, rows) }, async () => 'accepted')).rejects.toThrow(`signals.csv, line 3, ${expected}`);
      await expect(ingested({ ...base, 'signals.json': asJson({ header: SIGNALS.header, rows }) }, async () => 'accepted')).rejects.toThrow(`signals.json, record 2, ${expected}`);
    }
  });

  // anyIssue tests a typed table by ranges its statistics can answer and by each id's distinct values
  // (validate.ts): every one of these values alone must still send the file to the text path, refused as
  // the same rows in JSON are; the edges just inside the limits are accepted by both.
  it('refuses a typed file for each value the text path refuses, and accepts what it accepts', async () => {
    const row = (over: Partial<Record<'partner_id' | 'signal' | 'observed_on' | 'value' | 'source', string>>): string[] => {
      const r = { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-05', value: '3', source: 'portal', ...over };
      return [r.partner_id, r.signal, r.observed_on, r.value, r.source];
    };
    const cases = [
      { value: 'inf' }, { value: '-inf' }, { value: 'nan' }, { value: '1e16' }, { value: '-1.5e15' }, { value: '-1' },
      { observed_on: '1899-12-31' }, { observed_on: '2101-01-01' }, { observed_on: '2025-01-02' }, { observed_on: 'infinity' }, { observed_on: '-infinity' },
      { partner_id: '#N/A' }, { partner_id: 'P9' }, { signal: '#REF!' }, { source: '#VALUE!' },
      { value: '1e15' }, { signal: 'sentiment_score', value: '-1e15' }, { observed_on: '1900-01-01' }, { observed_on: '2025-01-01' },
      { signal: '#portal' }, { source: '#1' }, { source: '$' },
    ];
    const outcome = async (files: Record<string, string>): Promise<string> =>
      ingested(files, async () => 'accepted').then(String).catch((err: Error) => err.message.replace(/signals\.(csv|json)/g, 'signals').replace(/(line|record) \d+/g, 'row'));
    const outcomes: string[] = [];
    for (const c of cases) {
      const rows = [row({}), row(c)];
      const fromCsv = await outcome({ 'partners.csv': csv(PARTNERS.header, PARTNERS.rows), 'signals.csv': csv(SIGNALS.header, rows), 'deals.csv': csv(DEALS.header, DEALS.rows) });
      const fromJson = await outcome({ 'partners.csv': csv(PARTNERS.header, PARTNERS.rows), 'signals.json': asJson({ header: SIGNALS.header, rows }), 'deals.csv': csv(DEALS.header, DEALS.rows) });
      expect(fromCsv, JSON.stringify(c)).toBe(fromJson);
      outcomes.push(fromCsv === 'accepted' ? 'accepted' : 'refused');
    }
    expect(outcomes).toEqual([...Array(15).fill('refused'), ...Array(7).fill('accepted')]);
  });
});
