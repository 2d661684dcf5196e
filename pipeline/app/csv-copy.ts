// A query's result as an output CSV (scores.csv, labels.csv, rejected_rows.csv), by io/csv's rules.
// DuckDB writes the rows itself when it can (each field formatted in SQL, csvLinesSql): reading 180k
// scores.csv rows into JS values and formatting them there was ~1.1 CPU s on 5,000 partners × 36 months,
// COPY of the same text ~0.4 on DuckDB's threads. The file still goes out through `fx.writeFile`
// (atomic, recorded in tests): DuckDB writes a temporary sibling, which is read back and removed.
import { readFile, rm } from 'node:fs/promises';
import { FILE_WRITE_FAILED, type Workspace } from '../workspace/db.js';
import type { Effects } from '../effects.js';
import { csvDocument, csvField, csvLinesSql, type CsvValue } from '../io/csv.js';
import { tempSibling } from '../io/atomic.js';
import { text } from '../workspace/rows.js';

/** Write `query`'s rows to `path` as CSV: header line, then one line per row, each ending in LF. */
export async function copyCsv(ws: Workspace, fx: Pick<Effects, 'writeFile'>, query: string, path: string): Promise<void> {
  const cols = await ws.rows({ column_name: text, column_type: text }, `SELECT column_name, column_type FROM (DESCRIBE ${query})`);
  const names = cols.map((c) => c.column_name);
  const lines = csvLinesSql(query, cols.map((c) => c.column_type));
  if (lines === undefined || new Set(names).size !== names.length) return copyCsvInJs(ws, fx, query, path);
  const tmp = tempSibling(path);
  try {
    // QUOTE '' and ESCAPE '': each line goes out as formatted, one per row, in the query's order
    await ws.exec(
      `COPY (${lines}) TO $tmp (FORMAT csv, HEADER false, QUOTE '', ESCAPE '')`,
      { tmp },
    ).catch((err: Error) => {
      // a full disk is a failure to write this file, and the message says which
      if (!FILE_WRITE_FAILED.test(err.message)) throw err;
      throw new Error(`cannot write ${path}: ${err.message.replace(/^cannot write \S+: /, '').split('\n')[0]}`, { cause: err });
    });
    const body = await readFile(tmp);
    await fx.writeFile(path, Buffer.concat([Buffer.from(names.map(csvField).join(',') + '\n'), body]));
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The same file formatted in JS (csvDocument), for a result with a column type csvLinesSql has no form for. */
async function copyCsvInJs(ws: Workspace, fx: Pick<Effects, 'writeFile'>, query: string, path: string): Promise<void> {
  const cols = await ws.columns(query);
  const names = Object.keys(cols);
  const n = names.length ? cols[names[0]!]!.length : 0;
  const rows: CsvValue[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = names.map((c) => cols[c]![i] as CsvValue);
  await fx.writeFile(path, csvDocument(names, rows));
}
