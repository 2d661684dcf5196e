// Deal state as known at any date, from `deals` and the optional `deal_history` (one row per change).
//
// `deal_timeline` holds one row per deal and day on which its state changed: registration, each history
// day, the close. State as known at T is the timeline row with the latest `valid_from` ≤ T (an ASOF join),
// so nothing after T can reach a snapshot at T. Without history the timeline is registration (with the
// deal file's values) and the close: exactly the single-value behaviour, slips measured against the final
// close date. With history, each field takes the last value history gave it by then; a field history
// never mentioned by then falls back to the deal file (so history should include the values at creation,
// as Salesforce's Opportunity History and HubSpot's property history do).
import type { Workspace } from '../workspace/db.js';
import { int } from '../workspace/rows.js';
import { hasTable } from '../workspace/catalog.js';

export async function buildDealTimeline(ws: Workspace): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE deal_timeline AS
     WITH hist AS (
       -- file order breaks ties between changes on the same day: the later row wins
       SELECT deal_id, changed_on AS valid_from, expected_close_on, amount, stage, 1 AS ord, row_number() OVER () AS k
       FROM deal_history),
     events AS (
       SELECT deal_id, registered_on AS valid_from, NULL::DATE AS expected_close_on, NULL::DOUBLE AS amount, NULL AS stage, 0 AS ord, 0 AS k FROM deals
       UNION ALL SELECT * FROM hist
       UNION ALL SELECT deal_id, closed_on, NULL, NULL, NULL, 2, 0 FROM deals WHERE closed_on IS NOT NULL),
     filled AS (
       SELECT e.deal_id, e.valid_from, e.ord, e.k,
              last_value(e.expected_close_on IGNORE NULLS) OVER upto AS hist_expected,
              last_value(e.expected_close_on IGNORE NULLS) OVER before AS prev_expected,
              e.expected_close_on AS set_expected,
              last_value(e.amount IGNORE NULLS) OVER upto AS hist_amount,
              last_value(e.stage IGNORE NULLS) OVER upto AS hist_stage
       FROM events e
       WINDOW upto AS (PARTITION BY e.deal_id ORDER BY e.valid_from, e.ord, e.k ROWS UNBOUNDED PRECEDING),
              before AS (PARTITION BY e.deal_id ORDER BY e.valid_from, e.ord, e.k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
     counted AS (
       -- a push: while the deal was open, history moved its expected close later than the date it had
       -- given before (the close itself often resets the date to the day it closed: not a push).
       -- next_from, in the same window: a row whose successor starts on another day is the day's last,
       -- the state at the end of the day (one window sort fewer than numbering each day's rows)
       SELECT f.*, d.partner_id, d.registered_on, d.closed_on, d.expected_close_on AS deal_expected, d.amount AS deal_amount, d.stage AS deal_stage,
              coalesce(sum((f.set_expected > f.prev_expected AND open_at(d.registered_on, d.closed_on, f.valid_from))::INTEGER) OVER w, 0) AS pushes,
              lead(f.valid_from) OVER w AS next_from
       FROM filled f JOIN deals d USING (deal_id)
       WINDOW w AS (PARTITION BY f.deal_id ORDER BY f.valid_from, f.ord, f.k ROWS UNBOUNDED PRECEDING))
     SELECT c.deal_id, c.partner_id, c.valid_from,
            coalesce(c.hist_expected, c.deal_expected) AS expected_close_on,
            coalesce(c.hist_amount, c.deal_amount) AS amount,
            coalesce(c.hist_stage, c.deal_stage) AS stage,
            open_at(c.registered_on, c.closed_on, c.valid_from) AS is_open,
            c.pushes
     FROM counted c
     -- the state at the end of each day: its last row (a day's rows order by ord, then file order k)
     WHERE c.next_from IS DISTINCT FROM c.valid_from
     ORDER BY c.deal_id, c.valid_from`,
  );
}

/** Whether the workspace has deal history (labels and the backtest report then say which dates they used). */
export async function hasDealHistory(ws: Workspace): Promise<boolean> {
  if (!(await hasTable(ws, 'deal_history'))) return false;
  const [c] = await ws.rows({ n: int }, 'SELECT count(*)::INTEGER AS n FROM deal_history');
  return (c?.n ?? 0) > 0;
}
