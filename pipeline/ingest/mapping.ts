// `NAME.sql` mappings: a data directory may hold one DuckDB SELECT instead of a data file, to reshape a
// real export (Salesforce, HubSpot, …) into the input contract without editing it by hand.
//
// The query runs in a sandbox: a separate in-memory DuckDB where each export file of the data directory
// that the query names is loaded as a table of text columns (file `Opportunity History.csv` → table
// `opportunity_history`; a Parquet file keeps its own types), then all file access is switched off and
// the configuration locked. The query can therefore read nothing outside the data directory, and, being
// a single SELECT, write nothing.
// Each loaded table also has `__file` and `__row` (its data row number): a mapping that passes them
// through lets messages name the export file and line a bad row came from.
import { DuckDBInstance, StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { readdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { toPlain } from '../workspace/plain.js';
import { InputError } from './errors.js';
import { xlsxToCsv } from './xlsx.js';
import { isJson, readerColumnsSql, textReaderOf } from './reader.js';
import { fieldCountProblem, headerFieldCount } from './shape.js';
import { MAPPING_MACROS } from './mapping-macros.js';

/** Where a source row lives, for messages: its file (as the user named it), physical line lookups. */
export interface MappingSource {
  label: string;
  path: string;
  isCsv: boolean;
  rowOf?: number[];
}

export interface MappedRows {
  columns: string[];
  rows: (string | null)[][];
  /** Per result row: the source file label and its data row number, when the mapping passed them through. */
  origins?: { file: string; row: number }[];
  sources: Map<string, MappingSource>;
}

const DATA_EXTENSIONS = ['.csv', '.parquet', '.json', '.ndjson', '.jsonl', '.xlsx'];

/** Table name of an export file: its base name, lower case, anything but letters, digits and _ as _. */
export function mappingTableName(file: string): string {
  return basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

function text(v: unknown): string | null {
  const p = toPlain(v);
  if (p === null || p === undefined) return null;
  if (typeof p === 'string') return p;
  if (typeof p === 'number' || typeof p === 'boolean') return String(p);
  return JSON.stringify(p);
}

/** Load the export files the query names; returns their sources and any temporary CSVs made from .xlsx. */
async function loadSources(c: DuckDBConnection, dir: string, sql: string, label: string): Promise<{ sources: Map<string, MappingSource>; temps: string[] }> {
  const sources = new Map<string, MappingSource>();
  const temps: string[] = [];
  const tables = new Map<string, string>();
  const lower = sql.toLowerCase();
  for (const name of readdirSync(dir).sort()) {
    if (!DATA_EXTENSIONS.includes(extname(name).toLowerCase())) continue;
    const table = mappingTableName(name);
    if (!new RegExp(`\\b${table}\\b`).test(lower)) continue;
    if (tables.has(table)) {
      throw new InputError([{ file: label, message: `two export files map to table '${table}' (${tables.get(table)}, ${name}); rename one` }]);
    }
    tables.set(table, name);
    let path = join(dir, name);
    let rowOf: number[] | undefined;
    if (extname(name).toLowerCase() === '.xlsx') {
      ({ csv: path, rowOf } = await xlsxToCsv(path));
      temps.push(dirname(path));
    }
    const isCsv = extname(path).toLowerCase() === '.csv';
    try {
      // every value as text, as from a CSV (a JSON export's dates are not guessed at: reader.ts)
      const keys = isJson(path) ? (await c.runAndReadAll(readerColumnsSql(path), { path })).getRowsJS().map((r) => String(r[0])) : [];
      const reader = textReaderOf(path, keys, { export: true });
      // the table name is [a-z0-9_] only (mappingTableName), so quoting it is all the escaping it needs
      await c.run(
        `CREATE TABLE "${table}" AS SELECT *, $file AS __file, row_number() OVER () AS __row FROM ${reader.sql}`,
        { ...reader.params, file: name },
      );
    } catch (err) {
      if (isCsv) await refuseLongRows(path, name, label, rowOf);
      throw new InputError([{ file: name, message: `cannot be read (for ${label}): ${(err as Error).message.split('\n')[0]}` }]);
    }
    // A line longer than the header would have been given extra columns: refuse it, naming the line.
    if (isCsv && (await tableColumns(c, table)) > (await headerFieldCount(path))) await refuseLongRows(path, name, label, rowOf);
    sources.set(name, { label: name, path, isCsv, rowOf });
  }
  return { sources, temps };
}

/** Columns of a loaded export table, without `__file` and `__row`. */
async function tableColumns(c: DuckDBConnection, table: string): Promise<number> {
  const r = await c.runAndReadAll('SELECT count(*)::INTEGER FROM information_schema.columns WHERE table_name = $t', { t: table });
  return Number(r.getRowsJS()[0]![0]) - 2;
}

/** Refuse an export line with more fields than its header (short lines, like a report footer, are padded). */
async function refuseLongRows(path: string, name: string, label: string, rowOf?: number[]): Promise<void> {
  const shape = await fieldCountProblem(path, { allowShort: true });
  if (!shape) return;
  const line = rowOf?.[shape.line - 1] ?? shape.line;
  throw new InputError([{ file: name, line, message: `has ${shape.fields} fields where the header has ${shape.expected} (for ${label}; quote a value that contains a comma)` }]);
}

/** Run the mapping `sqlFile` over the export files of its directory, in the sandbox; rows as text. */
export async function runMapping(sqlFile: string): Promise<MappedRows> {
  const label = basename(sqlFile);
  const dir = dirname(sqlFile);
  const sql = (await readFile(sqlFile, 'utf8')).trim();
  if (!sql) throw new InputError([{ file: label, message: 'mapping is empty (expected one SELECT over the export files in this directory)' }]);
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  let temps: string[] = [];
  try {
    for (const macro of MAPPING_MACROS) await c.run(macro);
    const loaded = await loadSources(c, dir, sql, label);
    temps = loaded.temps;
    // From here on the query can touch no file at all, and cannot switch that back on.
    await c.run('SET enable_external_access = false');
    await c.run('SET lock_configuration = true');
    let statements;
    try {
      statements = await c.extractStatements(sql);
    } catch (err) {
      throw new InputError([{ file: label, message: `is not valid SQL: ${(err as Error).message.split('\n')[0]}` }]);
    }
    if (statements.count !== 1) throw new InputError([{ file: label, message: `holds ${statements.count} statements (expected exactly one SELECT)` }]);
    const stmt = await statements.prepare(0).catch((err: Error) => {
      throw new InputError([{ file: label, message: `cannot be run: ${err.message.split('\n')[0]}${hint(err.message, dir)}` }]);
    });
    if (stmt.statementType !== StatementType.SELECT) {
      throw new InputError([{ file: label, message: 'is not a SELECT (a mapping may only read, never write or change settings)' }]);
    }
    const result = await stmt.runAndReadAll().catch((err: Error) => {
      throw new InputError([{ file: label, message: `cannot be run: ${err.message.split('\n')[0]}${hint(err.message, dir)}` }]);
    });
    const names = result.columnNames();
    const fileAt = names.indexOf('__file');
    const rowAt = names.indexOf('__row');
    const keep = names.map((_, i) => i).filter((i) => i !== fileAt && i !== rowAt);
    const raw = result.getRowsJS();
    const rows = raw.map((r) => keep.map((i) => text(r[i])));
    const origins = fileAt >= 0 && rowAt >= 0 ? raw.map((r) => ({ file: String(text(r[fileAt])), row: Number(text(r[rowAt])) })) : undefined;
    return { columns: keep.map((i) => names[i]!), rows, origins, sources: loaded.sources };
  } finally {
    c.closeSync();
    instance.closeSync();
    for (const t of temps) await rm(t, { recursive: true, force: true });
  }
}

/** What to do about a failed query: name a file as a table; which tables this directory offers. */
function hint(message: string, dir: string): string {
  if (/Permission Error|file system operations are disabled/i.test(message)) {
    return ' — a mapping cannot open files itself: name an export file of this directory as a table instead (opportunities.csv → FROM opportunities)';
  }
  if (/Catalog Error: Table/i.test(message)) {
    const tables = readdirSync(dir).filter((n) => DATA_EXTENSIONS.includes(extname(n).toLowerCase())).map(mappingTableName).sort();
    // a CRM download keeps its own name (report1712345678901.csv, hubspot-crm-exports-all-deals-<date>.csv)
    const missing = /Table with name (\w+) does not exist/i.exec(message)?.[1];
    const rename = missing ? `; rename the export file to ${missing}.csv (or .xlsx …) if it is one of them` : '';
    return ` — the export files here can be read as tables ${tables.join(', ') || '(none)'}${rename}`;
  }
  return '';
}
