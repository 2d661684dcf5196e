// The `data_quality` table: what the inputs held and how much of it the score could use, per input —
// rows and date range, freshness per signal and source, coverage per dimension over time, signals that
// stopped reporting, partners with no data, and rows set aside by reason. Long format, one row per fact:
// `check` says which fact, `input` and `subject` what it is about, `value` the number, dates the range.
import type { Workspace } from '../workspace/db.js';

/** A signal or source silent for longer than this before the cutoff has stopped reporting. */
export const STALE_DAYS = 62;

export const DATA_QUALITY_CHECKS = ['rows', 'freshness', 'stopped', 'coverage', 'no_data', 'rejected_rows', 'rejected'] as const;

export async function buildDataQuality(ws: Workspace, cutoff: string): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE data_quality AS
     WITH fresh AS (
       SELECT signal || coalesce(' / ' || source, '') AS subject, min(observed_on) AS first_on, max(observed_on) AS last_on
       FROM signals WHERE observed_on <= $cutoff::DATE GROUP BY signal, source),
     quarter_ends AS (SELECT as_of FROM snapshots WHERE month(as_of) IN (3, 6, 9, 12) OR as_of = (SELECT max(as_of) FROM snapshots)),
     facts AS (
       SELECT 1 AS k, 'rows' AS "check", 'partners' AS input, NULL AS subject, count(*)::DOUBLE AS value,
              min(joined_on) AS first_on, max(joined_on) AS last_on FROM partners
       UNION ALL SELECT 1, 'rows', 'signals', NULL, count(*), min(observed_on), max(observed_on) FROM signals
       UNION ALL SELECT 1, 'rows', 'deals', NULL, count(*), min(registered_on), greatest(max(registered_on), max(closed_on)) FROM deals
       UNION ALL SELECT 1, 'rows', 'interventions', NULL, count(*), min(started_on), max(started_on) FROM interventions
       UNION ALL SELECT 1, 'rows', 'deal_history', NULL, count(*), min(changed_on), max(changed_on) FROM deal_history
       -- freshness: days from the last observation to the cutoff
       UNION ALL SELECT 2, 'freshness', 'signals', subject, $cutoff::DATE - last_on, first_on, last_on FROM fresh
       UNION ALL SELECT 3, 'stopped', 'signals', subject, $cutoff::DATE - last_on, first_on, last_on FROM fresh
         WHERE $cutoff::DATE - last_on > $stale
       -- coverage: share of partners with a score in the dimension, at each quarter-end snapshot
       UNION ALL SELECT 4, 'coverage', 'dimension', d.dimension, avg((d.score IS NOT NULL)::INTEGER), d.as_of, d.as_of
         FROM dimension_scores d JOIN quarter_ends q USING (as_of) GROUP BY d.dimension, d.as_of
       -- partners with neither a signal nor a deal by the cutoff
       UNION ALL SELECT 5, 'no_data', 'partners', p.partner_id, 1, NULL, NULL FROM partners p
         WHERE NOT EXISTS (SELECT 1 FROM signals s WHERE s.partner_id = p.partner_id AND s.observed_on <= $cutoff::DATE)
           AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.partner_id = p.partner_id AND d.registered_on <= $cutoff::DATE)
       -- rows set aside per file, then per file and reason (a row counts once per reason it has)
       UNION ALL SELECT 6, 'rejected_rows', input, file, count(*), NULL, NULL FROM rejected_rows GROUP BY input, file
       UNION ALL SELECT 7, 'rejected', file, reason, count(*), NULL, NULL
         FROM (SELECT file, unnest(rejected_reasons(reason)) AS reason FROM rejected_rows) GROUP BY file, reason)
     SELECT "check", input, subject, round(value, 6) AS value, first_on, last_on FROM facts
     ORDER BY k, input, subject, first_on`,
    { cutoff, stale: STALE_DAYS },
  );
}
