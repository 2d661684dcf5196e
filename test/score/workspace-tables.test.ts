// What a scored workspace file keeps: signal_scores and signal_impacts are views that a reopened (read-only) workspace
// answers with the rows scoring computed; signal_values, an internal step, is not kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openReadOnly, openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { defaultCutoff, scoreWorkspace } from '../../pipeline/score/index.js';
import { int, text } from '../../pipeline/workspace/rows.js';
import { demoData } from '../helpers/fixtures.js';
import { siModel, tempDir } from '../helpers/workspace.js';

let ro: Workspace;
let scoredRows = 0;
beforeAll(async () => {
  const file = join(tempDir(), 'workspace.duckdb');
  const ws = await openWorkspace(file);
  const m = await siModel();
  await ingest(ws, await demoData({ seed: 3, partners: 12, months: 12 }), m);
  await scoreWorkspace(ws, m, await defaultCutoff(ws));
  // the impacts as scoring saw them, kept as a table to compare the reopened view with
  await ws.exec('CREATE TABLE impacts_at_scoring AS FROM signal_impacts');
  // dropped as soon as signal_scores holds its values, even on the scoring connection
  expect(await ws.query(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'signal_values'`)).toEqual([]);
  [{ n: scoredRows }] = (await ws.rows({ n: int }, 'SELECT count(*)::INTEGER AS n FROM signal_scores')) as [{ n: number }];
  await ws.checkpointAndClose();
  ro = await openReadOnly(file);
}, 120_000);
afterAll(() => ro?.close());

describe('tables of a reopened workspace', () => {
  it('signal_impacts is a view giving the same rows, bit for bit', async () => {
    const kinds = await ro.rows({ table_type: text }, `SELECT table_type FROM information_schema.tables WHERE table_name = 'signal_impacts'`);
    expect(kinds).toEqual([{ table_type: 'VIEW' }]);
    const [c] = await ro.rows({ n: int, a: int, b: int },
      `SELECT (SELECT count(*) FROM signal_impacts)::INTEGER AS n,
              (SELECT count(*) FROM (FROM signal_impacts EXCEPT ALL FROM impacts_at_scoring))::INTEGER AS a,
              (SELECT count(*) FROM (FROM impacts_at_scoring EXCEPT ALL FROM signal_impacts))::INTEGER AS b`);
    expect(c!.n).toBe(scoredRows); // one impact per signal score
    expect(c!.a).toBe(0);
    expect(c!.b).toBe(0);
  });

  it('signal_scores is a view naming the integer-keyed rows of signal_score_values, which holds no text', async () => {
    const kinds = await ro.rows({ table_name: text, table_type: text },
      `SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('signal_scores', 'signal_score_values') ORDER BY 1`);
    expect(kinds).toEqual([{ table_name: 'signal_score_values', table_type: 'BASE TABLE' }, { table_name: 'signal_scores', table_type: 'VIEW' }]);
    expect(await ro.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'signal_score_values' AND data_type = 'VARCHAR'`)).toEqual([]);
    const [c] = await ro.rows({ n: int, names: int },
      `SELECT count(*)::INTEGER AS n, count(partner_id) + count(signal) + count(dimension) + count(segment) AS names FROM signal_scores`);
    expect(c).toEqual({ n: scoredRows, names: 4 * scoredRows });
    expect(scoredRows).toBeGreaterThan(100);
  });

  it('signal_values, a step of scoring, is not kept', async () => {
    expect(await ro.query(`SELECT table_name FROM information_schema.tables WHERE table_name IN ('signal_values', 'impacts')`)).toEqual([]);
  });
});
