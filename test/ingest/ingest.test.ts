import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { csv, refuse, siModel, writeDir } from '../helpers/workspace.js';
import { nullable, num, text } from '../../pipeline/workspace/rows.js';

const HOSTILE = `Acme <script>alert("x")</script> & 'Sons' {{x}}, Ltd`;
const PARTNERS = csv(['partner_id', 'name', 'type', 'tier'], [['P1', HOSTILE, 'SI', 'Gold'], ['P2', 'Beta', 'SI', 'Gold']]);
const SIGNALS = csv(['partner_id', 'signal', 'observed_on', 'value'], [['P1', 'portal_logins', '2024-01-05', 3], ['P2', 'portal_logins', '2024-01-06', 5]]);
const DEALS = csv(
  ['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
  [['D1', 'P1', '2024-01-01', '2024-03-01', 'won', 100, '2024-02-20'], ['D2', 'P2', '2024-01-01', '2024-03-01', 'open', 50, '']],
);
const good = { 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'deals.csv': DEALS };

describe('ingest refuses bad input with file, line and column', () => {
  it('impossible date', async () => {
    const e = await refuse({ ...good, 'signals.csv': SIGNALS + 'P2,portal_logins,2024-13-45,4\n' });
    expect(e.issues).toEqual([expect.objectContaining({ file: 'signals.csv', line: 4, column: 'observed_on', value: '2024-13-45' })]);
    expect(e.message).toContain('signals.csv, line 4, column observed_on: expected a date as YYYY-MM-DD');
  });
  it('unparseable date and February 30th', async () => {
    const e = await refuse({ ...good, 'deals.csv': DEALS + 'D3,P2,yesterday,2024-02-30,open,5,\n' });
    expect(e.issues.map((i) => [i.line, i.column])).toEqual([[4, 'registered_on'], [4, 'expected_close_on']]);
  });
  it('non-numeric value', async () => {
    const e = await refuse({ ...good, 'signals.csv': SIGNALS + 'P1,portal_logins,2024-01-07,lots\n' });
    expect(e.issues[0]).toMatchObject({ file: 'signals.csv', line: 4, column: 'value', value: 'lots' });
    expect(e.issues[0]!.message).toContain('expected a finite number');
  });
  it('missing required column', async () => {
    const e = await refuse({ ...good, 'deals.csv': 'deal_id,partner_id,registered_on,status,amount\nD1,P1,2024-01-01,open,5\n' });
    expect(e.issues[0]).toMatchObject({ file: 'deals.csv', line: 1, column: 'expected_close_on' });
    expect(e.issues[0]!.message).toContain('required column is missing');
  });
  it('duplicate deal_id and partner_id name both lines', async () => {
    const e = await refuse({
      ...good,
      'partners.csv': PARTNERS + 'P1,Again,SI,Gold\n',
      'deals.csv': DEALS + 'D1,P2,2024-01-01,2024-03-01,open,5,\n',
    });
    expect(e.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'partners.csv', line: 4, column: 'partner_id', value: 'P1' }),
      expect.objectContaining({ file: 'deals.csv', line: 4, column: 'deal_id', value: 'D1' }),
    ]));
    expect(e.message).toContain('first seen on line 2');
  });
  it('closed_on missing for won or lost deals', async () => {
    const e = await refuse({ ...good, 'deals.csv': DEALS + 'D3,P2,2024-01-01,2024-03-01,lost,5,\n' });
    expect(e.issues[0]).toMatchObject({ file: 'deals.csv', line: 4, column: 'closed_on' });
    expect(e.issues[0]!.message).toContain('won or lost');
  });
  it('unknown status', async () => {
    const e = await refuse({ ...good, 'deals.csv': DEALS + 'D3,P2,2024-01-01,2024-03-01,pending,5,\n' });
    expect(e.issues[0]).toMatchObject({ line: 4, column: 'status', value: 'pending' });
  });
  it('signals and deals for unknown partners', async () => {
    const e = await refuse({
      ...good,
      'signals.csv': SIGNALS + 'P9,portal_logins,2024-01-07,1\n',
      'deals.csv': DEALS + 'D3,P8,2024-01-01,2024-03-01,open,5,\n',
    });
    expect(e.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'signals.csv', line: 4, column: 'partner_id', value: 'P9' }),
      expect.objectContaining({ file: 'deals.csv', line: 4, column: 'partner_id', value: 'P8' }),
    ]));
  });
  it('empty file and header-only file', async () => {
    expect((await refuse({ ...good, 'signals.csv': '' })).message).toContain('signals.csv: file is empty');
    expect((await refuse({ ...good, 'deals.csv': 'deal_id,partner_id,registered_on,expected_close_on,status,amount\n' })).message)
      .toContain('deals.csv: has a header but no data rows');
  });
  it('an event date in the future (a typo that would move the cutoff) and an open deal with a close date', async () => {
    const e = await refuse({
      ...good,
      'deals.csv': DEALS + 'D3,P2,2024-01-01,2031-03-01,won,5,2031-06-30\nD4,P2,2024-01-01,2024-03-01,open,5,2024-02-01\n',
    });
    expect(e.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'deals.csv', line: 4, column: 'closed_on', value: '2031-06-30' }),
      expect.objectContaining({ file: 'deals.csv', line: 5, column: 'closed_on', value: '2024-02-01' }),
    ]));
    expect(e.message).toMatch(/line 4, column closed_on: date is in the future \(expected on or before today, \d{4}-\d{2}-\d{2}\)/);
    expect(e.message).toContain('line 5, column closed_on: an open deal has a close date');
    expect(e.issues.some((i) => i.column === 'expected_close_on')).toBe(false); // expected closes may lie ahead
  });

  it('reports physical lines after quoted multi-line fields and blank lines', async () => {
    const partners = 'partner_id,name,type,tier\nP1,"Acme\nsecond line",SI,Gold\n\nP2,Beta,SI,Gold\nP2,Dup,SI,Gold\n';
    const e = await refuse({ ...good, 'partners.csv': partners });
    expect(e.issues).toEqual([expect.objectContaining({ file: 'partners.csv', line: 6, column: 'partner_id', value: 'P2' })]);
    expect(e.message).toContain('first seen on line 5');
  });

  it('JSON inputs report record numbers', async () => {
    const dir = writeDir({ 'partners.csv': PARTNERS, 'deals.csv': DEALS });
    writeFileSync(join(dir, 'signals.json'), JSON.stringify([
      { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-05', value: 3 },
      { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-02-31', value: 3 },
    ]));
    const ws = await openWorkspace(':memory:');
    await expect(ingest(ws, dir, await siModel())).rejects.toThrow('signals.json, record 2, column observed_on: expected a date');
    ws.close();
  });

  it('a line of only spaces that defeats CSV dialect detection is named as such', async () => {
    const e = await refuse({ ...good, 'signals.csv': 'partner_id,signal,observed_on,value\nP1,portal_logins,2024-01-05,3\n   \nP2,portal_logins,2024-01-06,5\n' });
    expect(e.message).toContain('signals.csv: could not be split into comma-separated columns');
  });

  it('missing required file', async () => {
    const e = await refuse({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS });
    expect(e.message).toContain('deals.csv: required input not found');
  });
});

describe('ingest accepts good input', () => {
  it('keeps hostile partner names byte for byte and warns about unknown signals with counts', async () => {
    const ws = await openWorkspace(':memory:');
    const signals = SIGNALS + 'P1,carrier_pigeons,2024-01-05,1\nP2,carrier_pigeons,2024-01-06,2\n';
    const summary = await ingest(ws, writeDir({ ...good, 'signals.csv': signals }), await siModel());
    const names = await ws.rows({ name: text }, 'SELECT name FROM partners ORDER BY partner_id');
    expect(names[0]!.name).toBe(HOSTILE);
    expect(summary.unknownSignals).toEqual([{ signal: 'carrier_pigeons', rows: 2 }]);
    expect(summary.warnings[0]).toContain('carrier_pigeons (2 rows)');
    const [{ n }] = (await ws.rows({ n: num }, `SELECT count(*) AS n FROM signals WHERE signal = 'carrier_pigeons'`)) as [{ n: number }];
    expect(n).toBe(2); // reported, not dropped
    ws.close();
  });

  it('reads JSON and Parquet inputs and accepts timestamps as dates', async () => {
    const dir = writeDir({ 'partners.csv': PARTNERS, 'deals.csv': DEALS });
    writeFileSync(join(dir, 'signals.json'), JSON.stringify([
      { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-05T10:30:00', value: 3 },
      { partner_id: 'P2', signal: 'portal_logins', observed_on: '2024-01-06', value: 5 },
    ]));
    const conv = await openWorkspace(':memory:');
    await conv.exec(`COPY (SELECT * FROM read_csv($src)) TO $dst (FORMAT parquet)`, { src: join(dir, 'deals.csv'), dst: join(dir, 'deals.parquet') });
    conv.close();
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'deals.csv'));
    const ws = await openWorkspace(':memory:');
    const summary = await ingest(ws, dir, await siModel());
    expect(summary.rows).toMatchObject({ partners: 2, signals: 2, deals: 2 });
    const rows = await ws.rows({ observed_on: text }, 'SELECT observed_on FROM signals ORDER BY observed_on');
    expect(rows.map((r) => r.observed_on)).toEqual(['2024-01-05', '2024-01-06']);
    const deals = await ws.rows({ closed_on: nullable(text) }, 'SELECT closed_on FROM deals ORDER BY deal_id');
    expect(deals.map((d) => d.closed_on)).toEqual(['2024-02-20', null]);
    ws.close();
  });
});

describe('Excel inputs: values, not display formats', () => {
  it('keeps full numbers and ids, reads dates from serial numbers in any timezone, skips blank rows', async () => {
    const XLSX = (await import('xlsx')).default;
    const dir = writeDir({ 'partners.csv': PARTNERS, 'deals.csv': DEALS });
    const sheet = XLSX.utils.aoa_to_sheet([
      ['partner_id', 'signal', 'observed_on', 'value'],
      ['P1', 'portal_logins', 45000, 6.456],
      [],
      ['P2', 'portal_logins', 45001, 1234567890123],
    ]);
    sheet['C2']!.z = 'd/m/yyyy'; // a date cell as Excel stores it: serial 45000 = 2023-03-15
    sheet['C4']!.z = 'mmm d, yyyy';
    sheet['D2']!.z = '0'; // displayed as "6"
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'signals');
    XLSX.writeFile(book, join(dir, 'signals.xlsx'));
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata'; // SheetJS's own Date conversion shifts dates a day here
    try {
      const ws = await openWorkspace(':memory:');
      await ingest(ws, dir, await siModel());
      expect(await ws.query('SELECT partner_id, observed_on, value FROM signals ORDER BY partner_id')).toEqual([
        { partner_id: 'P1', observed_on: '2023-03-15', value: 6.456 },
        { partner_id: 'P2', observed_on: '2023-03-16', value: 1234567890123 },
      ]);
      ws.close();
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('reports sheet rows even after blank rows and cells with line breaks', async () => {
    const XLSX = (await import('xlsx')).default;
    const dir = writeDir({ 'partners.csv': PARTNERS, 'deals.csv': DEALS, 'signals.csv': SIGNALS });
    const sheet = XLSX.utils.aoa_to_sheet([
      ['partner_id', 'started_on', 'playbook', 'note'],
      ['P1', '2024-01-05', 'outreach_call', 'first line\nsecond line\nthird'],
      [],
      ['P9', '2024-01-06', 'exec_sponsor', ''],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'interventions');
    XLSX.writeFile(book, join(dir, 'interventions.xlsx'));
    const ws = await openWorkspace(':memory:');
    await expect(ingest(ws, dir, await siModel())).rejects.toThrow('interventions.xlsx, line 4, column partner_id: unknown partner');
    ws.close();
  });
});

describe('Excel inputs', () => {
  it('reads the first worksheet (dates as dates) and reports spreadsheet rows', async () => {
    const XLSX = (await import('xlsx')).default;
    const dir = writeDir({ 'signals.csv': SIGNALS, 'deals.csv': DEALS });
    const sheet = XLSX.utils.aoa_to_sheet([
      ['partner_id', 'name', 'type', 'joined_on'],
      ['P1', HOSTILE, 'SI', new Date(Date.UTC(2023, 0, 15))],
      ['P2', 'Beta', 'SI', '2023-02-01'],
    ], { cellDates: true });
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'partners');
    XLSX.writeFile(book, join(dir, 'partners.xlsx'));
    const ws = await openWorkspace(':memory:');
    await ingest(ws, dir, await siModel());
    expect(await ws.query('SELECT partner_id, name, joined_on FROM partners ORDER BY partner_id')).toEqual([
      { partner_id: 'P1', name: HOSTILE, joined_on: '2023-01-15' },
      { partner_id: 'P2', name: 'Beta', joined_on: '2023-02-01' },
    ]);
    ws.close();

    XLSX.utils.sheet_add_aoa(sheet, [['P3', 'Gamma', 'SI', '2023-02-30']], { origin: 'A4' });
    XLSX.writeFile(book, join(dir, 'partners.xlsx'));
    const ws2 = await openWorkspace(':memory:');
    await expect(ingest(ws2, dir, await siModel())).rejects.toThrow('partners.xlsx, line 4, column joined_on: expected a date');
    ws2.close();
  });
});
