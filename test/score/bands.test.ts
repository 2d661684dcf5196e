// Band rules on hand-set dimension scores: thresholds, the sharp-drop downgrade, all-dimensions-red,
// minimum coverage and playbook choice by weakest dimension.
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { writeModelTables } from '../../pipeline/score/model-tables.js';
import { buildHealth } from '../../pipeline/score/composite.js';
import { buildKeys } from '../../pipeline/score/keys.js';
import { siModel } from '../helpers/workspace.js';
import { text } from '../../pipeline/workspace/rows.js';

describe('bands', () => {
  it('applies thresholds and early-warning rules with a reason', async () => {
    const ws = await openWorkspace(':memory:');
    await writeModelTables(ws, await siModel());
    await ws.exec(`CREATE TABLE dimension_scores (partner_id VARCHAR, as_of DATE, dimension VARCHAR, dimension_weight DOUBLE, score DOUBLE, coverage DOUBLE)`);
    const months = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'];
    const rows: (string | number | null)[][] = [];
    const add = (p: string, as_of: string, e: number | null, c: number | null, perf: number | null, cov = 1): void => {
      rows.push([p, as_of, 'engagement', 0.4, e, e === null ? 0 : cov], [p, as_of, 'capability', 0.3, c, c === null ? 0 : cov], [p, as_of, 'performance', 0.3, perf, perf === null ? 0 : cov]);
    };
    // X: 90 → 72 over three months: still ≥ 70 but dropped 18 points, so Yellow.
    [90, 88, 85, 72].forEach((v, i) => add('X', months[i]!, v, v, v));
    // Y: every dimension under 30 → Red by the all-dimensions rule.
    months.forEach((m) => add('Y', m, 20, 25, 28));
    // Z: only engagement has data and coverage is below the 0.5 minimum → not scored.
    months.forEach((m) => add('Z', m, 45, null, null, 0.9));
    // W: yellow, weakest capability.
    months.forEach((m) => add('W', m, 70, 35, 75));
    await ws.append('dimension_scores', rows.map((r) => r));
    // health reads the stage's integer-keyed dimension scores (score/keys.ts), built here from the hand-set rows
    await ws.exec(`CREATE TABLE partner_snapshots AS SELECT DISTINCT partner_id, as_of, 'r' AS type, 't' AS tier, 'x' AS region FROM dimension_scores`);
    await buildKeys(ws);
    await ws.exec(
      `CREATE TEMP TABLE dimension_scored AS
       SELECT k.pid, d.as_of, dk.dk, d.dimension_weight, d.score, d.coverage, NULL::DOUBLE AS present
       FROM dimension_scores d JOIN partner_keys k USING (partner_id) JOIN dimension_keys dk USING (dimension)`,
    );
    await buildHealth(ws);
    const h = await ws.query(
      `SELECT partner_id, round(composite, 6) AS composite, band, band_reason, weakest_dimension, playbook
       FROM health WHERE as_of = '2024-04-30' ORDER BY partner_id`,
    );
    expect(h).toEqual([
      { partner_id: 'W', composite: 61, band: 'yellow', band_reason: 'score between 40 and 70', weakest_dimension: 'capability', playbook: 'targeted_enablement' },
      { partner_id: 'X', composite: 72, band: 'yellow', band_reason: 'at or above 70 but dropped 15+ points in 3 months', weakest_dimension: expect.any(String), playbook: expect.any(String) },
      { partner_id: 'Y', composite: 23.9, band: 'red', band_reason: 'every dimension below 30', weakest_dimension: 'engagement', playbook: 'exec_sponsor' },
      { partner_id: 'Z', composite: null, band: null, band_reason: "not scored: less than 50% of the model's weight has data", weakest_dimension: 'engagement', playbook: null },
    ]);
    const [x1] = await ws.rows({ band: text }, `SELECT band FROM health WHERE partner_id = 'X' AND as_of = '2024-01-31'`);
    expect(x1!.band).toBe('green');
    ws.close();
  });
});
