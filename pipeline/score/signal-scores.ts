// Normalise raw signal values to 0–100 signal scores, and combine them into dimension scores.
// Each is computed on integer keys into a temporary table (`scored`, `dimension_scored`: keys.ts) that
// the later steps read, and written once, with names, as the persisted table.
import type { Workspace } from '../workspace/db.js';
import { orderedSum } from './ordered-sum.js';
import { cohortKeySql, COHORT_BOUNDS_SQL, positions, SEGMENT_SQL } from './keys.js';
import { replaceView } from '../workspace/catalog.js';

/**
 * `signal_scores` (a view of `signal_score_values`): one row per partner-snapshot-signal with a value.
 * cohort_percentile = midrank percentile among partners of the same segment at the same snapshot
 * (100·(below + ½·ties)/n, so a lone partner scores 50); linear = floor→0, target→100, clamped.
 */
export async function buildSignalScores(ws: Workspace): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE scored AS
     WITH b AS (${COHORT_BOUNDS_SQL}),
     v AS (
       SELECT v.pid, v.sig, v.as_of, v.raw_value, v.observed_on, ${cohortKeySql('v.as_of')} AS ck
       FROM signal_values v
       JOIN signal_keys ms USING (sig)
       JOIN partner_keys sk USING (pid) CROSS JOIN b),
     -- Ranks from one row per distinct value of a cohort (narrow rows: the windows sort keys and counts,
     -- not the whole signal row), joined back: below = rows with a smaller value, ties = rows with this one.
     vals AS (SELECT ck, raw_value, count(*) AS ties FROM v GROUP BY ALL),
     cohort AS (SELECT ck, median(raw_value) AS cohort_median, count(*) AS cohort_n FROM v GROUP BY ALL),
     ranks AS (
       SELECT vals.ck, vals.raw_value, vals.ties, c.cohort_median, c.cohort_n,
              (sum(vals.ties) OVER (PARTITION BY vals.ck ORDER BY vals.raw_value ROWS UNBOUNDED PRECEDING) - vals.ties)::BIGINT AS below
       FROM vals JOIN cohort c USING (ck)),
     ranked AS (
       SELECT v.* EXCLUDE (ck), r.cohort_median, r.cohort_n, 100.0 * (r.below + 0.5 * r.ties) / r.cohort_n AS pct
       FROM v JOIN ranks r ON r.ck = v.ck AND r.raw_value = v.raw_value)
     SELECT r.pid, r.sig, r.as_of, r.raw_value, r.observed_on, r.cohort_median, r.cohort_n,
            CASE WHEN ms.norm_method = 'linear'
                 THEN 100.0 * greatest(0.0, least(1.0, (r.raw_value - ms.norm_floor) / (ms.norm_target - ms.norm_floor)))
                 WHEN ms.direction = 'lower' THEN 100.0 - r.pct ELSE r.pct END AS score
     FROM ranked r JOIN signal_keys ms USING (sig)`,
  );
  // Kept on integer keys, and named by a view: DuckDB writes a text column into the workspace file at ~4×
  // the cost of an integer one (on M, the 2.5M rows with their four names took 1.3 s to write, on keys 0.55 s).
  await ws.exec(
    `CREATE OR REPLACE TABLE signal_score_values AS
     SELECT pid, sig, as_of, raw_value, observed_on, cohort_median, cohort_n, score FROM scored`,
  );
  await replaceView(ws, 'signal_scores',
    `SELECT sk.partner_id, s.as_of, ms.dimension, ms.signal, s.raw_value, ms.window_days, s.observed_on, ${SEGMENT_SQL} AS segment,
            s.cohort_median, s.cohort_n, ms.weight, s.score
     FROM signal_score_values s JOIN signal_keys ms USING (sig) JOIN partner_keys sk USING (pid)`);
}

/**
 * `dimension_scores`: weighted mean of the available signal scores of each dimension, with coverage
 * = the share of the dimension's signal weight that had data. Every partner-snapshot gets every dimension.
 * Sums run in signal-name order (see ordered-sum.ts), so the result does not depend on DuckDB's threads.
 * `dimension_scored` also keeps `present` (the weight with data), which the impacts renormalise by.
 */
export async function buildDimensionScores(ws: Workspace): Promise<void> {
  const { signalsPerDimension: n } = await positions(ws);
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE dimension_scored AS
     WITH totals AS (SELECT dimension, sum(weight) AS total FROM model_signals GROUP BY dimension),
     sums AS (
       SELECT s.pid, s.as_of, ms.dk,
              ${orderedSum('ms.weight * s.score', 'ms.pos', n)} AS weighted, ${orderedSum('ms.weight', 'ms.pos', n)} AS present
       FROM scored s JOIN signal_keys ms USING (sig) GROUP BY ALL),
     got AS (SELECT pid, as_of, dk, weighted / nullif(present, 0) AS score, present FROM sums)
     SELECT sk.pid, sk.as_of, md.dk, md.weight AS dimension_weight, g.score,
            coalesce(g.present, 0) / t.total AS coverage, g.present
     FROM snapshot_keys sk CROSS JOIN dimension_keys md
     JOIN totals t ON t.dimension = md.dimension
     LEFT JOIN got g ON g.pid = sk.pid AND g.as_of = sk.as_of AND g.dk = md.dk`,
  );
  await ws.exec(
    `CREATE OR REPLACE TABLE dimension_scores AS
     SELECT sk.partner_id, d.as_of, md.dimension, d.dimension_weight, d.score, d.coverage
     FROM dimension_scored d JOIN dimension_keys md USING (dk) JOIN partner_keys sk USING (pid)`,
  );
}
