// The workspace: one DuckDB database file that every stage reads from and writes to.
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
}

/** Open (or create) a workspace database at `path` (':memory:' for tests). */
export async function openWorkspace(path: string): Promise<Workspace> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await useUtc(connection);
  return {
    path,
    connection,
    async exec(sql, params) {
      await connection.run(sql, params as never);
    },
    async query<T>(sql: string, params?: Params) {
      const reader = await connection.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJS().map(normaliseRow) as T[];
    },
    async columns(sql, params) {
      const reader = await connection.runAndReadAll(sql, params as never);
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
    close() {
      connection.closeSync();
      instance.closeSync();
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
