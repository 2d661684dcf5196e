// Normalise raw signal values to 0–100 signal scores, and combine them into dimension scores.
import type { Workspace } from '../workspace/db.js';
import { orderedSum, writePositions } from './ordered-sum.js';

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
     -- Ranks from one row per distinct value of a cohort (narrow rows: the windows sort keys and counts,
     -- not the whole signal row), joined back: below = rows with a smaller value, ties = rows with this one.
     vals AS (SELECT as_of, signal, segment, raw_value, count(*) AS ties FROM v GROUP BY ALL),
     cohort AS (
       SELECT as_of, signal, segment, median(raw_value) AS cohort_median, count(*) AS cohort_n FROM v GROUP BY ALL),
     ranks AS (
       SELECT vals.as_of, vals.signal, vals.segment, vals.raw_value, vals.ties, c.cohort_median, c.cohort_n,
              (sum(vals.ties) OVER (PARTITION BY vals.as_of, vals.signal, vals.segment ORDER BY vals.raw_value ROWS UNBOUNDED PRECEDING) - vals.ties)::BIGINT AS below
       FROM vals JOIN cohort c ON c.as_of = vals.as_of AND c.signal = vals.signal AND c.segment IS NOT DISTINCT FROM vals.segment),
     ranked AS (
       SELECT v.*, r.cohort_median, r.cohort_n, 100.0 * (r.below + 0.5 * r.ties) / r.cohort_n AS pct
       FROM v JOIN ranks r ON r.as_of = v.as_of AND r.signal = v.signal AND r.segment IS NOT DISTINCT FROM v.segment
         AND r.raw_value = v.raw_value)
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
 * Sums run in signal-name order (see ordered-sum.ts), so the result does not depend on DuckDB's threads.
 */
export async function buildDimensionScores(ws: Workspace): Promise<void> {
  const { signalsPerDimension: n } = await writePositions(ws);
  await ws.exec(
    `CREATE OR REPLACE TABLE dimension_scores AS
     WITH totals AS (SELECT dimension, sum(weight) AS total FROM model_signals GROUP BY dimension),
     sums AS (
       SELECT s.partner_id, s.as_of, s.dimension,
              ${orderedSum('s.weight * s.score', 'o.pos', n)} AS weighted, ${orderedSum('s.weight', 'o.pos', n)} AS present
       FROM signal_scores s JOIN signal_position o USING (signal) GROUP BY ALL),
     got AS (SELECT partner_id, as_of, dimension, weighted / nullif(present, 0) AS score, present FROM sums)
     SELECT ps.partner_id, ps.as_of, md.dimension, md.weight AS dimension_weight, g.score,
            coalesce(g.present, 0) / t.total AS coverage
     FROM partner_snapshots ps CROSS JOIN model_dimensions md
     JOIN totals t ON t.dimension = md.dimension
     LEFT JOIN got g ON g.partner_id = ps.partner_id AND g.as_of = ps.as_of AND g.dimension = md.dimension`,
  );
}
