// The fast way in for a CSV input: read it straight into its contract types, the way the typed table
// holds them, instead of staging every value as text with its record number and parsing it in each rule.
// Text is only needed to name a failing row (its line, the value as written), so a file that does not
// parse, or breaks any rule (validate.ts `anyIssue`), is staged again as text and checked there: its
// messages and rejected rows are exactly those of the text path. The typed table holds, value for value,
// what the text path's typed table would (a CAST that succeeds gives what its TRY_CAST gives).
import { openBeside, type Workspace } from '../workspace/db.js';
import { plainHeader } from './shape.js';
import type { ColumnKind, InputSpec } from './contract.js';
import { csvReaderOf, readerSql, sniffCsv, type CsvDialect } from './reader.js';
import type { DuckDBValue } from '@duckdb/node-api';
import { anyDistinct } from './validate.js';
import { bool, int } from '../workspace/rows.js';

const SQL_TYPE: Record<ColumnKind, string> = { id: 'VARCHAR', text: 'VARCHAR', status: 'VARCHAR', date: 'DATE', number: 'DOUBLE' };

/**
 * Whether `trim` could change text `c`: it removes Unicode space separators (U+0020, U+00A0, U+3000 …) at
 * either end, so a non-empty pure-ASCII value (as many bytes as characters) without a space at either end
 * is left as it is. Testing this is a third of the price of trimming 5M values.
 */
const mayTrim = (c: string): string => `(${c} = '' OR strlen(${c}) <> length(${c}) OR starts_with(${c}, ' ') OR ends_with(${c}, ' '))`;

/**
 * Column `c` as the typed table holds it: trimmed text with blank as NULL, status in lower case, dates
 * cast, numbers read as DOUBLE by the reader. The cast (or the reader) fails, and the file takes the text
 * path, on a value `parsedExpr` would not read as written: a timestamp, which it truncates, a blank one,
 * or a malformed date or number. Both read dates and numbers untrimmed: they skip surrounding ASCII
 * spaces and fail on other edge spaces.
 */
export function typedColumn(kind: ColumnKind, c: string): string {
  switch (kind) {
    case 'status':
      return `CASE WHEN ${mayTrim(c)} THEN NULLIF(lower(trim(${c})), '') ELSE lower(${c}) END`;
    case 'id':
    case 'text':
      return `CASE WHEN ${mayTrim(c)} THEN NULLIF(trim(${c}), '') ELSE ${c} END`;
    default:
      return readColumn(kind, c);
  }
}

/**
 * Column `c` as the file is first read: as `typedColumn` makes it, except that ids and text stay as
 * written. Testing every value for edge spaces while reading costs 0.7 CPU s on 5M signal rows; on the
 * stored table it is a third of that (see `trimIfNeeded`), and a clean file never needs the trims.
 */
function readColumn(kind: ColumnKind, c: string): string {
  switch (kind) {
    case 'date':
      return `CAST(${c} AS DATE)`;
    case 'status':
      return typedColumn(kind, c);
    default:
      // numbers come typed from the reader (see `readerTypes`)
      return c;
  }
}

/**
 * The reader's type for each header column: DOUBLE for a contract number, text for the rest. The CSV
 * reader's own number parsing takes or refuses exactly the strings CAST(… AS DOUBLE) does, to the same
 * value (typed-numbers.test.ts), and saves staging them as text first: ~0.1 CPU s on 5M signal rows.
 * Dates stay text and are cast: typed, the reader sniffs a date format and reads 'infinity' as 1900-01-01.
 */
function readerTypes(spec: InputSpec, header: readonly string[]): string[] {
  const numbers = new Set(spec.columns.filter((c) => c.kind === 'number').map((c) => c.name));
  return header.map((h) => (numbers.has(h.toLowerCase()) ? 'DOUBLE' : 'VARCHAR'));
}

/**
 * Per-value tests that say an id or text column of a typed table, read as written, may need `trimIfNeeded`:
 * `anyIssue` ORs them into its scan of each column's distinct values, so a clean file pays one scan for
 * both questions (on 5M signal rows the separate scan cost ~0.05 CPU s, after the load and before the
 * checks, where nothing else runs beside it).
 */
export function untrimmedTests(columns: readonly string[]): { on: string; where: string }[] {
  return columns.map((c) => ({ on: c, where: mayTrim(c) }));
}

/** Ids and text of `table` (read as written) made as `typedColumn` makes them, if any value needs it. */
export async function trimIfNeeded(ws: Workspace, table: string, asWritten: readonly string[]): Promise<void> {
  if (asWritten.length === 0) return;
  const [{ hit }] = (await ws.rows({ hit: bool },
    `SELECT ${asWritten.map((c) => anyDistinct(table, c, mayTrim(c))).join(' OR ')} AS hit`,
  )) as [{ hit: boolean }];
  if (!hit) return;
  const replaced = asWritten.map((c) => `${typedColumn('text', c)} AS ${c}`);
  await ws.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT * REPLACE (${replaced.join(', ')}) FROM ${table}`);
}

/**
 * Read CSV `file` (through the same reader as the text path, so the same rows) into table `table` with
 * the contract's columns, typed. Returns the file's header and row count, or undefined when the file
 * must take the text path: a required column missing, no rows, or a value that does not cast. With
 * `deferTrim` ids and text stay as written, named in `untrimmed`: the first `anyIssue` of the table then
 * also asks whether they need `trimIfNeeded`, which must run before the table is relied on (ingest.ts
 * `typedIssue`). With `guessHeader` the load does not wait for DuckDB to read the header (see below).
 */
export async function readTypedCsv(ws: Workspace, spec: InputSpec, file: string, table: string, opts: { deferTrim?: boolean; guessHeader?: boolean; dialect?: CsvDialect } = {}): Promise<Typed | undefined> {
  // the file's dialect and header (sniffed now, unless known), then a read that does not sniff again
  const sniffed = (known?: CsvDialect) => async (): Promise<Reader> => {
    const dialect = known ?? await sniffCsv(ws, file);
    return { header: dialect.columns, from: (types) => csvReaderOf(file, dialect, { types }) };
  };
  const guess = opts.guessHeader ? await plainHeader(file) : undefined;
  if (!guess) return loadTyped(ws, spec, table, sniffed(opts.dialect), opts);
  // The load starts at once with the header as its first line spells it, and DuckDB's sniff is asked
  // beside it: asked first, it ran alone before the load (~0.04 s of 5M signal rows). A header DuckDB
  // reads otherwise (another delimiter, lines skipped) undoes the load, read again in the sniffed dialect.
  const side = await openBeside(ws);
  const described = sniffCsv(side, file).catch(() => undefined).finally(() => side.close());
  const guessed = async (): Promise<Reader> => ({ header: guess, from: (types) => ({ sql: readerSql(file, { types }), params: { path: file } }) });
  let typed: Typed | undefined;
  let dialect: CsvDialect | undefined;
  try {
    typed = await loadTyped(ws, spec, table, guessed, opts);
  } finally {
    dialect = await described; // also when the load throws: the side connection is closed first
  }
  const header = dialect?.columns;
  if (header && header.length === guess.length && header.every((h, i) => h === guess[i])) return typed;
  await ws.exec(`DROP TABLE IF EXISTS ${table}`);
  return loadTyped(ws, spec, table, sniffed(dialect), opts);
}

type Typed = { columns: string[]; rows: number; untrimmed?: string[] };

/** A CSV file's header, and its reader with the given types by header position. */
type Reader = { header: string[]; from: (types: string[]) => { sql: string; params: Record<string, DuckDBValue> } };

/** `readTypedCsv` with the header and reader `readerOf` gives (sniffed, or the header the first line spells). */
async function loadTyped(ws: Workspace, spec: InputSpec, table: string, readerOf: () => Promise<Reader>, opts: { deferTrim?: boolean }): Promise<Typed | undefined> {
  let untrimmed: string[] | undefined;
  let header: string[];
  try {
    const reader = await readerOf();
    header = reader.header;
    const lower = header.map((c) => c.toLowerCase());
    if (new Set(lower).size !== lower.length || spec.columns.some((c) => c.required && !lower.includes(c.name))) return undefined;
    // contract names are constants; DuckDB matches them to the header without regard to case, as the text path does
    const present = spec.columns.filter((c) => lower.includes(c.name));
    const select = spec.columns.map((c) => `${present.includes(c) ? readColumn(c.kind, c.name) : `NULL::${SQL_TYPE[c.kind]}`} AS ${c.name}`);
    const from = reader.from(readerTypes(spec, header));
    await ws.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT ${select.join(', ')} FROM ${from.sql}`, from.params);
    const asWritten = present.filter((c) => c.kind === 'id' || c.kind === 'text').map((c) => c.name);
    if (opts.deferTrim) untrimmed = asWritten;
    else await trimIfNeeded(ws, table, asWritten);
  } catch (err) {
    // the workspace could not take the rows (disk full): a write failure, whichever path reads the file;
    // anything else (a value that does not cast, a file DuckDB cannot read) the text path explains
    if ((err as Error).message.startsWith('cannot write ')) throw err;
    return undefined;
  }
  const [{ n }] = (await ws.rows({ n: int }, `SELECT count(*)::INTEGER AS n FROM ${table}`)) as [{ n: number }];
  if (n === 0) {
    await ws.exec(`DROP TABLE ${table}`);
    return undefined;
  }
  return { columns: header, rows: n, ...(untrimmed ? { untrimmed } : {}) };
}
