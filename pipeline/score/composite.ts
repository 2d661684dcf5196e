// Composite score, coverage, trend, band (with early-warning rules), weakest dimension and playbook.
import type { Workspace } from '../workspace/db.js';
import { bandRuleCaseSql } from '../decision/band-rules.js';
import { orderedSum } from './ordered-sum.js';
import { positions } from './keys.js';

/**
 * `health`: one row per partner-snapshot. Composite = weighted mean of the scored dimensions, renormalised;
 * coverage = share of total model weight with data. Below the model's minimum coverage there is no composite
 * and no band (the partner is "not scored"), rather than a confident number from thin data.
 */
export async function buildHealth(ws: Workspace): Promise<void> {
  const { dimensions: n } = await positions(ws);
  await ws.exec(
    `CREATE OR REPLACE TABLE health AS
     WITH comp AS (
       SELECT d.pid, d.as_of,
              -- sums in dimension-name order, so the result does not depend on DuckDB's threads (see ordered-sum.ts)
              ${orderedSum('d.dimension_weight * d.score', 'd.dk', n, 'd.score IS NOT NULL')}
                / nullif(${orderedSum('d.dimension_weight', 'd.dk', n, 'd.score IS NOT NULL')}, 0) AS raw_composite,
              ${orderedSum('d.dimension_weight * d.coverage', 'd.dk', n)} AS coverage,
              count(d.score) AS dims_scored,
              max(d.score) AS best_dimension_score,
              arg_min(o.dimension, d.score) FILTER (WHERE d.score IS NOT NULL) AS weakest_dimension
       FROM dimension_scored d JOIN dimension_keys o USING (dk) GROUP BY d.pid, d.as_of),
     scored AS (
       SELECT c.*, CASE WHEN c.coverage >= p.min_coverage THEN c.raw_composite END AS composite
       FROM comp c, model_params p),
     trended AS (
       SELECT s.*, s.composite - prev.composite AS trend
       FROM scored s CROSS JOIN model_params p
       LEFT JOIN scored prev ON prev.pid = s.pid
         AND prev.as_of = last_day(s.as_of - to_months(p.trend_months))),
     h AS (
       SELECT k.partner_id, t.pid, t.as_of, t.composite, t.coverage, t.trend, t.dims_scored,
              r.band, t.band_rule, r.reason AS band_reason, t.weakest_dimension
       FROM (SELECT t.*, ${bandRuleCaseSql()} AS band_rule FROM trended t CROSS JOIN model_params p) t
       JOIN band_rules r ON r.rule = t.band_rule JOIN partner_keys k USING (pid))
     -- Playbook: the first model playbook for the band and weakest dimension, else the band's '*' playbook
     -- (in the same statement: writing health and then rewriting it whole with two more columns cost a
     -- second table write)
     SELECT h.* EXCLUDE (pid), pb.playbook, pb.action
     FROM h
     LEFT JOIN LATERAL (
       SELECT playbook, action FROM model_playbooks mp
       WHERE mp.band = h.band AND (mp.weakest = h.weakest_dimension OR mp.weakest = '*')
       ORDER BY (mp.weakest = '*'), mp.ord LIMIT 1) pb ON TRUE
     ORDER BY h.pid, h.as_of`,
  );
}

/** Wide score table (contract of scores.csv): one column per model dimension, in model order. */
export async function buildScoresWide(ws: Workspace): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE dimension_wide AS
     PIVOT (SELECT partner_id, as_of, dimension, score FROM dimension_scores)
     ON dimension USING first(score)`,
  );
}
