// Deal-derived performance signals at each snapshot, from deal state as known then (`deal_timeline`):
// a deal closed after T is open at T, and amounts and close dates are those known at T.
//
// Every one is a sum or count over events or states at the month-end snapshots, so each is spread to the
// month ends it counts for and hash-aggregated there, as the window sums are (window-sums.ts): a
// registration or close on day d counts for the month ends T in [d, d + w), i.e. the months m(d) up to,
// not including, m(d + w); a timeline row holds a deal's state at the month ends in [valid_from, valid_to),
// and its state at the window start T − w at the month ends in [valid_from + w, valid_to + w). On M
// (5,000 partners × 36 months) that is ~0.8 CPU s; pairing every snapshot with every deal registered by
// then, looking each pair up in the timeline (ASOF joins) and aggregating per signal was ~2.1. Sums of
// amounts are exact decimals (amount_sum) and the rest are counts, so how the terms are grouped changes
// no bit; averages (days to close) are avg over the same deals. Ingest holds closed_on ≥ registered_on.
import type { Workspace } from '../workspace/db.js';
import { monthIndex } from './keys.js';

/** Append one row per snapshot and deal-derived signal with a value to `signal_values(pid, sig, as_of, raw_value, observed_on)`. */
export async function appendDealSignals(ws: Workspace): Promise<void> {
  // integer deal keys, and the deals' partners as pid (deals of partners without snapshots are never read)
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE deal_keys AS
     SELECT d.deal_id, p.pid, d.registered_on, d.closed_on, d.status
     FROM deals d JOIN partner_keys p USING (partner_id)`,
  );
  await ws.exec(
    `INSERT INTO signal_values
     WITH sigs AS (SELECT sig, signal, window_days AS w FROM signal_keys WHERE derived),
     q AS (
       SELECT ps.pid, ps.as_of, s.sig, (ps.as_of - to_days(s.w))::DATE AS t0, ${monthIndex('ps.as_of')} AS m
       FROM snapshot_keys ps CROSS JOIN sigs s),
     -- spreads stop after the last snapshot's month
     bounds AS (SELECT max(${monthIndex('as_of')}) + 1 AS m_end FROM snapshot_keys),
     spans AS (
       SELECT k.pid, k.registered_on, t.valid_from, lead(t.valid_from) OVER (PARTITION BY t.deal_id ORDER BY t.valid_from) AS valid_to,
              t.amount, t.is_open, t.pushes
       FROM deal_timeline t JOIN deal_keys k USING (deal_id)),
     -- deals registered in the window (T − w, T]
     registered AS (
       SELECT pid, sig, m::INTEGER AS m, count(*) AS registered FROM (
         SELECT d.pid, s.sig, unnest(range(${monthIndex('d.registered_on')}, least(${monthIndex('d.registered_on + s.w')}, b.m_end))) AS m
         FROM deal_keys d CROSS JOIN sigs s CROSS JOIN bounds b WHERE s.signal = 'deals_registered')
       GROUP BY ALL),
     -- deals closed in the window, won or lost, and the won ones' days from registration to close
     closed AS (
       SELECT pid, sig, m::INTEGER AS m, count(*) FILTER (WHERE status = 'won') AS won, count(*) FILTER (WHERE status = 'lost') AS lost,
              avg(days) FILTER (WHERE status = 'won') AS cycle
       FROM (
         SELECT d.pid, s.sig, d.status, d.closed_on - d.registered_on AS days,
                unnest(range(${monthIndex('d.closed_on')}, least(${monthIndex('d.closed_on + s.w')}, b.m_end))) AS m
         FROM deal_keys d CROSS JOIN sigs s CROSS JOIN bounds b WHERE d.closed_on IS NOT NULL AND s.signal IN ('win_rate', 'days_to_close'))
       GROUP BY ALL),
     -- the open pipeline and the pushes so far at T, of the deals registered by T (no window: once per snapshot)
     at_t AS (
       SELECT pid, m::INTEGER AS m, amount_sum(CASE WHEN is_open THEN amount END) AS pipeline, sum(pushes) AS pushes FROM (
         SELECT t.pid, t.amount, t.is_open, t.pushes,
                unnest(range(greatest(${monthIndex('t.valid_from')}, ${monthIndex('t.registered_on')}),
                             least(coalesce(${monthIndex('t.valid_to')}, b.m_end), b.m_end))) AS m
         FROM spans t CROSS JOIN bounds b
         WHERE EXISTS (FROM sigs WHERE signal IN ('pipeline_amount', 'pipeline_trend', 'close_date_pushes')))
       GROUP BY ALL),
     -- … and at the window start t0 = T − w, for the two signals that compare with it. A deal not yet
     -- registered at t0 has no pipeline and no pushes then; one closed by t0 has pushed no more since, so
     -- its pushes cancel in at_t − at_t0.
     at_t0 AS (
       SELECT pid, sig, m::INTEGER AS m, amount_sum(CASE WHEN is_open THEN amount END) AS pipeline, sum(pushes) AS pushes FROM (
         SELECT t.pid, s.sig, t.amount, t.is_open, t.pushes,
                unnest(range(${monthIndex('t.valid_from + s.w')}, least(coalesce(${monthIndex('t.valid_to + s.w')}, b.m_end), b.m_end))) AS m
         FROM spans t CROSS JOIN sigs s CROSS JOIN bounds b WHERE s.signal IN ('pipeline_trend', 'close_date_pushes'))
       GROUP BY ALL),
     agg AS (
       SELECT q.pid, q.as_of, q.sig, q.t0, coalesce(r.registered, 0) AS registered,
              coalesce(n.pipeline, 0) AS pipeline_now, coalesce(th.pipeline, 0) AS pipeline_then,
              coalesce(c.won, 0) AS won, coalesce(c.lost, 0) AS lost, c.cycle,
              coalesce(n.pushes, 0) - coalesce(th.pushes, 0) AS pushes
       FROM q
       LEFT JOIN registered r ON r.pid = q.pid AND r.sig = q.sig AND r.m = q.m
       LEFT JOIN closed c ON c.pid = q.pid AND c.sig = q.sig AND c.m = q.m
       LEFT JOIN at_t n ON n.pid = q.pid AND n.m = q.m
       LEFT JOIN at_t0 th ON th.pid = q.pid AND th.sig = q.sig AND th.m = q.m),
     started AS (SELECT pid, min(as_of) AS first_as_of FROM snapshot_keys GROUP BY pid)
     SELECT a.pid, a.sig, a.as_of, round(
       CASE ms.signal
         WHEN 'deals_registered' THEN a.registered
         WHEN 'pipeline_amount' THEN a.pipeline_now
         -- the earlier pipeline is only meaningful if the partner existed then
         WHEN 'pipeline_trend' THEN CASE WHEN s.first_as_of <= a.t0 THEN relative_change(a.pipeline_now, a.pipeline_then) END
         WHEN 'win_rate' THEN CASE WHEN a.won + a.lost > 0 THEN a.won / (a.won + a.lost) END
         WHEN 'days_to_close' THEN a.cycle
         -- close dates pushed out in the window, as history recorded them by T (0 without history)
         WHEN 'close_date_pushes' THEN a.pushes
       END, 9) AS raw_value,
       NULL::DATE AS observed_on
     FROM agg a JOIN started s USING (pid) JOIN signal_keys ms USING (sig)
     WHERE raw_value IS NOT NULL`,
  );
  await ws.exec('DROP TABLE deal_keys');
}
