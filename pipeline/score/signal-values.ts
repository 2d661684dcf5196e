// Raw signal values per partner-snapshot, point in time: only rows dated ≤ the snapshot are used.
// `signal_values(pid, sig, as_of, raw_value, observed_on)` is a temporary table, an internal step of
// scoring keyed by integers (keys.ts): signal_scores holds every value it has, with names, and writing its
// 5M rows into the workspace file cost more than computing them.
// Window sums, counts and trends come from window-sums.ts (rows spread to the month ends whose window
// holds them, then hash-aggregated); 'last' looks up the latest day with an ASOF join. Each partner ×
// signal series has an integer key (`signal_series`), so joins and groupings compare one integer instead
// of two strings.
import type { Workspace } from '../workspace/db.js';
import { buildSignalRows, buildWindowSums } from './window-sums.js';
import { monthIndex } from './keys.js';

export async function buildSignalValues(ws: Workspace, cutoff: string): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE signal_series AS
     SELECT p.partner_id, p.pid, ms.signal, ms.sig, ms.aggregation, ms.window_days,
            (row_number() OVER (ORDER BY p.pid, ms.sig))::INTEGER AS sid
     FROM partner_keys p CROSS JOIN signal_keys ms WHERE NOT ms.derived`,
  );
  // Signal rows of partners without snapshots are never looked up, so the inner join drops nothing used.
  await buildSignalRows(ws, cutoff);
  await buildWindowSums(ws);
  // One row per series and snapshot, narrow: names and windows are joined back after.
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE signal_lookups AS
     SELECT k.sid, ps.as_of, k.aggregation, ${monthIndex('ps.as_of')} AS m,
            (ps.as_of - to_days(k.window_days))::DATE AS t0
     FROM snapshot_keys ps JOIN signal_series k USING (pid)`,
  );
  // A 'sum' is 0 in a quiet window (no signal_windows row) but missing if the signal was never reported
  // for the partner by T; a trend needs history reaching back to the window start (a row ≤ t0): both read
  // the series' first row. A 'last' value is the latest day's level (the mean of that day's rows) ≤ T, if
  // that day is inside the window.
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE signal_values AS
     WITH first_seen AS (
       SELECT sid, min(observed_on) AS first_on FROM signal_rows WHERE aggregation IN ('sum', 'trend') GROUP BY sid),
     levels AS (
       SELECT sid, observed_on, avg(value) AS level FROM signal_rows WHERE aggregation = 'last' GROUP BY sid, observed_on),
     looked AS (
       SELECT q.sid, q.as_of, q.t0, a.observed_on AS last_obs, a.level AS last_level,
              NULL::DOUBLE AS cur, NULL::DOUBLE AS prev, NULL::BIGINT AS n, NULL::DATE AS first_on
       FROM (FROM signal_lookups WHERE aggregation = 'last') q
       ASOF LEFT JOIN levels a ON a.sid = q.sid AND a.observed_on <= q.as_of
       UNION ALL
       SELECT q.sid, q.as_of, q.t0, NULL, NULL, w.cur_sum, w.prev_sum, w.cur_n, f.first_on
       FROM (FROM signal_lookups WHERE aggregation <> 'last') q
       LEFT JOIN signal_windows w ON w.sid = q.sid AND w.m = q.m
       LEFT JOIN first_seen f ON f.sid = q.sid),
     valued AS (
       SELECT k.pid, k.sig, l.as_of,
         CASE k.aggregation
           WHEN 'sum' THEN CASE WHEN first_on <= as_of THEN coalesce(cur, 0) END
           WHEN 'mean' THEN CASE WHEN n > 0 THEN cur / n END
           WHEN 'last' THEN CASE WHEN last_obs > t0 THEN last_level END
           WHEN 'trend' THEN CASE WHEN first_on <= t0 THEN relative_change(coalesce(cur, 0), coalesce(prev, 0)) END
         END AS raw_value,
         CASE WHEN k.aggregation = 'last' AND last_obs > t0 THEN last_obs END AS observed_on
       FROM looked l JOIN signal_series k USING (sid))
     -- rounded to 1e-9 so floating-point summation order can never change a rank, a tie or a printed value
     SELECT pid, sig, as_of, round(raw_value, 9) AS raw_value, observed_on
     FROM valued WHERE raw_value IS NOT NULL`,
  );
  await appendDealSignals(ws);
  // Temporary tables live in the memory DuckDB may use; past it they are written out to the spill file
  // (on M, 470 MB of spill during these statements). The steps' tables are not read again.
  for (const t of ['signal_lookups', 'signal_windows', 'signal_rows', 'signal_series', 'deal_keys']) await ws.exec(`DROP TABLE ${t}`);
}

/**
 * Deal-derived performance signals, from deal state as known at each snapshot (`deal_timeline`, looked up
 * with ASOF joins): a deal closed after T is open at T, and amounts and close dates are those known at T.
 */
async function appendDealSignals(ws: Workspace): Promise<void> {
  // integer deal keys: the ASOF joins sort and compare one integer instead of a string
  // integer deal keys, and the deals' partners as pid (deals of partners without snapshots are never looked up)
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE deal_keys AS
     SELECT d.deal_id, (row_number() OVER (ORDER BY d.deal_id))::INTEGER AS deal_key, p.pid, d.registered_on, d.closed_on, d.status
     FROM deals d JOIN partner_keys p USING (partner_id)`,
  );
  await ws.exec(
    `INSERT INTO signal_values
     WITH q AS (
       SELECT ps.pid, ps.as_of, ms.sig, ms.signal, (ps.as_of - to_days(ms.window_days))::DATE AS t0
       FROM snapshot_keys ps CROSS JOIN signal_keys ms WHERE ms.derived),
     timeline AS (SELECT k.deal_key, t.valid_from, t.amount, t.is_open, t.pushes FROM deal_timeline t JOIN deal_keys k USING (deal_id)),
     snap AS (
       -- each deal registered by T with its state at T (once per snapshot, not per signal)
       SELECT ps.pid, ps.as_of, d.deal_key, d.registered_on, d.closed_on, d.status,
              now.amount AS amount_now, now.is_open AS open_now, now.pushes AS pushes_now
       FROM snapshot_keys ps JOIN deal_keys d ON d.pid = ps.pid AND d.registered_on <= ps.as_of
         AND (d.closed_on IS NULL OR d.closed_on > (ps.as_of - to_days((SELECT max(window_days) FROM model_signals WHERE derived)))::DATE)
       ASOF JOIN timeline now ON now.deal_key = d.deal_key AND now.valid_from <= ps.as_of),
     known AS (
       -- … and its state at the window start (t0; absent if not yet registered). A deal closed on or before
       -- t0 adds nothing to any signal below (each counts open deals, registrations or closes inside the
       -- window, or pushes, which stop at the close), so it is left out before the lookups. Only the two
       -- signals that compare with the earlier state read it (pipeline_then, pushes_then), so only their
       -- rows are looked up; the others carry no state at t0.
       SELECT q.pid, q.as_of, q.sig, q.t0, s.deal_key, s.registered_on, s.closed_on, s.status,
              s.amount_now, s.open_now, s.pushes_now,
              t0.amount AS amount_then, t0.is_open AS open_then, coalesce(t0.pushes, 0) AS pushes_then
       FROM (FROM q WHERE signal IN ('pipeline_trend', 'close_date_pushes')) q
       JOIN snap s ON s.pid = q.pid AND s.as_of = q.as_of AND (s.closed_on IS NULL OR s.closed_on > q.t0)
       ASOF LEFT JOIN timeline t0 ON t0.deal_key = s.deal_key AND t0.valid_from <= q.t0
       UNION ALL
       SELECT q.pid, q.as_of, q.sig, q.t0, s.deal_key, s.registered_on, s.closed_on, s.status,
              s.amount_now, s.open_now, s.pushes_now, NULL, NULL, NULL
       FROM (FROM q WHERE signal NOT IN ('pipeline_trend', 'close_date_pushes')) q
       JOIN snap s ON s.pid = q.pid AND s.as_of = q.as_of AND (s.closed_on IS NULL OR s.closed_on > q.t0)),
     agg AS (
       SELECT q.pid, q.as_of, q.sig, q.t0,
         count(k.deal_key) FILTER (WHERE k.registered_on > q.t0) AS registered,
         coalesce(amount_sum(CASE WHEN k.open_now THEN k.amount_now END), 0) AS pipeline_now,
         coalesce(amount_sum(CASE WHEN k.open_then THEN k.amount_then END), 0) AS pipeline_then,
         count(k.deal_key) FILTER (WHERE k.closed_on > q.t0 AND k.closed_on <= q.as_of AND k.status = 'won') AS won,
         count(k.deal_key) FILTER (WHERE k.closed_on > q.t0 AND k.closed_on <= q.as_of AND k.status = 'lost') AS lost,
         avg(k.closed_on - k.registered_on) FILTER (WHERE k.closed_on > q.t0 AND k.closed_on <= q.as_of AND k.status = 'won') AS cycle,
         coalesce(sum(k.pushes_now - k.pushes_then), 0) AS pushes
       FROM (SELECT pid, as_of, sig, t0 FROM q) q LEFT JOIN known k USING (pid, as_of, sig)
       GROUP BY ALL),
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
}
