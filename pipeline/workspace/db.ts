// The workspace: one DuckDB database file that every stage reads from and writes to. The one way the
// program opens DuckDB (run, the sql command, notebooks, export): UTC, the domain macros, typed reads and appends.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBAppender, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { installMacros } from './macros.js';
import { checkColumns, type RowOf, type Schema } from './rows.js';
import { plainColumns, plainRowObjects, plainRows } from './plain.js';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;
export type Cell = string | number | boolean | null;

export interface Workspace {
  readonly path: string;
  /** Run statements that return nothing (DDL, INSERT … SELECT). Values go in `params`, never in `sql`. */
  exec(sql: string, params?: Params): Promise<void>;
  /**
   * Rows as plain JS values (dates as 'YYYY-MM-DD' strings, numbers as numbers), untyped: for comparing
   * whole rows in tests and for analysts' ad-hoc queries. Code that reads fields uses `rows(schema, …)`.
   */
  query(sql: string, params?: Params): Promise<Row[]>;
  /** Rows checked against `schema`: each column converted and typed, a wrong type is an error naming it. */
  rows<S extends Schema>(schema: S, sql: string, params?: Params): Promise<RowOf<S>[]>;
  /** Column names in result order and the rows as arrays of plain values. */
  table(sql: string, params?: Params): Promise<{ names: string[]; rows: unknown[][] }>;
  /** Column-oriented result, for numeric work without per-row objects. */
  columns(sql: string, params?: Params): Promise<Record<string, unknown[]>>;
  /** Bulk insert into an existing table through DuckDB's appender, each value as its column's type. */
  append(table: string, rows: readonly (readonly Cell[])[]): Promise<void>;
  connection: DuckDBConnection;
  /** The database, for work that needs a connection of its own (a notebook page's temporary tables). */
  database: Database;
  close(): void;
  /**
   * CHECKPOINT, then close: the database file then holds everything on its own. A checkpoint that fails
   * (disk full) is an error naming the file, never a silent loss: a workspace is only published whole.
   */
  checkpointAndClose(): Promise<void>;
}

/** DuckDB could not write a file (disk full, read-only disk): its database, its log, or a COPY's target. */
export const FILE_WRITE_FAILED = /Could not write file|No space left on device/i;
/** DuckDB could not write its database or log, or commit to it: say which workspace. */
const WRITE_FAILED = new RegExp(`${FILE_WRITE_FAILED.source}|Failed to commit`, 'i');

/** An open DuckDB database; every connection it hands out works in UTC and has the domain macros. */
export interface Database {
  readonly path: string;
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

export interface OpenOptions {
  /** Open an existing database read-only (default: read-write, created when missing). */
  readOnly?: boolean;
  /** Let SQL read and write files (read_csv, COPY … TO); default: on when read-write, off when read-only. */
  fileAccess?: boolean;
}

/**
 * DuckDB's memory cap for a workspace file (its default is 80% of RAM, and it keeps what it gets as
 * cache). Over it, sorts, joins and aggregates spill to `<workspace>.tmp`. On 5,000 partners × 36 months
 * scoring ran as fast with this cap as without and peaked at 1.6 GB of RSS instead of 2.6 GB.
 * In-memory databases (tests, the bench's bare pass) keep the default: capped, they would spill into the
 * current directory.
 */
const WORKSPACE_MEMORY_LIMIT = '1200MB';

/**
 * Storage format of a new workspace file: DuckDB 1.3's, whose string compression (DICT_FSST) analyses
 * and compresses a column in one pass, where the 0.10.2 format DuckDB writes by default (for older
 * readers) tries dictionary and FSST apart: ingest writes the 5M-row signals table in ~0.7 CPU s less.
 * Only DuckDB 1.3 or later opens such a file. A file that exists keeps the format it was created in.
 */
const WORKSPACE_STORAGE_VERSION = 'v1.3.0';

/**
 * DuckDB's worker threads per database, from PARTNER_HEALTH_DUCKDB_THREADS (a positive integer); unset or
 * empty keeps DuckDB's default, one per core. The test suite sets 1: its two workers each open many
 * databases on tiny data, where a thread per core only contends. No result depends on it.
 */
export const THREADS_ENV = 'PARTNER_HEALTH_DUCKDB_THREADS';

/** The `threads` setting for a new DuckDB instance, or undefined for DuckDB's default. */
export function duckdbThreads(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env[THREADS_ENV];
  if (v === undefined || v === '') return undefined;
  if (!/^[1-9]\d*$/.test(v)) throw new Error(`${THREADS_ENV} must be a positive whole number of DuckDB threads, got '${v}'`);
  return v;
}

/** Open (or create) a DuckDB database at `path`: the only place the program creates a DuckDB instance. */
export async function openDatabase(path: string, opts: OpenOptions = {}): Promise<Database> {
  const fileAccess = opts.fileAccess ?? !opts.readOnly;
  // The real file: OUT/workspace.duckdb is a link into the current run, and a DuckDB without file access
  // may touch only the database's own real path (and its .wal), not follow the link.
  const file = path !== ':memory:' && existsSync(path) ? realpathSync(path) : path;
  const threads = duckdbThreads();
  const instance = await DuckDBInstance.create(file, {
    ...(file === ':memory:' ? {} : { memory_limit: WORKSPACE_MEMORY_LIMIT, storage_compatibility_version: WORKSPACE_STORAGE_VERSION }),
    ...(opts.readOnly ? { access_mode: 'READ_ONLY' } : {}),
    ...(fileAccess ? {} : { enable_external_access: 'false' }),
    ...(threads === undefined ? {} : { threads }),
  });
  return {
    path,
    async connect() {
      const connection = await instance.connect();
      await useUtc(connection);
      await installMacros(connection);
      return connection;
    },
    close: () => instance.closeSync(),
  };
}

/** Open (or create) a workspace database at `path` (':memory:' for tests). */
export async function openWorkspace(path: string, opts: OpenOptions = {}): Promise<Workspace> {
  const database = await openDatabase(path, opts);
  const connection = await database.connect();
  return workspaceOn(path, database, connection, () => {
    connection.closeSync();
    database.close();
  });
}

/**
 * A second connection to `ws`'s database, for work beside `ws`'s own (ingest stages the small inputs
 * there while the signals load): tables are shared, TEMP tables and the transaction are its own.
 * Closing it closes only this connection.
 */
export async function openBeside(ws: Workspace): Promise<Workspace> {
  const connection = await ws.database.connect();
  return workspaceOn(ws.path, ws.database, connection, () => connection.closeSync());
}

function workspaceOn(path: string, database: Database, connection: DuckDBConnection, close: () => void): Workspace {
  const named = (err: Error): never => {
    throw WRITE_FAILED.test(err.message) ? new Error(`cannot write ${path}: ${err.message.split('\n')[0]}`, { cause: err }) : err;
  };
  const read = (sql: string, params?: Params) => connection.runAndReadAll(sql, params).catch(named);
  const readColumns = async (sql: string, params?: Params): Promise<Record<string, unknown[]>> => {
    const result = await connection.run(sql, params).catch(named);
    return plainColumns(result.deduplicatedColumnNames(), await result.fetchAllChunks().catch(named));
  };
  return {
    path,
    connection,
    database,
    async exec(sql, params) {
      await connection.run(sql, params).catch(named);
    },
    async query(sql, params) {
      return plainRowObjects(await read(sql, params));
    },
    async rows(schema, sql, params) {
      // read by column: DuckDB's row objects cost about twice its columns (same values, same order)
      return checkColumns(schema, await readColumns(sql, params), sql);
    },
    async table(sql, params) {
      const reader = await read(sql, params);
      return { names: reader.columnNames(), rows: plainRows(reader) };
    },
    async columns(sql, params) {
      return readColumns(sql, params);
    },
    async append(table, rows) {
      const appender = await connection.createAppender(table);
      try {
        const types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
        rows.forEach((row, r) => {
          if (row.length !== types.length) throw new Error(`append to ${table}, row ${r + 1}: ${row.length} values for ${types.length} columns`);
          row.forEach((v, c) => appendCell(appender, v, types[c]!, () => `append to ${table}, row ${r + 1}, column ${c + 1}`));
          appender.endRow();
        });
      } finally {
        appender.closeSync();
      }
    },
    close,
    async checkpointAndClose() {
      try {
        await connection.run('CHECKPOINT');
      } catch (err) {
        close();
        throw new Error(`cannot write ${path}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
      }
      close();
      const wal = `${path}.wal`;
      if (path !== ':memory:' && existsSync(wal) && statSync(wal).size > 0) {
        throw new Error(`cannot write ${path}: the checkpoint left its write-ahead log ${wal} (is the disk full?)`);
      }
    },
  };
}

/** Append one value as its column's type: integers as integers, booleans as BOOLEAN, dates from 'YYYY-MM-DD'. */
function appendCell(appender: DuckDBAppender, v: Cell, type: DuckDBType, where: () => string): void {
  const fail = (): never => {
    throw new Error(`${where()}: expected ${type.toString()}, got ${JSON.stringify(v)}`);
  };
  if (v === null) return appender.appendNull();
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return typeof v === 'boolean' ? appender.appendBoolean(v) : fail();
    case DuckDBTypeId.INTEGER:
      return typeof v === 'number' && Number.isInteger(v) ? appender.appendInteger(v) : fail();
    case DuckDBTypeId.BIGINT:
      return typeof v === 'number' && Number.isInteger(v) ? appender.appendBigInt(BigInt(v)) : fail();
    case DuckDBTypeId.DOUBLE:
      return typeof v === 'number' ? appender.appendDouble(v) : fail();
    case DuckDBTypeId.VARCHAR:
      return typeof v === 'string' ? appender.appendVarchar(v) : fail();
    case DuckDBTypeId.DATE:
      // DuckDB parses the ISO text into the DATE column.
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? appender.appendVarchar(v) : fail();
    default:
      return fail();
  }
}

/**
 * Work in UTC, not the machine's zone: a Parquet TIMESTAMPTZ cast to DATE must give the same day under
 * TZ=America/New_York as under UTC. (A setting of the connection: DuckDB refuses it at instance creation.)
 */
async function useUtc(connection: DuckDBConnection): Promise<void> {
  await connection.run(`SET TimeZone = 'UTC'`);
}


/**
 * Open a workspace file read-only, for analysts' queries (sql, notebooks, export). Without `fileAccess`
 * a query cannot read or write other files either (no read_csv, no COPY … TO).
 */
export async function openReadOnly(path: string, opts: { fileAccess?: boolean } = {}): Promise<Workspace> {
  return openWorkspace(path, { readOnly: true, fileAccess: opts.fileAccess ?? false });
}

/**
 * The workspace file of a run directory (its workspace.duckdb), or `dirOrFile` itself; it must exist.
 * Returned as the real file: OUT/workspace.duckdb is a link into the current run, and a DuckDB opened
 * without file access may touch only the database's own real path (and its .wal).
 */
export function workspaceFile(dirOrFile: string): string {
  const path = existsSync(dirOrFile) && statSync(dirOrFile).isDirectory() ? join(dirOrFile, 'workspace.duckdb') : dirOrFile;
  if (!existsSync(path)) throw new Error(`workspace not found: ${path} (run \`partner-health run\` or \`npm run demo\` first)`);
  return realpathSync(path);
}
