// Export rows for BI tools and spreadsheets as CSV, Parquet, JSON or XLSX, written atomically.
// CSV and XLSX text goes through the one formula neutraliser (io/csv), so a partner called
// "=HYPERLINK(…)" stays text when the file is opened in a spreadsheet.
import { rename, rm } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { csvDocument, neutraliseFormula, type CsvValue } from '../io/csv.js';
import { tempSibling, writeFileAtomic } from '../io/atomic.js';
import { plainRows } from '../workspace/plain.js';

export const EXPORT_FORMATS = ['csv', 'parquet', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

async function rows(conn: DuckDBConnection, query: string): Promise<{ names: string[]; rows: CsvValue[][] }> {
  const reader = await conn.runAndReadAll(query);
  return { names: reader.columnNames(), rows: plainRows(reader) as CsvValue[][] };
}

/** Write the result of `query` to `path` in `format`; returns the row count. */
export async function writeExport(conn: DuckDBConnection, query: string, format: ExportFormat, path: string): Promise<number> {
  if (format === 'parquet') {
    // DuckDB writes Parquet itself (types kept); the path is bound, and the file renamed into place.
    mkdirSync(dirname(path), { recursive: true });
    const tmp = tempSibling(path);
    try {
      await conn.run(`COPY (${query}) TO $path (FORMAT parquet)`, { path: tmp });
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return Number((await conn.runAndReadAll(`SELECT count(*) FROM (${query})`)).getRowsJS()[0]![0]);
  }
  const r = await rows(conn, query);
  if (format === 'csv') await writeFileAtomic(path, csvDocument(r.names, r.rows));
  else if (format === 'json') {
    await writeFileAtomic(path, JSON.stringify(r.rows.map((row) => Object.fromEntries(r.names.map((n, i) => [n, row[i] ?? null]))), null, 1) + '\n');
  } else await writeFileAtomic(path, await xlsxBytes(r.names, r.rows));
  return r.rows.length;
}

/** One worksheet; text cells neutralised like CSV, numbers stay numbers. */
async function xlsxBytes(names: string[], rows: CsvValue[][]): Promise<Uint8Array> {
  const XLSX = (await import('xlsx')).default; // loaded when needed: it costs ~0.4 s of every command's start
  const cell = (v: CsvValue) => (typeof v === 'string' ? neutraliseFormula(v) : v ?? null);
  const sheet = XLSX.utils.aoa_to_sheet([names.map(cell), ...rows.map((r) => r.map(cell))]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'data');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
