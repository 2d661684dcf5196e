// A CSV's numbers are read as DOUBLE by DuckDB's CSV reader on the typed path (ingest/typed.ts), where
// the text path casts the text. The two must take and refuse the same strings, to the same value: a
// string the reader took and the cast would not would pass unchecked, one read to another value would
// change the data. Each value below is a file of its own (a value that does not read fails the file).
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { INPUTS } from '../../pipeline/ingest/contract.js';
import { readTypedCsv } from '../../pipeline/ingest/typed.js';
import { writeDir } from '../helpers/workspace.js';

const NBSP = '\u00a0';
const VALUES = [
  '3', ' 3', '3 ', ' 3 ', '\t3', '3\t', `3${NBSP}`, `${NBSP}3`, '"3"', '" 3 "', '+3', '-3', '--3', '00012', '-0',
  '2.50', '.5', '5.', '1.5.2', '1e3', '1E3', '1e+3', '0.1e-2', '3.5e', 'e5', '1e400', '-1e400', '4.9e-330',
  '12345678901234567890123', '0.1000000000000000055511151231257827', '9007199254740993',
  'inf', '-inf', 'Infinity', '-Infinity', 'nan', 'NaN', '1_000', '1__0', '_1', '0x10', '3d', '3f', '$3', '3%',
  '١٢', 'true', 'NULL', '"1,000"', '""', '"  "',
];

describe('typed CSV numbers', () => {
  it('are taken or refused exactly as CAST(… AS DOUBLE) takes the text, to the same value', async () => {
    const signals = INPUTS.find((s) => s.name === 'signals')!;
    const ws = await openWorkspace(':memory:');
    try {
      const got: { value: string; typed: unknown }[] = [];
      const want: { value: string; typed: unknown }[] = [];
      for (const [i, v] of VALUES.entries()) {
        const dir = writeDir({ 'signals.csv': `partner_id,signal,observed_on,value\nP1,s,2024-01-05,${v}\nP2,s,2024-01-06,1\n` });
        const read = await readTypedCsv(ws, signals, `${dir}/signals.csv`, `t${i}`);
        got.push({ value: v, typed: read ? (await ws.query(`SELECT value FROM t${i} ORDER BY partner_id LIMIT 1`))[0]!.value : 'refused' });
        // the text as the all-text reader gives it, cast as the text path's typed table does
        const [text] = await ws.query(`SELECT value FROM read_csv($path, all_varchar = true, header = true, auto_detect = true) ORDER BY partner_id LIMIT 1`, { path: `${dir}/signals.csv` });
        const [cast] = await ws.query('SELECT TRY_CAST($v AS DOUBLE) AS value', { v: text!.value as string | null });
        want.push({ value: v, typed: text!.value === null ? null : cast!.value === null ? 'refused' : cast!.value });
      }
      expect(got).toEqual(want);
      // and the reference does what it says: some taken, some refused, one to ∞
      expect(want.filter((w) => w.typed === 'refused').length).toBeGreaterThan(10);
      expect(want.find((w) => w.value === '1e400')!.typed).toBe(Infinity);
    } finally {
      ws.close();
    }
  });
});
