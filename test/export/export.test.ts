// `partner-health export`: every kind and format from a run; Parquet round-trips scores.csv; formula
// payloads in partner names are neutralised in CSV and XLSX.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { DuckDBInstance } from '@duckdb/node-api';
import { main } from '../../pipeline/cli/main.js';
import { toPlain } from '../../pipeline/workspace/plain.js';
import { neutraliseFormula } from '../../pipeline/io/csv.js';
import { tempDir } from '../helpers/workspace.js';
import { analystRun, FORMULA_IDS } from '../helpers/analyst-run.js';
import { AT_FORMULA, FORMULA } from '../fixtures/hostile.js';

async function query(sql: string, params: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(sql, params)).getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toPlain(v)])));
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('export', () => {
  let run: string; // the shared analyst run (helpers/analyst-run.ts), its partners P0002 and P0003 named FORMULA and AT_FORMULA
  const out = tempDir();
  beforeAll(async () => {
    run = await analystRun();
    for (const format of ['csv', 'parquet', 'json', 'xlsx']) {
      expect(await main(['node', 'partner-health', 'export', 'scores', 'watchlist', 'evidence', 'labels', 'backtest-rows',
        '--workspace', run, '--out', join(out, format), '--format', format, '--quiet'])).toBe(0);
    }
  });

  it('Parquet read back equals scores.csv, with name, manager, band reason, top evidence and playbook added', async () => {
    const csv = await query(`SELECT * FROM read_csv($f, header = true, all_varchar = true) ORDER BY partner_id, as_of`, { f: join(run, 'scores.csv') });
    const pq = await query(`SELECT * FROM read_parquet($f) ORDER BY partner_id, as_of`, { f: join(out, 'parquet', 'scores.parquet') });
    expect(pq.length).toBe(csv.length);
    expect(csv.length).toBeGreaterThan(300);
    const cols = Object.keys(csv[0]!);
    // scores.csv is a spreadsheet file, so its text went through the formula neutraliser; Parquet keeps values
    const asCsv = (v: unknown) => (v === null ? null : typeof v === 'string' ? neutraliseFormula(v) : String(v));
    expect(pq.map((r) => cols.map((c) => asCsv(r[c])))).toEqual(csv.map((r) => cols.map((c) => r[c] ?? null)));
    expect(Object.keys(pq[0]!).slice(0, 3)).toEqual(['partner_id', 'name', 'manager']);
    for (const c of ['band_reason', 'top_evidence', 'playbook', 'action']) expect(Object.keys(pq[0]!)).toContain(c);
    const red = pq.find((r) => r.band === 'red')!;
    expect(red.band_reason).toMatch(/below/);
    expect(red.playbook).toBeTruthy();
    expect(pq.filter((r) => r.top_evidence !== null).length).toBeGreaterThan(pq.length * 0.9);
    // Parquet keeps the value as it is; only spreadsheet formats get the quote
    expect(pq.some((r) => r.name === FORMULA)).toBe(true);
  });

  it('formula payloads are neutralised in CSV and XLSX', async () => {
    const text = readFileSync(join(out, 'csv', 'scores.csv'), 'utf8');
    expect(text).toContain(`${FORMULA_IDS[0]},'${FORMULA},`);
    expect(text).toContain(`${FORMULA_IDS[1]},'${AT_FORMULA},`);
    expect(text.split('\n').some((l) => /,=|,"=|,@|,"@/.test(l))).toBe(false);
    const book = XLSX.read(readFileSync(join(out, 'xlsx', 'scores.xlsx')));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
    const names = new Set(rows.map((r) => r.name));
    expect(names.has(`'${FORMULA}`)).toBe(true);
    expect(names.has(`'${AT_FORMULA}`)).toBe(true);
    expect([...names].some((n) => typeof n === 'string' && /^[=+@]/.test(n))).toBe(false);
    const sheet = book.Sheets[book.SheetNames[0]!]!;
    expect(Object.values(sheet).some((c) => typeof c === 'object' && c !== null && 'f' in c)).toBe(false); // no formula cells
  });

  it('every kind has the same rows in every format', async () => {
    for (const kind of ['scores', 'watchlist', 'evidence', 'labels', 'backtest-rows']) {
      const json = JSON.parse(readFileSync(join(out, 'json', `${kind}.json`), 'utf8')) as Record<string, unknown>[];
      const pq = await query(`SELECT * FROM read_parquet($f)`, { f: join(out, 'parquet', `${kind}.parquet`) });
      const csv = await query(`SELECT count(*) AS n FROM read_csv($f, header = true)`, { f: join(out, 'csv', `${kind}.csv`) });
      const book = XLSX.read(readFileSync(join(out, 'xlsx', `${kind}.xlsx`)));
      const xl = XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]!]!);
      expect(json.length).toBeGreaterThan(0);
      expect([pq.length, csv[0]!.n, xl.length]).toEqual([json.length, json.length, json.length]);
      expect(Object.keys(json[0]!)).toEqual(Object.keys(pq[0]!));
      for (const c of ['name', 'manager']) expect(Object.keys(json[0]!)).toContain(c);
    }
    const watch = JSON.parse(readFileSync(join(out, 'json', 'watchlist.json'), 'utf8')) as { band: string; composite: number }[];
    expect(new Set(watch.map((w) => w.band))).toEqual(new Set(['red', 'yellow']));
    expect(watch.findIndex((w) => w.band === 'yellow')).toBe(watch.filter((w) => w.band === 'red').length);
  });
});
