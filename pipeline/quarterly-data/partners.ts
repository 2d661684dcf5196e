// Per-partner tables of the quarterly report: the state at the quarter end (`quarterly_partners`), the
// monthly history of the last eight quarters (`quarterly_history`, `quarterly_dimension_history`) and the
// dimensions against the cohort (`quarterly_dimensions`). All partners, so any segment can be cut from them.
import type { Workspace } from '../workspace/db.js';
import type { QuarterInfo } from './period.js';

/** Months of history the report charts (eight quarters). */
export const HISTORY_MONTHS = 24;

/**
 * `quarterly_partners`: one row per partner scored or snapshotted at the quarter end. `ord` is the
 * watchlist order: Red, Yellow, Green, not scored; within a band the largest open pipeline first, then
 * the lowest score. Open pipeline is as known at the quarter end (and at the previous quarter end).
 */
export async function writePartners(ws: Workspace, q: QuarterInfo): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE quarterly_partners AS
     WITH pipe AS (
       SELECT partner_id,
              amount_sum(CASE WHEN open_at(registered_on, closed_on, $t::DATE) THEN amount END) AS open_pipeline,
              count(*) FILTER (WHERE open_at(registered_on, closed_on, $t::DATE)) AS open_deals,
              amount_sum(CASE WHEN open_at(registered_on, closed_on, $tp::DATE) THEN amount END) AS prev_open_pipeline
       FROM deals GROUP BY partner_id)
     SELECT row_number() OVER (ORDER BY CASE h.band WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'green' THEN 2 ELSE 3 END,
                                        coalesce(pipe.open_pipeline, 0) DESC, h.composite NULLS LAST, p.name, h.partner_id)::INTEGER AS ord,
            h.partner_id, p.name, p.type, p.tier, p.region, p.manager, h.composite, h.coverage, h.band, h.band_reason,
            h.playbook, h.action, hp.composite AS prev_composite, hp.band AS prev_band,
            coalesce(pipe.open_pipeline, 0)::DOUBLE AS open_pipeline, coalesce(pipe.open_deals, 0)::INTEGER AS open_deals,
            coalesce(pipe.prev_open_pipeline, 0)::DOUBLE AS prev_open_pipeline
     FROM health h
     JOIN partners p USING (partner_id)
     LEFT JOIN health hp ON hp.partner_id = h.partner_id AND hp.as_of = $tp::DATE
     LEFT JOIN pipe ON pipe.partner_id = h.partner_id
     WHERE h.as_of = $t::DATE
     ORDER BY ord`,
    { t: q.end, tp: q.previousEnd },
  );
}

/** Monthly composite, band and dimension scores of the last eight quarters, for every partner. */
export async function writeHistory(ws: Workspace, q: QuarterInfo): Promise<void> {
  const window = `as_of > last_day($t::DATE - INTERVAL ${HISTORY_MONTHS} MONTH) AND as_of <= $t::DATE`;
  await ws.exec(
    `CREATE OR REPLACE TABLE quarterly_history AS
     SELECT partner_id, as_of, composite, band FROM health WHERE ${window} ORDER BY partner_id, as_of`,
    { t: q.end },
  );
  await ws.exec(
    `CREATE OR REPLACE TABLE quarterly_dimension_history AS
     SELECT partner_id, as_of, dimension, score FROM dimension_scores WHERE ${window} AND score IS NOT NULL
     ORDER BY partner_id, as_of, dimension`,
    { t: q.end },
  );
}

/** Each partner's dimension scores at the quarter end beside the median of its cohort (same type). */
export async function writeDimensions(ws: Workspace, q: QuarterInfo): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE quarterly_dimensions AS
     WITH cohort AS (
       SELECT ps.type, d.dimension, median(d.score) AS med, count(d.score) AS n
       FROM dimension_scores d JOIN partner_snapshots ps ON ps.partner_id = d.partner_id AND ps.as_of = d.as_of
       WHERE d.as_of = $t::DATE AND d.score IS NOT NULL GROUP BY ALL)
     SELECT qp.partner_id, md.ord::INTEGER AS dim_ord, md.dimension, md.label, d.score, c.med AS cohort_median,
            coalesce(c.n, 0)::INTEGER AS cohort_n, ps.type AS cohort_type
     FROM quarterly_partners qp
     JOIN partner_snapshots ps ON ps.partner_id = qp.partner_id AND ps.as_of = $t::DATE
     CROSS JOIN model_dimensions md
     LEFT JOIN dimension_scores d ON d.partner_id = qp.partner_id AND d.as_of = $t::DATE AND d.dimension = md.dimension
     LEFT JOIN cohort c ON c.type = ps.type AND c.dimension = md.dimension
     ORDER BY qp.ord, md.ord`,
    { t: q.end },
  );
}
