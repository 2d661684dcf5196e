// Window sums of reported signals at the month-end snapshots, by hash aggregation (no sorts, no lookups).
// A snapshot T's window is (T − w, T], so a row observed on day d counts for exactly the month ends
// T in [d, d + w): the months from month(d) up to, not including, month(d + w) (a month's end falls
// before d + w just when d + w is in a later month). Each row is spread to those few months (on M
// 4.7M rows become 22M) and summed per series and month: one hash aggregate. The cumulative sums it
// replaced grouped 5.1M rows by day, sorted them for a running sum and sorted again for each of up to
// three ASOF lookups (on M, 8.4 CPU s for these steps against 5.9 now).
// The sums are exact decimals: a hash aggregate adds in an order that depends on DuckDB's threads, and
// a float sum's last bit on that order; a decimal sum has one value, whatever the order. Values are
// finite and at most 1e15 in size (ingest's rule), so DECIMAL(38, 12) holds any sum of them exactly, each
// value rounded at 1e-12 (three digits below the 1e-9 that signal values are rounded to).
import type { Workspace } from '../workspace/db.js';
import { monthIndex } from './keys.js';

/**
 * `signal_rows(sid, aggregation, observed_on, value, m0, m1, m2)`: the reported signal rows ≤ cutoff with
 * their series key (signal_series), the month of the row (m0) and the first month each window stops
 * counting it: m1 for the window itself, m2 for a trend's window before (NULL for other aggregations).
 */
export async function buildSignalRows(ws: Workspace, cutoff: string): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE signal_rows AS
     SELECT k.sid, k.aggregation, s.observed_on, s.value,
            ${monthIndex('s.observed_on')} AS m0,
            ${monthIndex('s.observed_on + k.window_days')} AS m1,
            CASE WHEN k.aggregation = 'trend' THEN ${monthIndex('s.observed_on + 2 * k.window_days')} END AS m2
     FROM signals s JOIN signal_series k ON k.partner_id = s.partner_id AND k.signal = s.signal
     WHERE s.observed_on <= $cutoff::DATE`,
    { cutoff },
  );
}

/**
 * `signal_windows(sid, m, cur_sum, cur_n, prev_sum)` for 'sum', 'mean' and 'trend' series: the sum and
 * count of the rows in the window ending at month m's end, and for a trend the sum of the window before
 * it, (T − 2w, T − w] (rows counted for the months [m1, m2)). A month whose windows hold no row has no
 * row here (a quiet window: the reader tells 0 from never reported).
 */
export async function buildWindowSums(ws: Workspace): Promise<void> {
  // offsets (n, k): k = 0 … n − 1, so that joining on n = the number of months spreads a row over them
  // by a hash join; n is at most 2w / 28 + 2 months
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE signal_windows AS
     WITH span AS (SELECT (2 * max(window_days) // 28 + 3)::INTEGER AS n FROM signal_series),
     offs AS (SELECT a.n::INTEGER AS n, b.k::INTEGER AS k FROM span, range(1, span.n) a(n), range(0, span.n) b(k) WHERE b.k < a.n),
     -- each value cast once, before the spread (cast after it, the 22M casts were ~0.4 CPU s on M)
     r AS (SELECT sid, aggregation, m0, m1, m2, value::DECIMAL(38, 12) AS dv FROM signal_rows WHERE aggregation IN ('sum', 'mean', 'trend')),
     spread AS (
       SELECT r.sid, r.m0 + o.k AS m, r.dv AS cv, NULL::DECIMAL(38, 12) AS pv
       FROM r JOIN offs o ON o.n = r.m1 - r.m0
       UNION ALL
       SELECT r.sid, r.m1 + o.k, NULL, r.dv
       FROM r JOIN offs o ON o.n = r.m2 - r.m1 WHERE r.aggregation = 'trend')
     SELECT sid, m, sum(cv)::DOUBLE AS cur_sum, count(cv) AS cur_n, sum(pv)::DOUBLE AS prev_sum
     FROM spread GROUP BY sid, m`,
  );
}
