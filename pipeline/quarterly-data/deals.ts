// Deals on the partner pages: those due in the horizon after the quarter end (`quarterly_due_deals`) and
// those that closed in the year before it (`quarterly_closed_deals`: won, won late, lost).
import type { Workspace } from '../workspace/db.js';
import type { QuarterInfo } from './period.js';

/** How far back the "recent deals" list looks. */
export const CLOSED_DEALS_MONTHS = 12;

export interface DealWindows {
  horizonDays: number;
  graceDays: number;
}

export async function writeDeals(ws: Workspace, q: QuarterInfo, o: DealWindows): Promise<void> {
  // Open at the quarter end and expected to close by the end of the horizon (overdue ones included).
  await ws.exec(
    `CREATE OR REPLACE TABLE quarterly_due_deals AS
     SELECT d.partner_id, d.deal_id, d.amount, d.expected_close_on, d.stage,
            CASE WHEN d.expected_close_on < $t::DATE THEN date_diff('day', d.expected_close_on, $t::DATE) END::INTEGER AS days_overdue,
            CASE WHEN d.closed_on IS NOT NULL AND d.closed_on <= r.cutoff THEN d.status || ' ' || d.closed_on::VARCHAR ELSE 'open' END AS outcome
     FROM deals d JOIN quarterly_partners USING (partner_id) CROSS JOIN (SELECT max(cutoff) AS cutoff FROM run_info) r
     WHERE open_at(d.registered_on, d.closed_on, $t::DATE)
       AND d.expected_close_on <= $t::DATE + to_days($h::INTEGER)
     ORDER BY d.partner_id, d.expected_close_on, d.deal_id`,
    { t: q.end, h: o.horizonDays },
  );
  // Known at the quarter end: closed by then. Missed = lost, or won more than the grace period late.
  await ws.exec(
    `CREATE OR REPLACE TABLE quarterly_closed_deals AS
     SELECT d.partner_id, d.deal_id, d.amount, d.expected_close_on, d.closed_on, d.status,
            date_diff('day', d.expected_close_on, d.closed_on)::INTEGER AS days_late,
            (d.status = 'lost' OR date_diff('day', d.expected_close_on, d.closed_on) > $g) AS missed
     FROM deals d JOIN quarterly_partners USING (partner_id)
     WHERE d.closed_on IS NOT NULL AND d.closed_on <= $t::DATE
       AND d.closed_on > last_day($t::DATE - INTERVAL ${CLOSED_DEALS_MONTHS} MONTH)
     ORDER BY d.partner_id, d.closed_on DESC, d.deal_id`,
    { t: q.end, g: o.graceDays },
  );
}
