// Which quarter the quarterly report covers, and the snapshots that stand for it (table `quarterly_period`).
import type { Workspace } from '../workspace/db.js';
import {
  latestCompleteQuarter, parseQuarter, quarterEnd, quarterId, quarterLabel, quarterStart, shiftQuarter, type Quarter,
} from './quarter.js';
import { num } from '../workspace/rows.js';

export interface QuarterInfo {
  id: string;
  label: string;
  start: string;
  end: string;
  previousLabel: string;
  /** Previous quarter end when it has a snapshot, else null (no comparison). */
  previousEnd: string | null;
}

async function hasSnapshot(ws: Workspace, asOf: string): Promise<boolean> {
  const [r] = await ws.rows({ n: num }, `SELECT count(*) AS n FROM snapshots WHERE as_of = $d::DATE`, { d: asOf });
  return (r?.n ?? 0) > 0;
}

/**
 * Resolve the report quarter. The quarter-end snapshot is the last snapshot of the quarter (month-end
 * snapshots make that the quarter's last day); an explicit quarter without one is refused, with the
 * latest quarter that would work.
 */
export async function resolveQuarter(ws: Workspace, requested?: string): Promise<QuarterInfo> {
  const latest = await latestCompleteQuarter(ws);
  let q: Quarter;
  if (requested) {
    q = parseQuarter(requested);
    if (!(await hasSnapshot(ws, quarterEnd(q)))) {
      const hint = latest ? `; the latest complete quarter is ${quarterId(latest)}` : '';
      throw new Error(`quarter ${quarterId(q)} has no quarter-end snapshot (${quarterEnd(q)}) on or before the data cutoff${hint}`);
    }
  } else {
    if (!latest) throw new Error('no complete quarter in the data: the quarterly report needs a quarter-end snapshot');
    q = latest;
  }
  const prev = shiftQuarter(q, -1);
  const prevEnd = quarterEnd(prev);
  return {
    id: quarterId(q),
    label: quarterLabel(q),
    start: quarterStart(q),
    end: quarterEnd(q),
    previousLabel: quarterLabel(prev),
    previousEnd: (await hasSnapshot(ws, prevEnd)) ? prevEnd : null,
  };
}

/** The quarter, and the settings its printed figures depend on (label horizon, trend months). */
export async function writePeriod(ws: Workspace, q: QuarterInfo, horizonDays: number, trendMonths: number): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE quarterly_period AS
     SELECT $id AS id, $label AS label, $start::DATE AS start, $end::DATE AS "end", $pl AS previous_label,
            $pe::DATE AS previous_end, $h::INTEGER AS horizon_days, $m::INTEGER AS trend_months`,
    { id: q.id, label: q.label, start: q.start, end: q.end, pl: q.previousLabel, pe: q.previousEnd, h: horizonDays, m: trendMonths },
  );
}
