// The macros mappings call to read CRM report values: date order per file, dates and date-times in
// either order, amounts with currency, report booleans. What they cannot read comes back as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAPPING_MACROS } from '../../pipeline/ingest/mapping-macros.js';
import { openWorkspace, type Params, type Workspace } from '../../pipeline/workspace/db.js';
import { nullable, text, bool } from '../../pipeline/workspace/rows.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await openWorkspace(':memory:');
  for (const m of MAPPING_MACROS) await ws.exec(m);
});
afterAll(() => ws.close());

const one = async (sql: string, params: Params): Promise<string | null> =>
  (await ws.rows({ v: nullable(text) }, `SELECT (${sql})::VARCHAR AS v`, params))[0]!.v;

describe('day_first: the date order of one file', () => {
  it('is day first when a first part is above 12, month first when a second part is', async () => {
    const first = async (dates: string[]): Promise<boolean> =>
      (await ws.rows({ v: bool }, "SELECT day_first(string_split($d, '|'), $w) AS v", { d: dates.join('|'), w: 'x.csv' }))[0]!.v;
    expect(await first(['4/1/2024', '13/01/2024 14:05'])).toBe(true);
    expect(await first(['4/1/2024', '1/13/2024 9:05 AM'])).toBe(false);
    expect(await first(['2024-04-01'])).toBe(false); // no slash dates: nothing to decide
  });

  it('refuses a file where no date tells the order, naming it', async () => {
    await expect(ws.rows({ v: bool }, "SELECT day_first(string_split($d, '|'), $w) AS v", { d: '4/1/2024|12/11/2024', w: 'opportunities.csv' }))
      .rejects.toThrow(/opportunities\.csv: cannot tell whether dates are month\/day or day\/month/);
  });
});

describe('report_date, report_amount, report_bool', () => {
  it('reads dates and date-times in the given order, and passes what does not read through as written', async () => {
    const date = (x: string, d: boolean): Promise<string | null> => one('report_date($x, $d)', { x, d });
    expect(await date('4/1/2024', false)).toBe('2024-04-01');
    expect(await date('4/1/2024', true)).toBe('2024-01-04');
    expect(await date('10/01/2024 9:47 AM', false)).toBe('2024-10-01');
    expect(await date('10/01/2024 21:47', true)).toBe('2024-01-10');
    expect(await date('5/13/2024', true)).toBe('5/13/2024'); // impossible month day first: left for validation
    expect(await date('2024-04-01', false)).toBe('2024-04-01'); // not a slash date: as written
  });

  it('strips currency codes, symbols and thousands separators, and nothing else', async () => {
    const amount = (x: string): Promise<string | null> => one('report_amount($x)', { x });
    expect(await amount('USD 48,000.00')).toBe('48000.00');
    expect(await amount('$1,234.5')).toBe('1234.5');
    expect(await amount('48000 EUR')).toBe('48000');
    expect(await amount('-120')).toBe('-120');
    expect(await amount('1.234,50')).toBe('1.234,50'); // a decimal comma is not guessed at
    expect(await amount('12,34')).toBe('12,34');
  });

  it('reads 1/true/yes and 0/false/no in any case; anything else is NULL', async () => {
    const b = (x: string): Promise<string | null> => one('report_bool($x)', { x });
    expect([await b('TRUE'), await b(' yes'), await b('1'), await b('False'), await b('0'), await b('maybe'), await b('')])
      .toEqual(['true', 'true', 'true', 'false', 'false', null, null]);
  });
});
