// The SQL form of the CSV rules (csvLinesSql) writes what csvField writes for the same value as the
// program reads it into JS: numbers as ECMAScript prints them, text neutralised and quoted alike. And
// copyCsv, which uses it when every column has an SQL form, writes the bytes the JS formatting writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import { csvDocument, csvField, csvLinesSql, type CsvValue } from '../../pipeline/io/csv.js';
import { copyCsv } from '../../pipeline/app/csv-copy.js';
import { tempDir } from '../helpers/workspace.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await openWorkspace(':memory:');
});
afterAll(() => ws.close());

/**
 * The CSV field of each row's `x` in `table`, by csvLinesSql of (i, x): its lines are ordered by i and cut
 * after i's field (an integer, so the first comma ends it).
 */
async function fieldsOf(table: string, type: string): Promise<string[]> {
  const lines = csvLinesSql(`SELECT i, x FROM ${table}`, ['INTEGER', type])!;
  const rows = await ws.query(`SELECT line FROM (${lines}) ORDER BY split_part(line, ',', 1)::INTEGER`);
  return rows.map((r) => (r.line as string).replace(/^\d+,/, ''));
}

/** csvLinesSql's field of each value of `type` (passed as text and cast, or as a DOUBLE), in order. */
async function sqlFields(type: string, values: readonly (string | number | null)[]): Promise<string[]> {
  const staged = type === 'DOUBLE' ? 'DOUBLE' : 'VARCHAR';
  await ws.exec(`CREATE OR REPLACE TABLE raw (i INTEGER, x ${staged})`);
  await ws.append('raw', values.map((x, i) => [i, x]));
  await ws.exec(`CREATE OR REPLACE TABLE v AS SELECT i, CAST(x AS ${type}) AS x FROM raw`);
  return fieldsOf('v', type);
}

/** Doubles from random bit patterns (every exponent, subnormals, NaN and infinities among them). */
function randomDoubles(n: number, seed: number): number[] {
  const view = new DataView(new ArrayBuffer(8));
  let s = seed >>> 0;
  const next = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s);
  return Array.from({ length: n }, () => {
    view.setUint32(0, next());
    view.setUint32(4, next());
    return view.getFloat64(0);
  });
}

describe('csvLinesSql', () => {
  it('writes a DOUBLE as String() does, for every magnitude', async () => {
    const edges = [0, -0, 1, -1, 3, 12.5, 0.07, 0.1 + 0.2, 1 / 3, 100, -42.25, 1e-7, 1e-6, 1.5e-6, 9.99e-7, 1e-5, 1.5e-5, 1e-4,
      123456789, 2 ** 53, 2 ** 53 + 2, 1e15, 1e16, 1.5e16, 123456789012345680000, 1e20, 1e21, 1.5e21, 1e22, 5e-324, 2.2250738585072014e-308,
      Number.MAX_VALUE, -Number.MAX_VALUE, NaN, Infinity, -Infinity, 0.000001234, 1234567.891, -0.000015];
    // what scores.csv holds: values rounded to 2 or 3 decimals
    const rounded = Array.from({ length: 20001 }, (_, k) => Math.round(k - 10000) / 100).concat(Array.from({ length: 1001 }, (_, k) => k / 1000));
    const spread = Array.from({ length: 4000 }, (_, k) => (k % 2 ? -1 : 1) * 10 ** (k / 100 - 20) * (1 + k / 7919));
    const values = [...edges, ...rounded, ...spread, ...randomDoubles(20000, 7)];
    const got = await sqlFields('DOUBLE', [...values, null]);
    const want = [...values.map((v) => csvField(v)), ''];
    const differ = got.flatMap((g, i) => (g === want[i] ? [] : [`${String(values[i])}: ${g} vs ${want[i]}`]));
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it('writes text neutralised and quoted as csvField does', async () => {
    const base = ['plain', '', 'Acme, Inc.', 'say "hi"', 'line\nbreak', 'cr\rhere', '=1+2', '=HYPERLINK("a","b")', "+cmd|' /C calc'!A0",
      '@SUM(1)', '-2+3', '-5', '+1.5e3', '-', '+', '.5', '1.', '+.5e-3', '-1e', '-1e5x', ' -1', '\t=1', '\r=1', '\tx', "it's", "'=x",
      'é ✓ ü', '=é', '-0', '--1', '1e5', '-.', 'a\r\n', '"', ',', '-5\n'];
    const alphabet = ['=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", '1', '.', 'e', 'E', 'a', ' ', 'é'];
    let s = 11;
    const random = Array.from({ length: 3000 }, () => {
      let t = '';
      const len = (s = (s * 48271) % 2147483647) % 6;
      for (let k = 0; k < len; k++) t += alphabet[(s = (s * 48271) % 2147483647) % alphabet.length];
      return t;
    });
    const values = [...base, ...random];
    expect(await sqlFields('VARCHAR', [...values, null])).toEqual([...values.map((v) => csvField(v)), '']);
  });

  it('writes integers, booleans and dates as the JS values the program reads them as', async () => {
    const big = ['0', '-1', '9007199254740992', '9007199254740993', '-9007199254740993', '9223372036854775807', '-9223372036854775808', '123456789012345678'];
    expect(await sqlFields('BIGINT', [...big, null])).toEqual([...big.map((v) => csvField(Number(BigInt(v)))), '']);
    expect(await sqlFields('INTEGER', ['0', '-7', '2147483647', null])).toEqual(['0', '-7', '2147483647', '']);
    await ws.exec('CREATE OR REPLACE TABLE b AS SELECT * FROM (VALUES (1, true), (2, false), (3, NULL)) t(i, x)');
    expect(await fieldsOf('b', 'BOOLEAN')).toEqual(['true', 'false', '']);
    expect(await sqlFields('DATE', ['2025-01-31', '1900-01-01', '0050-06-15', '9999-12-31', null])).toEqual(['2025-01-31', '1900-01-01', '0050-06-15', '9999-12-31', '']);
  });

  it('has no SQL form for other types', () => {
    expect(csvLinesSql('SELECT 1', ['DECIMAL(18,3)'])).toBeUndefined();
    expect(csvLinesSql('SELECT 1, 2', ['VARCHAR', 'VARCHAR[]'])).toBeUndefined();
  });
});

describe('copyCsv', () => {
  const dir = tempDir();
  const fx = { writeFile: (path: string, data: string | Uint8Array) => writeFile(path, data) };
  // what the program wrote before it formatted in SQL: the rows read into JS, then csvDocument
  const inJs = async (query: string): Promise<string> => {
    const cols = await ws.columns(query);
    const names = Object.keys(cols);
    const n = names.length ? cols[names[0]!]!.length : 0;
    return csvDocument(names, Array.from({ length: n }, (_, i) => names.map((c) => cols[c]![i] as CsvValue)));
  };

  it('writes the bytes the JS formatting writes, header and order included', async () => {
    await ws.exec(`CREATE OR REPLACE TABLE t AS SELECT * FROM (VALUES
      ('P2', DATE '2025-02-28', 12.5::DOUBLE, 3::BIGINT, '=x', true), ('P1', DATE '2025-01-31', NULL, NULL, 'a,"b"', NULL),
      ('P3', NULL, -0.0, 9007199254740993::BIGINT, NULL, false), ('=P0', DATE '2024-12-31', 1e-7, -2::BIGINT, 'line' || chr(10), true))
      t("partner id", as_of, score, n, "=note", flag)`);
    // every column has an SQL form, so DuckDB writes the rows
    const types = await ws.query('SELECT column_type FROM (DESCRIBE t)');
    expect(csvLinesSql('SELECT * FROM t', types.map((t) => t.column_type as string))).toBeDefined();
    for (const query of ['SELECT * FROM t ORDER BY "partner id" DESC', 'SELECT score AS "a,b", score AS c FROM t ORDER BY 1 NULLS FIRST', 'SELECT * FROM t WHERE false']) {
      const path = join(dir, 'out.csv');
      await copyCsv(ws, fx, query, path);
      expect(readFileSync(path, 'utf8'), query).toBe(await inJs(query));
    }
  });

  it('formats in JS a result with a column type SQL has no form for', async () => {
    const path = join(dir, 'dec.csv');
    const query = `SELECT 1.25::DECIMAL(5, 2) AS d, 'x' AS t UNION ALL SELECT NULL, '=y' ORDER BY 2`;
    await copyCsv(ws, fx, query, path);
    expect(readFileSync(path, 'utf8')).toBe(await inJs(query));
  });
});
