// What happens to rows that fail a row-level check: by default the whole input is refused, with every
// problem counted by file and kind; with `skipInvalidRows` they are set aside in `rejected_rows`
// (file, line, column, value, reason, the raw row) and the run goes on, unless a file would lose more
// than `maxInvalidShare` of its rows. Structural problems (missing columns, empty files) never get here.
import type { Workspace } from '../workspace/db.js';
import { InputError, MAX_SHOWN, type InputIssue, type IssueCount } from './errors.js';
import { resolveIssueLines, type IssueSource } from './lines.js';
import type { StagedInput } from './read.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { int, nullable, text } from '../workspace/rows.js';
import { hasTable } from '../workspace/catalog.js';

export interface QuarantineOptions {
  /** Set rows that fail a row-level check aside instead of refusing the input. */
  skipInvalidRows: boolean;
  /** Largest share (0–1) of a file's rows that may be set aside; beyond it the file is refused. */
  maxInvalidShare: number;
}

export const STRICT: QuarantineOptions = { skipInvalidRows: false, maxInvalidShare: DEFAULT_SETTINGS.maxInvalidShare };

const HINT = 'Fix these rows, or run with --skip-invalid-rows to set them aside in rejected_rows.csv.';

type Sources = Map<string, IssueSource>;

const ISSUE_COUNT = { file: text, reason: text, count: int };

async function shownIssues(ws: Workspace, sources: Sources, file?: string, outside = new Set<string>()): Promise<InputIssue[]> {
  const rows = await ws.rows({ file: text, rec: int, first_rec: nullable(int), column_name: text, value: nullable(text), message: text },
    `SELECT file, rec, first_rec, column_name, value, message FROM ingest_issues
     WHERE $file IS NULL OR file = $file ORDER BY seq, rec LIMIT ${MAX_SHOWN}`,
    { file: file ?? null },
  );
  const issues = rows.map((r): InputIssue => ({
    file: r.file, record: r.rec, column: r.column_name, value: outside.has(r.file) ? undefined : r.value, message: r.message,
    ...(r.first_rec !== null ? { firstRecord: r.first_rec } : {}),
  }));
  return resolveIssueLines(issues, sources);
}

async function issueCounts(ws: Workspace, file?: string): Promise<IssueCount[]> {
  return ws.rows(ISSUE_COUNT,
    `SELECT file, reason, count(*)::INTEGER AS count FROM ingest_issues WHERE $file IS NULL OR file = $file
     GROUP BY file, reason ORDER BY min(seq)`,
    { file: file ?? null },
  );
}

/** Strict mode: refuse when any row-level problem was found, counting all of them by file and kind. */
export async function refuseIfAnyIssue(ws: Workspace, sources: Sources, outside = new Set<string>()): Promise<void> {
  const counts = await issueCounts(ws);
  if (counts.length) throw new InputError(await shownIssues(ws, sources, undefined, outside), counts, HINT);
}

/**
 * Quarantine mode, after `s` was checked: keep its rejected rows (raw, as JSON) and remove them from the
 * staged table, so inputs checked later (references to partners and deals) see only accepted rows.
 */
export async function setAsideRejected(ws: Workspace, s: StagedInput, o: QuarantineOptions, sources: Sources): Promise<number> {
  const [{ n }] = (await ws.rows({ n: int },
    'SELECT count(DISTINCT rec)::INTEGER AS n FROM ingest_issues WHERE file = $file', { file: s.label },
  )) as [{ n: number }];
  if (n === 0) return 0;
  if (n > o.maxInvalidShare * s.rows) {
    const pct = (x: number): string => `${+(100 * x).toFixed(1)}%`;
    throw new InputError(await shownIssues(ws, sources, s.label), await issueCounts(ws, s.label),
      `${s.label}: ${n} of ${s.rows} rows (${pct(n / s.rows)}) fail a check, more than the ${pct(o.maxInvalidShare)} ` +
      'that --max-invalid-share allows to be set aside: the file itself looks wrong.');
  }
  await ws.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ingest_rejected_raw (file VARCHAR, rec BIGINT, raw_row VARCHAR)`,
  );
  const rejected = `SELECT DISTINCT rec FROM ingest_issues WHERE file = $file`;
  await ws.exec(
    `INSERT INTO ingest_rejected_raw
     -- the row as read, every column as text; a JSON merge patch with null removes our record number
     SELECT $file, r.__rec, json_merge_patch(to_json(r), '{"__rec": null}')::VARCHAR FROM ${s.table} r WHERE r.__rec IN (${rejected})`,
    { file: s.label },
  );
  await ws.exec(`DELETE FROM ${s.table} WHERE __rec IN (${rejected})`, { file: s.label });
  return n;
}

/** `rejected_rows`: one row per row set aside, its problems joined in check order, lines as the user sees them. */
export async function buildRejectedRows(ws: Workspace, sources: Sources): Promise<void> {
  const columns = `input VARCHAR, file VARCHAR, line DOUBLE, source VARCHAR, "column" VARCHAR, value VARCHAR, reason VARCHAR, message VARCHAR, raw_row VARCHAR`;
  await ws.exec(`CREATE OR REPLACE TEMP TABLE rejected_rows_staged (${columns})`);
  await ws.exec(`CREATE OR REPLACE TABLE rejected_rows AS SELECT * REPLACE (line::BIGINT AS line) FROM rejected_rows_staged`);
  if (!(await hasTable(ws, 'ingest_rejected_raw'))) return;
  const rows = await ws.rows({ input: text, file: text, rec: int, columns: text, vals: text, reasons: text, messages: text, raw_row: text },
    `SELECT i.input, i.file, i.rec,
            string_agg(i.column_name, '; ' ORDER BY i.seq) AS columns,
            string_agg(coalesce(i.value, ''), '; ' ORDER BY i.seq) AS vals,
            string_agg(i.reason, '; ' ORDER BY i.seq) AS reasons,
            string_agg(i.message, '; ' ORDER BY i.seq) AS messages,
            any_value(r.raw_row) AS raw_row
     FROM ingest_issues i JOIN ingest_rejected_raw r ON r.file = i.file AND r.rec = i.rec
     GROUP BY i.input, i.file, i.rec
     ORDER BY (SELECT min(seq) FROM ingest_issues f WHERE f.file = i.file), i.rec`,
  );
  const located = await resolveIssueLines(rows.map((r) => ({ file: r.file, record: r.rec, message: '' })), sources);
  await ws.append('rejected_rows_staged', rows.map((r, k) => [
    r.input, r.file, located[k]!.line ?? null, located[k]!.origin ?? null, r.columns, r.vals, r.reasons, r.messages, r.raw_row,
  ]));
  await ws.exec(`CREATE OR REPLACE TABLE rejected_rows AS SELECT * REPLACE (line::BIGINT AS line) FROM rejected_rows_staged`);
}

/** Rows set aside, per file and reason (a row with two problems counts under each); read from the workspace table. */
export async function rejectedCounts(ws: Workspace): Promise<IssueCount[]> {
  return ws.rows(ISSUE_COUNT,
    `SELECT file, reason, count(*)::INTEGER AS count FROM (SELECT file, unnest(rejected_reasons(reason)) AS reason FROM rejected_rows)
     GROUP BY file, reason ORDER BY file, reason`,
  );
}
