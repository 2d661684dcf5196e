// Locate an input file by base name and stage it, all columns as text with its record number, in DuckDB.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative } from 'node:path';
import { terminalCell } from '../io/terminal.js';
import { encodingProblem, fieldCountProblem } from './shape.js';
import type { Workspace } from '../workspace/db.js';
import { SUPPORTED_EXTENSIONS, type InputSpec } from './contract.js';
import { InputError } from './errors.js';
import { resolveIssueLines } from './lines.js';
import { xlsxToCsv } from './xlsx.js';
import { sniffCsv, textReader, type CsvDialect } from './reader.js';
import { readTypedCsv } from './typed.js';
import { runMapping, type MappingSource } from './mapping.js';
import { int } from '../workspace/rows.js';
import { columnsOf } from '../workspace/catalog.js';

export interface StagedInput {
  spec: InputSpec;
  file: string;
  /** The file the user gave (an .xlsx is read through a temporary CSV in `file`). */
  source: string;
  /** Display name used in messages (base name of the file). */
  label: string;
  /** CSV files report physical lines; Parquet and JSON report record numbers. */
  isCsv: boolean;
  /** For a converted workbook: the sheet row of each record ([0] = header), reported as its line. */
  rowOf?: number[];
  /** For a `.sql` mapping that passes `__file` and `__row` through: where each record came from. */
  origins?: { file: string; row: number }[];
  /** For a `.sql` mapping: the export files it read, to turn their row numbers into lines. */
  mappingSources?: Map<string, MappingSource>;
  table: string;
  columns: string[];
  rows: number;
  /** A link to a file outside the data directory: values from it are not quoted in messages. */
  outside: boolean;
  /** Staged in its contract types (typed.ts), not as text: no record numbers, and checked for problems only. */
  typed?: boolean;
  /** A typed input's id and text columns still as read, until its first check trims them (typed.ts `readTypedCsv`). */
  untrimmed?: string[];
  /** A CSV's dialect as sniffed, for a read of it as text after the typed one (reader.ts `CsvDialect`). */
  dialect?: CsvDialect;
}

/** The files of `dir` that hold input `name` (one per supported extension that exists). */
export function inputFiles(dir: string, name: string): string[] {
  return SUPPORTED_EXTENSIONS.map((ext) => join(dir, name + ext)).filter((p) => existsSync(p));
}

export function findInputFile(dir: string, name: string): string | undefined {
  const found = inputFiles(dir, name);
  if (found.length > 1) {
    throw new InputError([{ file: basename(found[0]!), message: `more than one file for '${name}': ${found.map((f) => basename(f)).join(', ')}; keep one` }]);
  }
  return found[0];
}

/**
 * Stage `file` as table `raw_<name>` with every column VARCHAR plus `__rec` (1-based record number); a CSV
 * other than partners (whose extra columns stay as text for analysts) is first tried typed, unless `asText`
 * (`guessHeader`: see typed.ts `readTypedCsv`).
 */
export async function stageInput(ws: Workspace, spec: InputSpec, source: string, opts: { asText?: boolean; guessHeader?: boolean; dialect?: CsvDialect } = {}): Promise<StagedInput> {
  const label = basename(source);
  const stat = statSync(source);
  if (!stat.isFile()) throw new InputError([{ file: label, message: `is a ${stat.isDirectory() ? 'directory' : 'special file'}, not a file (expected ${spec.name} data in a file)` }]);
  if (stat.size === 0) throw new InputError([{ file: label, message: 'file is empty (expected a header and at least one row)' }]);
  // A link to a file outside the data directory (say /etc/passwd) may be read, but its text is never
  // quoted back in a message.
  const outside = !isInside(dirname(source), source);
  if (extname(source).toLowerCase() === '.csv') {
    const problem = await encodingProblem(source);
    if (problem) throw new InputError([{ file: label, message: problem }]);
  }
  if (extname(source).toLowerCase() === '.sql') return stageMapping(ws, spec, source);
  let dialect = opts.dialect;
  if (extname(source).toLowerCase() === '.csv' && spec.name !== 'partners' && !opts.asText) {
    const table = `raw_${spec.name}`;
    // sniffed once for both reads; a file DuckDB cannot sniff goes straight to the text path, which says why
    if (!opts.guessHeader) dialect ??= await sniffCsv(ws, source).catch(() => undefined);
    const typed = opts.guessHeader || dialect ? await readTypedCsv(ws, spec, source, table, { deferTrim: true, guessHeader: opts.guessHeader, dialect }) : undefined;
    if (typed) return { spec, file: source, source, label, isCsv: true, table, ...typed, outside, typed: true, ...(dialect ? { dialect } : {}) };
  }
  let file = source;
  let rowOf: number[] | undefined;
  if (extname(source).toLowerCase() === '.xlsx') {
    try {
      ({ csv: file, rowOf } = await xlsxToCsv(source));
    } catch (err) {
      throw new InputError([{ file: label, message: `cannot be read as an Excel workbook: ${(err as Error).message}` }]);
    }
  }
  const isCsv = extname(file).toLowerCase() === '.csv'; // .xlsx was converted to CSV above
  try {
    const table = `raw_${spec.name}`;
    try {
      // insertion order is preserved by DuckDB, so row_number() over () is the record's position in the file.
      const reader = await textReader(ws, file, file === source ? dialect : undefined);
      await ws.exec(
        `CREATE OR REPLACE TABLE ${table} AS
         SELECT COLUMNS(* EXCLUDE (__rec))::VARCHAR, __rec
         FROM (SELECT *, row_number() OVER () AS __rec FROM ${reader.sql})`,
        reader.params,
      );
    } catch (err) {
      const msg = firstLine((err as Error).message);
      // the workspace could not take the rows (disk full): a write failure, not a fault of the input
      if (msg.startsWith('cannot write ')) throw err;
      if (isCsv) await refuseRaggedRows(file, label, rowOf);
      throw new InputError([{ file: label, message: `cannot be read: ${msg}` }]);
    }
    return await describeStaged(ws, { spec, file, source, label, isCsv, rowOf, table, columns: [], rows: 0, outside });
  } catch (err) {
    if (file !== source) await rm(dirname(file), { recursive: true, force: true });
    throw err;
  }
}

/** A CSV line whose field count differs from the header's is the likely reason DuckDB balked: name it. */
async function refuseRaggedRows(file: string, label: string, rowOf?: number[]): Promise<void> {
  const shape = await fieldCountProblem(file);
  if (!shape) return;
  const line = rowOf?.[shape.line - 1] ?? shape.line;
  throw new InputError([{ file: label, line, message: `has ${shape.fields} fields where the header has ${shape.expected} (expected one value per column; quote a value that contains a comma)` }]);
}

/** Whether `file`, links resolved, lies inside `dir` (links resolved too). */
function isInside(dir: string, file: string): boolean {
  const rel = relative(realpathSync(dir), realpathSync(file));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Columns and rows of a staged table, checked against the contract; absent optional columns added as NULL. */
async function describeStaged(ws: Workspace, staged: StagedInput): Promise<StagedInput> {
  const { spec, table, label, file, isCsv, rowOf, outside } = staged;
  const columns = (await columnsOf(ws, table)).filter((c) => c !== '__rec');
  const [{ n }] = (await ws.rows({ n: int }, `SELECT count(*) AS n FROM ${table}`)) as [{ n: number }];
  // Zero rows is legitimate only for an optional input (no interventions yet); required inputs need data.
  if (n === 0 && spec.required) {
    if (isCsv) await refuseRaggedRows(file, label, rowOf); // DuckDB's sniffer can read a ragged file as empty
    throw new InputError([{ file: label, message: 'has a header but no data rows' }]);
  }
  // DuckDB's dialect sniffer gives up on a malformed line (one of only spaces, or with extra fields)
  // and reads the whole header as a single column: say so instead of listing every column as missing.
  if (isCsv && columns.length === 1 && (columns[0]!.includes(',') || outside)) {
    await refuseRaggedRows(file, label, rowOf);
    const header = outside ? '' : `, ${JSON.stringify(columns[0])}`;
    throw new InputError([{ file: label, message: `could not be split into comma-separated columns (the header was read as one column${header}); look for a line of only spaces` }]);
  }
  const lower = new Set(columns.map((c) => c.toLowerCase()));
  const missing = spec.columns.filter((c) => c.required && !lower.has(c.name));
  if (missing.length) {
    const found = outside ? `${columns.length} columns, not shown: the file is outside the data directory` : columns.map(terminalCell).join(', ');
    const issues = missing.map((c) => ({ file: label, record: 0, column: c.name, message: `required column is missing (found: ${found})` }));
    throw new InputError(await resolveIssueLines(issues, new Map([[label, { file, isCsv, rowOf }]])));
  }
  // Optional contract columns that are absent are added as NULL so later SQL can name them.
  for (const c of spec.columns) {
    if (!lower.has(c.name)) await ws.exec(`ALTER TABLE ${table} ADD COLUMN ${c.name} VARCHAR`);
  }
  return { ...staged, columns, rows: n };
}

/** Stage the result of a `.sql` mapping like a file: every column as text, `__rec` its row number. */
async function stageMapping(ws: Workspace, spec: InputSpec, source: string): Promise<StagedInput> {
  const mapped = await runMapping(source);
  const table = `raw_${spec.name}`;
  // Column names come from the mapping's SELECT; quoting with doubled quotes is all identifiers need.
  const ident = (c: string): string => `"${c.replace(/"/g, '""')}"`;
  const cols = mapped.columns.map((c) => `${ident(c)} VARCHAR`).join(', ');
  await ws.exec(`CREATE OR REPLACE TEMP TABLE mapped_rows (${cols}${cols ? ', ' : ''}__rec VARCHAR)`);
  await ws.append('mapped_rows', mapped.rows.map((r, i) => [...r, String(i + 1)]));
  await ws.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT * REPLACE (__rec::BIGINT AS __rec) FROM mapped_rows ORDER BY __rec::BIGINT`);
  await ws.exec('DROP TABLE mapped_rows');
  return describeStaged(ws, {
    spec, file: source, source, label: basename(source), isCsv: false, table, columns: [], rows: 0, outside: false,
    origins: mapped.origins, mappingSources: mapped.sources,
  });
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
