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
import { appendDealSignals } from './deal-signals.js';

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
  for (const t of ['signal_lookups', 'signal_windows', 'signal_rows', 'signal_series']) await ws.exec(`DROP TABLE ${t}`);
}
