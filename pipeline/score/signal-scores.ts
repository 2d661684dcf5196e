// Normalise raw signal values to 0–100 signal scores, and combine them into dimension scores.
import type { Workspace } from '../workspace/db.js';

/**
 * `signal_scores`: one row per partner-snapshot-signal with a value.
 * cohort_percentile = midrank percentile among partners of the same segment at the same snapshot
 * (100·(below + ½·ties)/n, so a lone partner scores 50); linear = floor→0, target→100, clamped.
 */
export async function buildSignalScores(ws: Workspace): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE signal_scores AS
     WITH v AS (
       SELECT v.partner_id, v.as_of, v.signal, v.raw_value, v.window_days, v.observed_on,
              ms.dimension, ms.weight, ms.direction, ms.norm_method, ms.norm_floor, ms.norm_target,
              CASE ms.segment WHEN 'type' THEN ps.type WHEN 'tier' THEN ps.tier WHEN 'region' THEN ps.region ELSE 'all' END AS segment
       FROM signal_values v
       JOIN model_signals ms USING (signal)
       JOIN partner_snapshots ps USING (partner_id, as_of)),
     ranked AS (
       SELECT *,
         100.0 * (rank() OVER (PARTITION BY as_of, signal, segment ORDER BY raw_value) - 1
                  + 0.5 * count(*) OVER (PARTITION BY as_of, signal, segment, raw_value))
               / count(*) OVER (PARTITION BY as_of, signal, segment) AS pct,
         median(raw_value) OVER (PARTITION BY as_of, signal, segment) AS cohort_median,
         count(*) OVER (PARTITION BY as_of, signal, segment) AS cohort_n
       FROM v)
     SELECT partner_id, as_of, dimension, signal, raw_value, window_days, observed_on, segment,
            cohort_median, cohort_n, weight,
            CASE WHEN norm_method = 'linear'
                 THEN 100.0 * greatest(0.0, least(1.0, (raw_value - norm_floor) / (norm_target - norm_floor)))
                 WHEN direction = 'lower' THEN 100.0 - pct ELSE pct END AS score
     FROM ranked`,
  );
}

/**
 * `dimension_scores`: weighted mean of the available signal scores of each dimension, with coverage
 * = the share of the dimension's signal weight that had data. Every partner-snapshot gets every dimension.
 * Sums run in signal-name order (an ordered list, not a parallel `sum`): floating-point addition is not
 * associative, and a thread-dependent order made two runs of one input differ in the last digit.
 */
export async function buildDimensionScores(ws: Workspace): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE dimension_scores AS
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
  );
}
