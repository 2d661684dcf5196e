// Month-end snapshot dates and the partners that exist at each one.
import type { Workspace } from '../workspace/db.js';
import { STALE_DAYS } from './data-quality.js';
import { nullable, text } from '../workspace/rows.js';

/** The data cutoff: latest date found in signals and deals (registrations and closes). */
export async function defaultCutoff(ws: Workspace): Promise<string> {
  const [row] = await ws.rows({ d: nullable(text) },
    `SELECT greatest(
       (SELECT max(observed_on) FROM signals),
       (SELECT max(registered_on) FROM deals),
       (SELECT max(closed_on) FROM deals))::VARCHAR AS d`,
  );
  if (!row?.d) throw new Error('No dated rows in signals or deals: cannot determine a data cutoff');
  return row.d;
}

/**
 * Refuse a cutoff that cannot give a backtest: one after today (outcomes after today are unknown, so every
 * open deal would look missed), or one before the first month end with data (there would be no snapshot).
 */
export async function checkCutoff(ws: Workspace, cutoff: string, today: string): Promise<void> {
  if (cutoff > today) {
    throw new Error(`--cutoff ${cutoff} is in the future (today is ${today}): outcomes after today are unknown, ` +
      `so every open deal would count as missed; give a cutoff on or before ${today}`);
  }
  const [row] = await ws.rows({ first_end: nullable(text) },
    `SELECT last_day(least((SELECT min(observed_on) FROM signals), (SELECT min(registered_on) FROM deals)))::VARCHAR AS first_end`,
  );
  const firstEnd = row?.first_end;
  if (firstEnd && lastMonthEnd(cutoff) < firstEnd) {
    throw new Error(`--cutoff ${cutoff} is before the first complete month of data: snapshots are taken at month ends ` +
      `and the first one with data is ${firstEnd}; give a cutoff on or after ${firstEnd}`);
  }
}

/** The last month end on or before `date` (YYYY-MM-DD). */
function lastMonthEnd(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
  if (next.getUTCDate() === 1) return date;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0)).toISOString().slice(0, 10);
}

/** Warn when one source stops long before the cutoff: its silence would read as decline in the last months. */
export async function cutoffWarnings(ws: Workspace, cutoff: string, toleranceDays = STALE_DAYS): Promise<string[]> {
  const rows = await ws.rows({ source: text, last: nullable(text) },
    `SELECT 'signals' AS source, max(observed_on)::VARCHAR AS last FROM signals WHERE observed_on <= $cutoff::DATE
     UNION ALL SELECT 'deal registrations', max(registered_on)::VARCHAR FROM deals WHERE registered_on <= $cutoff::DATE`,
    { cutoff },
  );
  const late = (d: string): boolean => (Date.parse(cutoff) - Date.parse(d)) / 86_400_000 > toleranceDays;
  return rows
    .filter((r) => r.last !== null && late(r.last))
    .map((r) => `${r.source} end on ${r.last}, more than ${toleranceDays} days before the cutoff ${cutoff}: check for a stale extract or a mistyped date`);
}

/**
 * `snapshots(as_of)`: every month end from the first month with data to the last month end ≤ cutoff.
 * `partner_snapshots(partner_id, as_of)`: partners that had joined (or shown data) by each snapshot.
 */
export async function buildSnapshots(ws: Workspace, cutoff: string): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE snapshots AS
     WITH bounds AS (
       SELECT last_day(least((SELECT min(observed_on) FROM signals), (SELECT min(registered_on) FROM deals))) AS first_end,
              CASE WHEN last_day($cutoff::DATE) = $cutoff::DATE THEN $cutoff::DATE
                   ELSE (date_trunc('month', $cutoff::DATE) - INTERVAL 1 DAY)::DATE END AS last_end)
     SELECT last_day(m::DATE) AS as_of
     FROM bounds, generate_series(date_trunc('month', first_end), date_trunc('month', last_end), INTERVAL 1 MONTH) AS g(m)
     ORDER BY as_of`,
    { cutoff },
  );
  // A partner enters the snapshots at its join date, or at its first data when no join date is given.
  await ws.exec(
    `CREATE OR REPLACE TABLE partner_snapshots AS
     WITH first_data AS (
       SELECT partner_id, min(d) AS first_seen FROM (
         SELECT partner_id, observed_on AS d FROM signals UNION ALL SELECT partner_id, registered_on FROM deals)
       GROUP BY partner_id),
     starts AS (
       SELECT p.partner_id, coalesce(p.joined_on, f.first_seen) AS started_on,
              coalesce(p.type, '(none)') AS type, coalesce(p.tier, '(none)') AS tier, coalesce(p.region, '(none)') AS region
       FROM partners p LEFT JOIN first_data f USING (partner_id))
     SELECT s.partner_id, n.as_of, s.type, s.tier, s.region
     FROM starts s JOIN snapshots n ON s.started_on <= n.as_of
     ORDER BY s.partner_id, n.as_of`,
  );
}
