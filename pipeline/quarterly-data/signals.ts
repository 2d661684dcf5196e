// `quarterly_signals`: every signal of every partner at the quarter end, with two measures of its pull on
// the composite: against the cohort (level) and over the last months (change). The watchlist's "why"
// ranks by level; partner pages list the evidence rows scoring chose (rank by change).
import type { Workspace } from '../workspace/db.js';
import { defineEvidenceMacros } from '../score/evidence.js';
import type { QuarterInfo } from './period.js';

/**
 * level_pull = effective weight × (signal score − the median score of the partner's cohort for that
 * signal), in composite points: negative when the signal holds the partner below its peers.
 * change = the evidence impact (effective weight × score change over the trend months).
 */
export async function writeSignals(ws: Workspace, q: QuarterInfo, trendMonths: number): Promise<void> {
  await defineEvidenceMacros(ws);
  await ws.exec(
    `CREATE OR REPLACE TABLE quarterly_signals AS
     WITH s AS (
       SELECT i.*, i.effective_weight * (i.score - median(i.score) OVER (PARTITION BY i.signal, i.segment)) AS level_pull
       FROM signal_impacts i WHERE i.as_of = $t::DATE AND i.score IS NOT NULL)
     SELECT s.partner_id, s.signal, coalesce(ms.noun, s.signal) AS noun, coalesce(md.label, s.dimension) AS dimension,
            fmt_value(s.signal, s.raw_value) AS value, fmt_value(s.signal, s.cohort_median) AS cohort_median,
            CASE WHEN s.prior_raw_value IS NOT NULL THEN fmt_value(s.signal, s.prior_raw_value) END AS prior,
            CASE ms.aggregation WHEN 'last' THEN 'as of ' || coalesce(s.observed_on, s.as_of)::VARCHAR
                 -- windows end at the quarter end, which the tables' headings state
                 WHEN 'trend' THEN 'last ' || s.window_days || ' d vs prior ' || s.window_days || ' d'
                 ELSE 'last ' || s.window_days || ' d' END AS window,
            s.level_pull, CASE WHEN s.prior_score IS NOT NULL THEN s.impact END AS change, s.impact,
            evidence_text(s.signal, coalesce(ms.noun, s.signal), coalesce(ms.noun_one, ms.noun, s.signal), ms.aggregation, s.raw_value, s.window_days, s.as_of,
                          s.observed_on, s.cohort_median, NULL, $months::INTEGER) AS level_text,
            e.rank::INTEGER AS evidence_rank, e.text AS evidence_text
     FROM s
     LEFT JOIN model_signals ms ON ms.signal = s.signal
     LEFT JOIN model_dimensions md ON md.dimension = s.dimension
     -- the quarter end's evidence only (every row of s is at it): the join scans ~5 rows a partner, not ~170
     LEFT JOIN (SELECT * FROM evidence WHERE as_of = $t::DATE) e ON e.partner_id = s.partner_id AND e.as_of = s.as_of AND e.signal = s.signal
     ORDER BY s.partner_id, s.level_pull, s.signal`,
    { t: q.end, months: trendMonths },
  );
}
