// The workspace: one DuckDB database file that every stage reads from and writes to.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

export interface Workspace {
  readonly path: string;
  /** Run statements that return nothing (DDL, INSERT … SELECT). Values go in `params`, never in `sql`. */
  exec(sql: string, params?: Params): Promise<void>;
  /** Run a query and return rows as plain JS values (dates as 'YYYY-MM-DD' strings, numbers as numbers). */
  query<T = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Column-oriented result, for numeric work without per-row objects. */
  columns(sql: string, params?: Params): Promise<Record<string, unknown[]>>;
  /** Bulk insert rows into an existing table through DuckDB's appender. */
  append(table: string, rows: readonly (readonly (string | number | null)[])[]): Promise<void>;
  connection: DuckDBConnection;
  close(): void;
  /**
   * CHECKPOINT, then close: the database file then holds everything on its own. A checkpoint that fails
   * (disk full) is an error naming the file, never a silent loss: a workspace is only published whole.
   */
  checkpointAndClose(): Promise<void>;
}

/** DuckDB could not write its database or log (disk full, read-only disk): say which workspace. */
const WRITE_FAILED = /Could not write file|No space left on device|Failed to commit/i;

/** Open (or create) a workspace database at `path` (':memory:' for tests). */
export async function openWorkspace(path: string): Promise<Workspace> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await useUtc(connection);
  const named = (err: Error): never => {
    throw WRITE_FAILED.test(err.message) ? new Error(`cannot write ${path}: ${err.message.split('\n')[0]}`) : err;
  };
  const close = (): void => {
    connection.closeSync();
    instance.closeSync();
  };
  return {
    path,
    connection,
    async exec(sql, params) {
      await connection.run(sql, params as never).catch(named);
    },
    async query<T>(sql: string, params?: Params) {
      const reader = await connection.runAndReadAll(sql, params as never).catch(named);
      return reader.getRowObjectsJS().map(normaliseRow) as T[];
    },
    async columns(sql, params) {
      const reader = await connection.runAndReadAll(sql, params as never).catch(named);
      const cols = reader.getColumnsObjectJS();
      const out: Record<string, unknown[]> = {};
      for (const [name, values] of Object.entries(cols)) out[name] = values.map(toPlain);
      return out;
    },
    async append(table, rows) {
      const appender = await connection.createAppender(table);
      for (const row of rows) {
        for (const v of row) {
          if (v === null) appender.appendNull();
          else if (typeof v === 'number') appender.appendDouble(v);
          else appender.appendVarchar(v);
        }
        appender.endRow();
      }
      appender.closeSync();
    },
    close,
    async checkpointAndClose() {
      try {
        await connection.run('CHECKPOINT');
      } catch (err) {
        close();
        throw new Error(`cannot write ${path}: ${(err as Error).message.split('\n')[0]}`);
      }
      close();
      const wal = `${path}.wal`;
      if (path !== ':memory:' && existsSync(wal) && statSync(wal).size > 0) {
        throw new Error(`cannot write ${path}: the checkpoint left its write-ahead log ${wal} (is the disk full?)`);
      }
    },
  };
}

/**
 * Work in UTC, not the machine's zone: a Parquet TIMESTAMPTZ cast to DATE must give the same day under
 * TZ=America/New_York as under UTC. (A setting of the connection: DuckDB refuses it at instance creation.)
 */
export async function useUtc(connection: DuckDBConnection): Promise<void> {
  await connection.run(`SET TimeZone = 'UTC'`);
}

/** BIGINT → number (counts and sums fit in 2^53 here), DATE → 'YYYY-MM-DD', TIMESTAMP → ISO string. */
export function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return v;
}

function normaliseRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = toPlain(v);
  return out;
}

export interface ReadOnlyWorkspace {
  instance: DuckDBInstance;
  /** A first connection (in UTC); open more with instance.connect() for isolated temporary tables. */
  connection: DuckDBConnection;
  close(): void;
}

/**
 * Open a workspace file read-only, for analysts' queries (sql, notebooks, export). Without `fileAccess`
 * a query cannot read or write other files either (no read_csv, no COPY … TO).
 */
export async function openReadOnly(path: string, opts: { fileAccess?: boolean } = {}): Promise<ReadOnlyWorkspace> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY', enable_external_access: opts.fileAccess ? 'true' : 'false' });
  const connection = await instance.connect();
  await useUtc(connection);
  return {
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
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
