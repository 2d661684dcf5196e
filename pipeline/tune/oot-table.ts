// `calibration_oot`: the pooled out-of-time predictions, one row per test partner-snapshot, so analysts
// can re-cut the comparison in SQL. Staged through VARCHAR/DOUBLE columns (what the appender writes)
// and cast once, rather than relying on appender conversions into DATE/INTEGER.
import type { Workspace } from '../workspace/db.js';

export interface OotTableRow {
  partner_id: string;
  as_of: string;
  label: number;
  fold: number;
  risk_current: number;
  risk_proposed: number;
  p_current: number;
  p_proposed: number;
}

export async function writeOotTable(ws: Workspace, rows: readonly OotTableRow[]): Promise<void> {
  await ws.exec(`CREATE OR REPLACE TEMP TABLE calibration_oot_stage (
    partner_id VARCHAR, as_of VARCHAR, label DOUBLE, fold DOUBLE,
    risk_current DOUBLE, risk_proposed DOUBLE, p_current DOUBLE, p_proposed DOUBLE)`);
  if (rows.length > 0) {
    await ws.append(
      'calibration_oot_stage',
      rows.map((r) => [r.partner_id, r.as_of, r.label, r.fold, r.risk_current, r.risk_proposed, r.p_current, r.p_proposed]),
    );
  }
  await ws.exec(`CREATE OR REPLACE TABLE calibration_oot AS
    SELECT partner_id, as_of::DATE AS as_of, label::INTEGER AS label, fold::INTEGER AS fold,
           risk_current, risk_proposed, p_current, p_proposed
    FROM calibration_oot_stage ORDER BY fold, partner_id, as_of`);
  await ws.exec('DROP TABLE calibration_oot_stage');
}
