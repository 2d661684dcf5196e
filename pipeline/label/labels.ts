// Labels: which partner-snapshots were followed by a missed deal (DESIGN.md "Labels").
//
// At snapshot T with horizon H and grace G, due deals are registered ≤ T, open at T, with the expected
// close **as known at T** in (T, T+H]: from deal history when given (deal_timeline), else the deal file's
// single, final expected_close_on. A due deal is missed if it was lost, closed more than G days after that
// date, or is still open more than G days past it at the cutoff — so pushing the date out is slipping.
// Snapshots with T+H+G after the cutoff are censored (their outcome is not yet knowable); snapshots
// without a composite score or without a due deal are outside the population.
import type { Workspace } from '../workspace/db.js';
import { int, nullable, type RowOf } from '../workspace/rows.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { hasDealHistory } from '../score/deal-state.js';
import { currentAt, TIMELINE_SPANS } from './timeline-spans.js';

/** Default label horizon H and grace G in days (DESIGN.md; set in pipeline/settings.ts). */
export const DEFAULT_HORIZON_DAYS = DEFAULT_SETTINGS.horizonDays;
export const DEFAULT_GRACE_DAYS = DEFAULT_SETTINGS.graceDays;

export interface LabelOptions {
  horizonDays: number;
  graceDays: number;
  cutoff: string;
}

const COUNTED = {
  snapshots: int, censored: int, unscored: int, population: int, positives: int, dueDeals: int, missedDeals: int,
  /** Distinct deals missed at one snapshot or more. */
  distinctMissedDeals: int,
  /** With deal history: the distinct deals the same rule misses against the final close dates alone; else null. */
  distinctMissedDealsFinalDates: nullable(int),
};
export type LabelCounts = RowOf<typeof COUNTED> & { noDueDeal: number };

/** Due deals and miss reasons; `expected` is the close date the rule measures against (as known at T, or final). */
function labelDealsSql(expected: 'known' | 'final'): string {
  const e = expected === 'known' ? 'k.expected_close_on' : 'd.expected_close_on';
  return `SELECT h.partner_id, h.as_of, d.deal_id, k.amount, d.registered_on, ${e} AS expected_close_on,
            -- outcomes after the cutoff are unknown: such a deal is still open as far as the backtest knows
            CASE WHEN d.closed_on <= $cutoff::DATE THEN d.status ELSE 'open' END AS status_at_cutoff,
            CASE WHEN d.closed_on <= $cutoff::DATE THEN d.closed_on END AS closed_on,
            CASE
              WHEN d.closed_on <= $cutoff::DATE AND d.status = 'lost' THEN 'lost'
              WHEN d.closed_on <= $cutoff::DATE AND d.closed_on - ${e} > $g THEN 'closed_late'
              -- still open at the cutoff G or more days past due: whenever it closes, it closes more than G days late
              WHEN open_at(d.registered_on, d.closed_on, $cutoff::DATE) AND $cutoff::DATE - ${e} >= $g THEN 'open_past_due'
            END AS miss_reason,
            h.composite, h.band, 100 - h.composite AS risk
     -- as_of + $h is a DATE (date + integer): + to_days($h) would compare every candidate as a TIMESTAMP
     FROM health h
     JOIN deals d ON d.partner_id = h.partner_id AND d.registered_on <= h.as_of
     JOIN ${TIMELINE_SPANS} k ON ${currentAt('k', 'd.deal_id', 'h.as_of')}
     WHERE uncensored(h.as_of, $h, $g, $cutoff::DATE) AND h.composite IS NOT NULL
       AND k.is_open AND ${e} > h.as_of AND ${e} <= h.as_of + $h::INTEGER`;
}

export async function buildLabels(ws: Workspace, o: LabelOptions): Promise<LabelCounts> {
  const params = { h: o.horizonDays, g: o.graceDays, cutoff: o.cutoff };
  // Every due deal of every uncensored partner-snapshot, with the score the partner had at T.
  await ws.exec(`CREATE OR REPLACE TABLE label_deals AS ${labelDealsSql('known')} ORDER BY h.partner_id, h.as_of, d.deal_id`, params);
  await ws.exec(
    `CREATE OR REPLACE TABLE labels AS
     SELECT partner_id, as_of, count(*) AS due_deals, count(miss_reason) AS missed_deals,
            (count(miss_reason) > 0)::INTEGER AS label,
            amount_sum(amount) AS due_amount,
            coalesce(amount_sum(CASE WHEN miss_reason IS NOT NULL THEN amount END), 0) AS missed_amount,
            any_value(composite) AS composite, any_value(band) AS band, any_value(risk) AS risk
     FROM label_deals GROUP BY partner_id, as_of ORDER BY partner_id, as_of`,
  );
  // What history changed: the same rule against the final close dates (what a CRM export alone shows).
  let finalDates = null;
  if (await hasDealHistory(ws)) {
    // only counted: no table of its rows, unsorted (on M ~170k rows of 12 columns not written and sorted)
    const [f] = await ws.rows({ m: int },
      `SELECT count(DISTINCT deal_id) FILTER (WHERE miss_reason IS NOT NULL)::INTEGER AS m FROM (${labelDealsSql('final')})`, params);
    finalDates = f!.m;
  }
  await ws.exec('CREATE OR REPLACE TABLE label_history_effect AS SELECT $m::INTEGER AS missed_deals_final_dates', { m: finalDates });
  return countLabels(ws, o);
}

/** Population funnel of the labels currently in the workspace: snapshots → exclusions → population. */
export async function countLabels(ws: Workspace, o: LabelOptions): Promise<LabelCounts> {
  const [c] = await ws.rows(COUNTED,
    // one scan per table (it was one per count)
    `SELECT h.*, l.*, d.*, e.*
     FROM (SELECT count(*) AS snapshots,
                  count(*) FILTER (WHERE NOT uncensored(as_of, $h, $g, $cutoff::DATE)) AS censored,
                  count(*) FILTER (WHERE composite IS NULL AND uncensored(as_of, $h, $g, $cutoff::DATE)) AS unscored
           FROM health) h,
          (SELECT count(*) AS population, coalesce(sum(label), 0) AS positives FROM labels) l,
          (SELECT count(*) AS "dueDeals", count(miss_reason) AS "missedDeals",
                  count(DISTINCT deal_id) FILTER (WHERE miss_reason IS NOT NULL) AS "distinctMissedDeals"
           FROM label_deals) d,
          (SELECT any_value(missed_deals_final_dates) AS "distinctMissedDealsFinalDates" FROM label_history_effect) e`,
    { h: o.horizonDays, g: o.graceDays, cutoff: o.cutoff },
  );
  return { ...c!, noDueDeal: c!.snapshots - c!.censored - c!.unscored - c!.population };
}

/** labels.csv contract columns. */
export const LABELS_CSV_QUERY =
  'SELECT partner_id, as_of, due_deals, missed_deals, label FROM labels ORDER BY partner_id, as_of';
