// Lead time: how long before a missed deal did the score warn?
//
// Unit: each distinct missed deal (a deal_id with a miss_reason in label_deals, i.e. due at ≥ 1 uncensored
// scored snapshot). Its miss date: lost → closed_on; closed late or still open past due → expected close + G
// (the day it became a miss). The warning is read at the partner's last snapshot strictly BEFORE the miss
// date (a month-end on the miss day already saw the loss). If that band is Green or unscored the deal was
// "not flagged". Otherwise the flag starts at the first snapshot of the unbroken Yellow/Red run ending there
// — but never before the deal's earliest due snapshot, the first moment the backtest holds the score
// answerable for this deal (so a partner Red for two years does not credit a one-month-old deal with
// two years of warning). Lead time = miss date − flag start, in days.
import type { Workspace } from '../workspace/db.js';
import type { Population } from './data.js';
import type { LeadTimeBin, LeadTimeResult } from './types.js';
import { quantileSorted as quantileOf } from '../stats/util.js';
import { ratio, toFloat64 } from './util.js';

export const LEAD_TIME_DEFINITION =
  'Per distinct missed deal: miss date = closed_on if lost, else expected_close_on + grace. Flag start = first snapshot of the ' +
  'unbroken Yellow/Red run ending at the last snapshot before the miss date, not earlier than the deal\'s first due snapshot; ' +
  'Green or unscored there = not flagged. Lead time = miss date − flag start (days).';

const BINS: Array<[number, number | null]> = [[0, 30], [30, 60], [60, 90], [90, 120], [120, 180], [180, null]];

/** Writes `backtest_lead_times` (one row per missed deal) for analysts and the report. */
export async function buildLeadTimes(ws: Workspace, graceDays: number): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE backtest_lead_times AS
     WITH missed AS (
       SELECT deal_id, any_value(partner_id) AS partner_id, any_value(miss_reason) AS miss_reason,
              min(as_of) AS earliest_due,
              CASE WHEN any_value(miss_reason) = 'lost' THEN any_value(closed_on)
                   ELSE (any_value(expected_close_on) + to_days($g::INTEGER))::DATE END AS miss_date
       FROM label_deals WHERE miss_reason IS NOT NULL GROUP BY deal_id),
     flags AS (
       SELECT partner_id, as_of, band, coalesce(band IN ('yellow', 'red'), false) AS flagged,
              -- run id: bumps at every Green/unscored snapshot, so a Yellow/Red run shares the id of the row before it
              sum(CASE WHEN coalesce(band IN ('yellow', 'red'), false) THEN 0 ELSE 1 END)
                OVER (PARTITION BY partner_id ORDER BY as_of ROWS UNBOUNDED PRECEDING) AS run
       FROM health),
     runs AS (
       SELECT *, min(CASE WHEN flagged THEN as_of END) OVER (PARTITION BY partner_id, run) AS run_start FROM flags)
     SELECT m.deal_id, m.partner_id, m.miss_reason, m.miss_date, m.earliest_due,
            r.as_of AS last_snapshot, coalesce(r.band, 'unscored') AS last_band,
            CASE WHEN r.flagged THEN r.run_start END AS run_start,
            CASE WHEN r.flagged THEN greatest(r.run_start, m.earliest_due) END AS flag_start,
            CASE WHEN r.flagged THEN m.miss_date - greatest(r.run_start, m.earliest_due) END AS lead_days
     FROM missed m ASOF LEFT JOIN runs r ON r.partner_id = m.partner_id AND m.miss_date > r.as_of
     ORDER BY m.partner_id, m.deal_id`,
    { g: graceDays },
  );
}

export async function leadTimeResult(ws: Workspace, pop: Population): Promise<LeadTimeResult> {
  const c = await ws.columns(`SELECT lead_days::DOUBLE AS lead FROM backtest_lead_times`);
  const all = toFloat64(c.lead);
  const lead = all.filter((v) => !Number.isNaN(v)).sort();
  const missed = all.length;
  const atLeast = (d: number): number | null => ratio(lead.filter((v) => v >= d).length, missed);
  const histogram: LeadTimeBin[] = BINS.map(([from, to]) => ({
    label: to === null ? `${from}+ d` : `${from}–${to - 1} d`,
    from,
    to,
    count: lead.filter((v) => v >= from && (to === null || v < to)).length,
  }));
  // False alarms: Yellow/Red population snapshots whose label is 0, per population partner-month.
  let falseAlarms = 0;
  for (let i = 0; i < pop.n; i++) if ((pop.band[i] === 1 || pop.band[i] === 2) && pop.label[i] === 0) falseAlarms++;
  return {
    definition: LEAD_TIME_DEFINITION,
    missed_deals: missed,
    flagged: lead.length,
    not_flagged: missed - lead.length,
    quantiles: lead.length === 0 ? null : {
      p10: quantileOf(lead, 0.1), p25: quantileOf(lead, 0.25), p50: quantileOf(lead, 0.5), p75: quantileOf(lead, 0.75), p90: quantileOf(lead, 0.9),
    },
    histogram,
    share_ge_30: atLeast(30),
    share_ge_60: atLeast(60),
    share_ge_90: atLeast(90),
    false_alarms: { count: falseAlarms, partner_months: pop.n, per_partner_month: ratio(falseAlarms, pop.n) },
  };
}
