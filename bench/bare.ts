// The bare-DuckDB reference pass: what an analyst would write by hand on the same signals CSV, run in
// this process on its own in-memory database — CSV ingest, 90-day window sums for every partner ×
// signal × month-end (two ASOF joins over cumulative sums) and percentile ranks within signal and month.
// The pipeline's stages are judged against these times, measured in the same run on the same machine.
import { openWorkspace } from '../pipeline/workspace/db.js';
import { int } from '../pipeline/workspace/rows.js';

export interface BareTimes {
  csv_ingest: number;
  window_sums: number;
  percentile_ranks: number;
  /** CPU seconds of each step (every thread of the process), beside the wall times above. */
  cpu: { csv_ingest: number; window_sums: number; percentile_ranks: number };
  /** Rows of each result, so the reader can check both passes did comparable work. */
  rows: { signals: number; windows: number };
}

const seconds = (t0: number): number => (performance.now() - t0) / 1000;
/** CPU seconds of this process so far: every thread, DuckDB's and the workers' included. */
export const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export async function bareDuckdbPass(signalsCsv: string, cutoff: string): Promise<BareTimes> {
  const db = await openWorkspace(':memory:');
  try {
    let t0 = performance.now();
    let c0 = cpuSeconds();
    await db.exec(
      `CREATE TABLE signals AS SELECT partner_id, signal, observed_on::DATE AS observed_on, value::DOUBLE AS value
       FROM read_csv($path, header = true, auto_detect = true)`,
      { path: signalsCsv },
    );
    const csv_ingest = seconds(t0);
    const cpu = { csv_ingest: cpuSeconds() - c0, window_sums: 0, percentile_ranks: 0 };

    t0 = performance.now();
    c0 = cpuSeconds();
    await db.exec(
      `CREATE TABLE cum AS
       SELECT partner_id, signal, observed_on,
              sum(day_sum) OVER (PARTITION BY partner_id, signal ORDER BY observed_on ROWS UNBOUNDED PRECEDING) AS cum_sum
       FROM (SELECT partner_id, signal, observed_on, sum(value) AS day_sum FROM signals GROUP BY ALL)`,
    );
    await db.exec(
      `CREATE TABLE windows AS
       WITH months AS (
         SELECT DISTINCT last_day(observed_on) AS as_of FROM signals WHERE last_day(observed_on) <= $cutoff::DATE),
       grid AS (
         SELECT p.partner_id, p.signal, m.as_of, (m.as_of - INTERVAL 90 DAY)::DATE AS t0
         FROM (SELECT DISTINCT partner_id, signal FROM signals) p CROSS JOIN months m)
       SELECT g.partner_id, g.signal, g.as_of, a.cum_sum - coalesce(b.cum_sum, 0) AS window_sum
       FROM grid g
       ASOF LEFT JOIN cum a ON a.partner_id = g.partner_id AND a.signal = g.signal AND a.observed_on <= g.as_of
       ASOF LEFT JOIN cum b ON b.partner_id = g.partner_id AND b.signal = g.signal AND b.observed_on <= g.t0`,
      { cutoff },
    );
    const window_sums = seconds(t0);
    cpu.window_sums = cpuSeconds() - c0;

    t0 = performance.now();
    c0 = cpuSeconds();
    await db.exec(
      `CREATE TABLE ranked AS
       SELECT *, percent_rank() OVER (PARTITION BY signal, as_of ORDER BY window_sum) AS pct
       FROM windows WHERE window_sum IS NOT NULL`,
    );
    const percentile_ranks = seconds(t0);
    cpu.percentile_ranks = cpuSeconds() - c0;
    const [n] = await db.rows({ signals: int, windows: int },
      'SELECT (SELECT count(*) FROM signals) AS signals, (SELECT count(*) FROM windows) AS windows',
    );
    return { csv_ingest, window_sums, percentile_ranks, cpu, rows: n! };
  } finally {
    db.close();
  }
}
