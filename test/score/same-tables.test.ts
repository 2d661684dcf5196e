// The set-based rewrites of the score stage (fixed-order sums without sorting, integer series keys,
// deals closed before a window left out of its lookups) give exactly the tables the earlier SQL gave: each table is
// recomputed here with the earlier formulation (kept only in this test) on a scored demo workspace and
// compared row for row, both ways, with EXCEPT ALL (bit-equal doubles, same multiplicities).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { demoData } from '../helpers/fixtures.js';
import { countRows, scoreDir, siModel } from '../helpers/workspace.js';
import { BEFORE_DEAL_VALUES, BEFORE_SIGNAL_SETUP, BEFORE_WINDOW_VALUES } from './earlier-sql.js';

/** The earlier SQL: sums in name order by sorting inside each group (list … ORDER BY). */
const BEFORE: Record<string, string> = {
  // window signals with string keys; deal signals with every registered deal looked up per signal
  window_values: BEFORE_WINDOW_VALUES,
  deal_values: BEFORE_DEAL_VALUES,
  dimension_scores: `
     WITH totals AS (SELECT dimension, sum(weight) AS total FROM model_signals GROUP BY dimension),
     got AS (
       SELECT partner_id, as_of, dimension,
              list_sum(list(weight * score ORDER BY signal)) / nullif(list_sum(list(weight ORDER BY signal)), 0) AS score,
              list_sum(list(weight ORDER BY signal)) AS present
       FROM signal_scores GROUP BY ALL)
     SELECT ps.partner_id, ps.as_of, md.dimension, md.weight AS dimension_weight, g.score,
            coalesce(g.present, 0) / t.total AS coverage
     FROM partner_snapshots ps CROSS JOIN model_dimensions md
     JOIN totals t ON t.dimension = md.dimension
     LEFT JOIN got g ON g.partner_id = ps.partner_id AND g.as_of = ps.as_of AND g.dimension = md.dimension`,
  // the composite columns of health (band, trend and playbook are built from these by unchanged SQL)
  health: `
     SELECT c.partner_id, c.as_of, CASE WHEN c.coverage >= p.min_coverage THEN c.raw_composite END AS composite, c.coverage
     FROM (
       SELECT partner_id, as_of,
              list_sum(list(dimension_weight * score ORDER BY dimension) FILTER (WHERE score IS NOT NULL))
                / nullif(list_sum(list(dimension_weight ORDER BY dimension) FILTER (WHERE score IS NOT NULL)), 0) AS raw_composite,
              list_sum(list(dimension_weight * coverage ORDER BY dimension)) AS coverage
       FROM dimension_scores GROUP BY ALL) c, model_params p`,
  signal_impacts: `
     WITH dim_total AS (
       SELECT partner_id, as_of, list_sum(list(dimension_weight ORDER BY dimension)) AS total
       FROM dimension_scores WHERE score IS NOT NULL GROUP BY ALL),
     dim_present AS (
       SELECT d.partner_id, d.as_of, d.dimension, d.dimension_weight / t.total AS dim_share
       FROM dimension_scores d JOIN dim_total t USING (partner_id, as_of) WHERE d.score IS NOT NULL),
     sig_total AS (
       SELECT partner_id, as_of, dimension, list_sum(list(weight ORDER BY signal)) AS total FROM signal_scores GROUP BY ALL),
     eff AS (
       SELECT s.*, d.dim_share * s.weight / t.total AS effective_weight
       FROM signal_scores s JOIN dim_present d USING (partner_id, as_of, dimension)
       JOIN sig_total t USING (partner_id, as_of, dimension))
     SELECT e.partner_id, e.as_of, e.dimension, e.signal, e.raw_value, e.window_days, e.observed_on,
            e.cohort_median, e.cohort_n, e.segment, e.score, e.effective_weight,
            prev.raw_value AS prior_raw_value, prev.score AS prior_score,
            CASE WHEN prev.score IS NOT NULL THEN e.effective_weight * (e.score - prev.score)
                 ELSE e.effective_weight * (e.score - 50) END AS impact
     FROM eff e CROSS JOIN model_params p
     LEFT JOIN signal_scores prev ON prev.partner_id = e.partner_id AND prev.signal = e.signal
       AND prev.as_of = last_day(e.as_of - to_months(p.trend_months))`,
};

const VALUE_COLUMNS = 'partner_id, as_of, signal, window_days, raw_value, observed_on';

/** What the stage wrote, in the shape of each BEFORE query. */
const NOW: Record<string, string> = {
  // signal_values is a temporary step of scoring; signal_scores keeps each of its rows' values
  window_values: `SELECT ${VALUE_COLUMNS} FROM signal_scores WHERE signal IN (SELECT signal FROM model_signals WHERE NOT derived)`,
  deal_values: `SELECT ${VALUE_COLUMNS} FROM signal_scores WHERE signal IN (SELECT signal FROM model_signals WHERE derived)`,
  dimension_scores: 'SELECT * FROM dimension_scores',
  health: 'SELECT partner_id, as_of, composite, coverage FROM health',
  signal_impacts: 'SELECT * FROM signal_impacts',
};

let ws: Workspace;
beforeAll(async () => {
  // 20 partners, not 40: half the scoring; every table still holds 351 rows or more (100 asked for)
  ({ ws } = await scoreDir(await demoData({ seed: 7, partners: 20, months: 18 }), await siModel()));
  for (const sql of BEFORE_SIGNAL_SETUP) await ws.exec(sql);
  for (const [name, sql] of Object.entries(BEFORE)) await ws.exec(`CREATE TEMP TABLE before_${name} AS ${sql}`);
}, 120_000);
afterAll(() => ws?.close());

const count = (sql: string): Promise<number> => countRows(ws, sql);

describe('score tables equal the earlier SQL, bit for bit', () => {
  it.each(Object.keys(BEFORE))('%s', async (name) => {
    const rows = await count(`SELECT * FROM before_${name}`);
    expect(rows).toBeGreaterThan(100);
    expect(await count(NOW[name]!)).toBe(rows);
    expect(await count(`(${NOW[name]}) EXCEPT ALL SELECT * FROM before_${name}`)).toBe(0);
    expect(await count(`SELECT * FROM before_${name} EXCEPT ALL (${NOW[name]})`)).toBe(0);
  });

  it('the comparison can fail: a last-bit change to one score is seen', async () => {
    const changed = `SELECT * REPLACE (CASE WHEN row_number() OVER () = 1 THEN nextafter(score, 1000) ELSE score END AS score) FROM dimension_scores WHERE score IS NOT NULL`;
    expect(await count(`(${changed}) EXCEPT ALL SELECT * FROM before_dimension_scores`)).toBe(1);
  });
});
