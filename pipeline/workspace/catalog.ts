// What a workspace holds: whether it has a table, and a table's columns. Asked of DuckDB's catalog
// function and of an empty result, not of information_schema: its views are bound anew on each new
// database (every run, every test), ~10 ms of CPU for a column list on a tiny run against ~0.5 ms.
import type { Workspace } from './db.js';
import { int } from './rows.js';

/** Whether the workspace has table `name` (views and macros are not tables). */
export async function hasTable(ws: Workspace, name: string): Promise<boolean> {
  const [r] = await ws.rows({ n: int }, 'SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = $t', { t: name });
  return r!.n > 0;
}

/** The column names of table `table` (a name the program chose, never user text), in order. */
export async function columnsOf(ws: Workspace, table: string): Promise<string[]> {
  return (await ws.table(`SELECT * FROM ${table} LIMIT 0`)).names;
}

/**
 * CREATE OR REPLACE VIEW `name` (a name the program chose) AS `sql`. A workspace scored by an earlier
 * version may hold a table of that name, which CREATE OR REPLACE VIEW cannot replace: it is dropped first.
 */
export async function replaceView(ws: Workspace, name: string, sql: string): Promise<void> {
  const [old] = await ws.rows({ n: int },
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $t`, { t: name });
  if (old!.n > 0) await ws.exec(`DROP TABLE ${name}`);
  await ws.exec(`CREATE OR REPLACE VIEW ${name} AS ${sql}`);
}
