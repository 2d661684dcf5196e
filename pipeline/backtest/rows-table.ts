// `backtest_rows`: the per-snapshot predictions the backtest used, for analysts to query or export.
import type { Workspace } from '../workspace/db.js';
import type { CalibrationFold } from './types.js';

/**
 * One row per population snapshot: label, composite, risk, band, whether the capacity rule flagged it and
 * the out-of-time Platt probability (null in training-only quarters). Needs the temp table
 * `backtest_capacity` written by capacityThreshold.
 */
export async function writeBacktestRows(ws: Workspace, folds: CalibrationFold[]): Promise<void> {
  await ws.exec(`CREATE OR REPLACE TEMP TABLE backtest_folds (quarter VARCHAR, a DOUBLE, b DOUBLE)`);
  await ws.append('backtest_folds', folds.filter((f) => f.a !== null && f.b !== null).map((f) => [f.quarter, f.a, f.b]));
  await ws.exec(
    `CREATE OR REPLACE TABLE backtest_rows AS
     SELECT l.partner_id, l.as_of, year(l.as_of) || '-Q' || quarter(l.as_of) AS quarter,
            l.label, l.due_deals, l.missed_deals, l.due_amount, l.missed_amount,
            l.composite, l.risk, l.band,
            c.partner_id IS NOT NULL AS capacity_flag,
            1 / (1 + exp(-(f.a + f.b * l.risk))) AS p_miss_oot
     FROM labels l
     LEFT JOIN backtest_capacity c USING (partner_id, as_of)
     LEFT JOIN backtest_folds f ON f.quarter = year(l.as_of) || '-Q' || quarter(l.as_of)
     ORDER BY l.partner_id, l.as_of`,
  );
}
