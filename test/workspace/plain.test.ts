// The one DuckDB → plain JS conversion (workspace/plain.ts) and the column-wise typed read
// (rows.ts checkColumns): each against the slower route it replaced, on values of every kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import { plainRowObjects, toPlain } from '../../pipeline/workspace/plain.js';
import { bool, checkColumns, date, int, nullable, num, text } from '../../pipeline/workspace/rows.js';

// Every kind of value a workspace query returns, NULLs and repeated dates included.
const VALUES = `
  SELECT * FROM (VALUES
    (1, 'a', 1.5::DOUBLE, 9007199254740991::BIGINT, DATE '2025-03-31', TIMESTAMP '2025-03-31 00:00:00', TIMESTAMP '2025-03-31 12:34:56.789',
     TRUE, 12.345::DECIMAL(10,3), [DATE '2025-01-31', NULL], {'k': 2::BIGINT}, 170141183460469231731687303715884105727::HUGEINT, TIME '01:02:03'),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (3, 'ü ∑ "q"', -0.0::DOUBLE, -5::BIGINT, DATE '2025-03-31', TIMESTAMPTZ '2025-01-01 00:00:00+00', TIMESTAMP '1970-01-01 00:00:00',
     FALSE, -1::DECIMAL(10,3), [], {'k': NULL}, 0::HUGEINT, TIME '00:00:00'),
    (4, '', 1e308::DOUBLE, 0::BIGINT, DATE '1900-02-28', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
  ) t(i, s, d, b, dt, ts_midnight, ts, flag, dec, dates, st, huge, tm) ORDER BY i`;

let ws: Workspace;
beforeAll(async () => {
  ws = await openWorkspace(':memory:');
});
afterAll(() => ws.close());

describe('plain values', () => {
  it('equal the JS conversion followed by toPlain, for every kind of value (nested ones keep the JS conversion)', async () => {
    const reader = await ws.connection.runAndReadAll(VALUES);
    const expected = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toPlain(v)])));
    expect(plainRowObjects(reader)).toEqual(expected);
    expect(await ws.query(VALUES)).toEqual(expected);
    expect((await ws.table(VALUES)).rows).toEqual(expected.map((r) => Object.values(r)));
    const cols = await ws.columns(VALUES);
    expect(Object.keys(cols)).toEqual(Object.keys(expected[0]!));
    for (const k of Object.keys(cols)) expect(cols[k]).toEqual(expected.map((r) => r[k]));
  });

  it('columns read from the vectors equal the JS conversion over several chunks, with NULLs at every bit position', async () => {
    // 5,000 rows: three chunks, the last one partial; NULLs on an irregular pattern through every 64-row word
    const sql = `SELECT CASE WHEN i % 7 = 3 THEN NULL ELSE i * 0.5 - 3 END::DOUBLE AS d,
                        CASE WHEN i % 5 = 1 THEN NULL ELSE i - 2500 END::INTEGER AS n,
                        CASE WHEN i % 11 = 0 THEN NULL ELSE i * 3000000000 END::BIGINT AS b,
                        CASE WHEN i % 3 = 2 THEN NULL ELSE DATE '2024-01-31' + (i % 40)::INTEGER END AS dt,
                        CASE WHEN i % 13 < 11 THEN NULL ELSE 'p' || i END AS s,
                        'x' || (i % 3) AS t,
                        (i % 4 = 0) AS flag
                 FROM range(5000) r(i) ORDER BY i`;
    const reader = await ws.connection.runAndReadAll(sql);
    const expected = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toPlain(v)])));
    const cols = await ws.columns(sql);
    expect(Object.keys(cols)).toEqual(Object.keys(expected[0]!));
    for (const k of Object.keys(cols)) expect(cols[k]).toEqual(expected.map((r) => r[k]));
    expect(cols.d!.filter((v) => v === null)).toHaveLength(714);
  });

  it('reads dates as YYYY-MM-DD, timestamps at midnight as the date, BIGINT as numbers', async () => {
    const [r] = await ws.query(`${VALUES} LIMIT 1`);
    expect(r).toMatchObject({ b: 9007199254740991, dt: '2025-03-31', ts_midnight: '2025-03-31', ts: '2025-03-31T12:34:56.789Z', dec: 12.345, tm: 3723000000 });
  });

  it('a DATE out of a JS Date\'s range is an error, as before', async () => {
    await expect(ws.query(`SELECT DATE '294247-01-10' + 1000000000 AS d`)).rejects.toThrow();
  });
});

describe('checkColumns', () => {
  const schema = { i: int, s: nullable(text), d: nullable(num), dt: nullable(date), flag: nullable(bool) };

  it('gives the query rows, keys in schema order, extra columns dropped', async () => {
    const byRow = (await ws.query(VALUES)).map((r) => Object.fromEntries(Object.keys(schema).map((k) => [k, r[k]])));
    const byColumn = checkColumns(schema, await ws.columns(VALUES), VALUES);
    expect(byColumn).toEqual(byRow);
    expect(Object.keys(byColumn[0]!)).toEqual(Object.keys(schema));
    expect(await ws.rows(schema, VALUES)).toEqual(byRow);
  });

  it('names the column, the row and the query of a wrong value', async () => {
    const sql = `SELECT * FROM (VALUES (1, 'x'), (2, NULL)) t(i, s)`;
    const msg = `query result column 's', row 2: expected text, got null (SELECT * FROM (VALUES (1, 'x'), (2, NULL)) t(i, s))`;
    expect(() => checkColumns({ i: int, s: text }, { i: [1, 2], s: ['x', null] }, sql)).toThrow(msg);
    await expect(ws.rows({ i: int, s: text }, sql)).rejects.toThrow(msg);
  });

  it('a missing column is an error when there are rows, and nothing when there are none', async () => {
    await expect(ws.rows({ i: int, nope: text }, `SELECT 1 AS i`)).rejects.toThrow(`query result has no column 'nope' (SELECT 1 AS i)`);
    expect(await ws.rows({ i: int, nope: text }, `SELECT 1 AS i WHERE false`)).toEqual([]);
  });
});
