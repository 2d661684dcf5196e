// loadDataset's dimension check: the read counts each model dimension's rows per snapshot, and any
// snapshot whose rows are not each dimension once sends it to the full check, which names it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthModel } from '../../pipeline/model/types.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { loadDataset } from '../../pipeline/tune/dataset.js';
import { labelledDemo } from './workspace.js';

let ws: Workspace;
let model: HealthModel;
beforeAll(async () => {
  ({ ws, model } = await labelledDemo({ seed: 3, partners: 12, months: 12 }));
}, 60_000);
afterAll(() => ws?.close());

const snapshot = `(SELECT (partner_id, as_of) FROM dimension_scores ORDER BY partner_id, as_of LIMIT 1 OFFSET 10)`;

describe('loadDataset dimension check', () => {
  it('refuses a snapshot with one dimension twice and another missing (the right number of rows)', async () => {
    await ws.exec('BEGIN TRANSACTION');
    try {
      await ws.exec(`UPDATE dimension_scores SET dimension = 'engagement' WHERE dimension = 'capability' AND (partner_id, as_of) = ${snapshot}`);
      await expect(loadDataset(ws, model)).rejects.toThrow(
        "workspace dimensions (engagement, engagement, performance) differ from the model's (engagement, capability, performance); re-score first",
      );
    } finally {
      await ws.exec('ROLLBACK');
    }
  });

  it('refuses a snapshot with a dimension twice besides all three', async () => {
    await ws.exec('BEGIN TRANSACTION');
    try {
      await ws.exec(`INSERT INTO dimension_scores SELECT * FROM dimension_scores WHERE dimension = 'performance' AND (partner_id, as_of) = ${snapshot}`);
      await expect(loadDataset(ws, model)).rejects.toThrow(
        "workspace dimensions (engagement, capability, performance, performance) differ from the model's (engagement, capability, performance); re-score first",
      );
    } finally {
      await ws.exec('ROLLBACK');
    }
    const data = await loadDataset(ws, model);
    expect(data.rows.length).toBeGreaterThan(50);
    expect(data.rows.every((r) => r.x.length === 3)).toBe(true);
  });
});
