// Issue 9's ingest cases: each bad input is refused (or reported) with the file, the line and what was
// expected, in words about the input — never a crash, a silent drop, or the file's bytes echoed.
import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { csv, ingestDir, refusedDir, writeDir } from '../helpers/workspace.js';

const PARTNERS = csv(['partner_id', 'name'], [['P1', 'Alpha'], ['P2', 'Beta']]);
const SIGNALS = csv(['partner_id', 'signal', 'observed_on', 'value'], [['P1', 'portal_logins', '2024-01-05', 3], ['P2', 'portal_logins', '2024-01-06', 5]]);
const DEALS = csv(
  ['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
  [['D1', 'P1', '2024-01-01', '2024-03-01', 'won', 100, '2024-02-20'], ['D2', 'P2', '2024-01-01', '2024-03-01', 'open', 50, '']],
);
const good = { 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'deals.csv': DEALS };

const refused = (dir: string): Promise<string> => refusedDir(dir);

describe('ingest: issue 9 refusals and reports', () => {
  it('a spreadsheet error value (#DIV/0!) is not a partner name', async () => {
    const msg = await refused(writeDir({ ...good, 'partners.csv': PARTNERS + 'P3,#DIV/0!\n' }));
    expect(msg).toContain('partners.csv, line 4, column name: expected text, not a spreadsheet error value (got "#DIV/0!")');
  });

  it('a negative event count is refused; a negative level-type value is not', async () => {
    const msg = await refused(writeDir({ ...good, 'signals.csv': SIGNALS + 'P1,portal_logins,2024-01-07,-50\n' }));
    expect(msg).toContain('signals.csv, line 4, column value: negative event count');
    await expect(ingestDir(writeDir({ ...good, 'signals.csv': SIGNALS + 'P1,external_news,2024-01-07,-1\n' }))).resolves.toBeDefined();
  });

  it('amounts that would overflow a sum (1e308) are refused', async () => {
    const msg = await refused(writeDir({ ...good, 'deals.csv': DEALS + 'D3,P1,2024-01-01,2024-03-01,open,1e308,\n' }));
    expect(msg).toContain('deals.csv, line 4, column amount: expected a finite number of at most 1e+15 in size (got "1e308")');
  });

  it("the user's own win_rate rows collide with the deal-derived signal and are reported", async () => {
    const s = await ingestDir(writeDir({ ...good, 'signals.csv': SIGNALS + 'P1,win_rate,2024-01-07,0.4\nP2,win_rate,2024-01-07,0.5\n' }));
    expect(s.warnings.join('\n')).toContain('computed from deals are ignored (the deal-derived value is used): win_rate (2 rows)');
  });

  it('signals named after Object.prototype members are unknown signals, reported', async () => {
    const s = await ingestDir(writeDir({ ...good, 'signals.csv': SIGNALS + 'P1,toString,2024-01-07,1\nP1,constructor,2024-01-07,1\n' }));
    expect(s.unknownSignals.map((u) => u.signal)).toEqual(['constructor', 'toString']);
  });

  it('a row with one field too many or too few names its line', async () => {
    const extra = await refused(writeDir({ ...good, 'deals.csv': DEALS + 'D3,P1,2024-01-01,2024-03-01,open,5,,EXTRA\n' }));
    expect(extra).toContain('deals.csv, line 4: has 8 fields where the header has 7');
    const short = await refused(writeDir({ ...good, 'deals.csv': DEALS.replace('D2,P2,2024-01-01,2024-03-01,open,50,', 'D2,P2,2024-01-01,2024-03-01,open') }));
    expect(short).toContain('deals.csv, line 3: has 5 fields where the header has 7');
  });

  it('Latin-1 and UTF-16 files are named as such', async () => {
    const latin1 = writeDir(good);
    writeFileSync(join(latin1, 'partners.csv'), Buffer.concat([Buffer.from('partner_id,name\nP1,Alpha\nP2,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(await refused(latin1)).toContain('partners.csv: is not UTF-8 text: line 3 holds byte 0xe9');
    const utf16 = writeDir(good);
    writeFileSync(join(utf16, 'partners.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PARTNERS, 'utf16le')]));
    expect(await refused(utf16)).toContain('partners.csv: is UTF-16');
  });

  it('random bytes named .xlsx are "not an Excel workbook", with no bytes in the message', async () => {
    const dir = writeDir({ 'partners.csv': PARTNERS, 'deals.csv': DEALS });
    writeFileSync(join(dir, 'signals.xlsx'), randomBytes(4096));
    const msg = await refused(dir);
    expect(msg).toContain('signals.xlsx: cannot be read as an Excel workbook: this is not an Excel workbook (an .xlsx file is a ZIP archive)');
    expect(msg).not.toMatch(/found:/);
  });

  it('date-formatted cells holding 1e7 or -5 are refused with their sheet row', async () => {
    const XLSX = (await import('xlsx')).default;
    const sheet = XLSX.utils.aoa_to_sheet([['partner_id', 'signal', 'observed_on', 'value'], ['P1', 'portal_logins', 1e7, 3], ['P2', 'portal_logins', -5, 4]]);
    for (const ref of ['C2', 'C3']) sheet[ref]!.z = 'yyyy-mm-dd';
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'signals');
    const dir = writeDir({ 'partners.csv': PARTNERS, 'deals.csv': DEALS });
    XLSX.writeFile(book, join(dir, 'signals.xlsx'));
    const msg = await refused(dir);
    expect(msg).toContain('signals.xlsx, line 2, column observed_on: expected a date as YYYY-MM-DD');
    expect(msg).toContain('signals.xlsx, line 3, column observed_on: expected a date as YYYY-MM-DD');
  });

  it('a directory named deals.csv is "a directory, not a file"', async () => {
    const dir = writeDir({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS });
    mkdirSync(join(dir, 'deals.csv'));
    expect(await refused(dir)).toContain('deals.csv: is a directory, not a file');
  });

  it('a link to a file outside the data directory is never quoted back (/etc/passwd)', async () => {
    const outside = writeDir({ 'secret.csv': 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n' });
    const dir = writeDir({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS });
    symlinkSync(join(outside, 'secret.csv'), join(dir, 'deals.csv'));
    const msg = await refused(dir);
    expect(msg).toContain('deals.csv');
    expect(msg).not.toContain('root');
    expect(msg).not.toContain('/bin/bash');
  });
});
