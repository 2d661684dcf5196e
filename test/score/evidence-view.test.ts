// `evidence` is a view that writes each row's sentence from `evidence_rows` and the model tables, and
// `evidence_rows` a view naming the integer-keyed rows of `evidence_values`. They must give what the tables gave: the top impacts of each partner-snapshot (here recomputed from the
// signal_impacts view, a separate formulation), with their sentences, in the table's order, also from a
// reopened read-only workspace and after the quarterly data redefines the sentence macros.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openReadOnly, openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { defaultCutoff, scoreWorkspace } from '../../pipeline/score/index.js';
import { defineEvidenceMacros, EVIDENCE_PER_SNAPSHOT } from '../../pipeline/score/evidence.js';
import { text } from '../../pipeline/workspace/rows.js';
import { demoData } from '../helpers/fixtures.js';
import { countRows, siModel, tempDir } from '../helpers/workspace.js';

/** The evidence rows as the top impacts of signal_impacts, with the sentence written in the same statement. */
const FROM_IMPACTS = `
  SELECT i.partner_id, i.as_of, i.rank, i.dimension, i.signal, i.raw_value, i.window_days, i.observed_on, i.cohort_median,
         i.cohort_n, i.score, i.prior_raw_value, i.prior_score, i.impact,
         evidence_text(ms.signal, ms.noun, ms.noun_one, ms.aggregation, i.raw_value, i.window_days, i.as_of, i.observed_on,
                       i.cohort_median, i.prior_raw_value, p.trend_months) AS text
  FROM (SELECT *, row_number() OVER (PARTITION BY partner_id, as_of ORDER BY round(abs(impact), 6) DESC, signal) AS rank
        FROM signal_impacts QUALIFY rank <= ${EVIDENCE_PER_SNAPSHOT}) i
  JOIN model_signals ms USING (signal) CROSS JOIN model_params p`;

let file = '';
let ro: Workspace;
beforeAll(async () => {
  file = join(tempDir(), 'workspace.duckdb');
  const ws = await openWorkspace(file);
  const m = await siModel();
  await ingest(ws, await demoData({ seed: 5, partners: 15, months: 12 }), m);
  await scoreWorkspace(ws, m, await defaultCutoff(ws));
  await defineEvidenceMacros(ws); // as the quarterly data does, on the workspace that holds the view
  await ws.checkpointAndClose();
  ro = await openReadOnly(file);
}, 120_000);
afterAll(() => ro?.close());

const count = (sql: string): Promise<number> => countRows(ro, sql);

describe('the evidence view', () => {
  it('is a view over evidence_rows, a view over evidence_values, which holds no names and no sentences', async () => {
    const kinds = await ro.rows({ table_name: text, table_type: text },
      `SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('evidence', 'evidence_rows', 'evidence_values') ORDER BY 1`);
    expect(kinds).toEqual([
      { table_name: 'evidence', table_type: 'VIEW' }, { table_name: 'evidence_rows', table_type: 'VIEW' }, { table_name: 'evidence_values', table_type: 'BASE TABLE' },
    ]);
    const stored = await ro.rows({ column_name: text, data_type: text },
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'evidence_values' AND data_type = 'VARCHAR'`);
    expect(stored).toEqual([]);
    const cols = await ro.rows({ column_name: text },
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'evidence' ORDER BY ordinal_position`);
    expect(cols.map((c) => c.column_name)).toEqual(['partner_id', 'as_of', 'rank', 'dimension', 'signal', 'raw_value', 'window_days',
      'observed_on', 'cohort_median', 'cohort_n', 'score', 'prior_raw_value', 'prior_score', 'impact', 'text']);
  });

  it('gives the top impacts of every partner-snapshot with their sentences, row for row', async () => {
    const n = await count('SELECT * FROM evidence');
    expect(n).toBeGreaterThan(100);
    expect(await count('SELECT * FROM evidence_rows')).toBe(n);
    expect(await count(FROM_IMPACTS)).toBe(n);
    expect(await count(`SELECT * FROM evidence EXCEPT ALL ${FROM_IMPACTS}`)).toBe(0);
    expect(await count(`${FROM_IMPACTS} EXCEPT ALL SELECT * FROM evidence`)).toBe(0);
    expect(await count('SELECT * FROM evidence WHERE text IS NULL')).toBe(0);
  });

  it('reads in partner, snapshot and rank order without an ORDER BY', async () => {
    const rows = await ro.rows({ k: text }, `SELECT partner_id || '|' || as_of || '|' || lpad(rank::VARCHAR, 3, '0') AS k FROM evidence`);
    const keys = rows.map((r) => r.k);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('re-scoring a workspace', () => {
  it('replaces the tables a version before the views left (evidence, evidence_rows, signal_scores), and its own views', async () => {
    const ws = await openWorkspace(':memory:');
    try {
      const m = await siModel();
      await ingest(ws, await demoData({ seed: 5, partners: 15, months: 12 }), m);
      const cutoff = await defaultCutoff(ws);
      await scoreWorkspace(ws, m, cutoff);
      const VIEWS = ['evidence', 'evidence_rows', 'signal_scores'];
      const kinds = async (): Promise<string[]> => (await ws.rows({ k: text },
        `SELECT table_type AS k FROM information_schema.tables WHERE table_name IN ('evidence', 'evidence_rows', 'signal_scores') ORDER BY table_name`)).map((r) => r.k);
      const counts = (): Promise<number[]> => Promise.all(VIEWS.map((v) => countRows(ws, `SELECT * FROM ${v}`)));
      const rows = await counts();
      expect(rows.every((r) => r > 0)).toBe(true);
      await scoreWorkspace(ws, m, cutoff); // over its own views
      expect([await kinds(), await counts()]).toEqual([['VIEW', 'VIEW', 'VIEW'], rows]);
      for (const v of VIEWS) {
        await ws.exec(`CREATE TABLE old_${v} AS SELECT * FROM ${v}`);
        await ws.exec(`DROP VIEW ${v}`);
        await ws.exec(`ALTER TABLE old_${v} RENAME TO ${v}`); // as an older version left it
      }
      expect(await kinds()).toEqual(['BASE TABLE', 'BASE TABLE', 'BASE TABLE']);
      await scoreWorkspace(ws, m, cutoff);
      expect([await kinds(), await counts()]).toEqual([['VIEW', 'VIEW', 'VIEW'], rows]);
    } finally {
      ws.close();
    }
  }, 120_000);
});
