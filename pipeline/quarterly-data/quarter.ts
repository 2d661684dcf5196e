// The report's default quarter (the vocabulary's Quarter is re-exported for the stage and the reports).
import type { Workspace } from '../workspace/db.js';
import { nullable, text } from '../workspace/rows.js';
import { quarterOf, type Quarter } from '../vocabulary/quarter.js';

export {
  parseQuarter, quarterEnd, quarterId, quarterLabel, quarterOf, quarterStart, shiftQuarter, type Quarter,
} from '../vocabulary/quarter.js';

/**
 * The latest complete quarter: the last quarter whose end is a snapshot date on or before the cutoff.
 * Returns null when the workspace has no quarter-end snapshot yet.
 */
export async function latestCompleteQuarter(ws: Workspace): Promise<Quarter | null> {
  const [row] = await ws.rows({ d: nullable(text) },
    `SELECT max(s.as_of) AS d FROM snapshots s, run_info r
     WHERE month(s.as_of) IN (3, 6, 9, 12) AND s.as_of = last_day(s.as_of) AND s.as_of <= r.cutoff`,
  );
  return row?.d ? quarterOf(row.d) : null;
}
