// Leakage checks, each computed from the workspace against the raw tables: guards on the label and fold
// construction (censoring, due-deal windows, outcomes known by the cutoff, purged folds). The scores'
// own point-in-time guarantee is proven separately by the truncation test in test/score/.
import type { Workspace } from '../workspace/db.js';
import type { CalibrationFold, LeakageCheck } from './types.js';
import { dayOfIso } from './util.js';
import { num } from '../workspace/rows.js';

interface SqlCheck {
  check: string;
  /** Returns the number of offending rows (0 = passed). */
  sql: string;
  detail: (bad: number) => string;
}

const SQL_CHECKS: SqlCheck[] = [
  {
    check: 'labelled snapshots are uncensored (as_of + horizon + grace ≤ cutoff)',
    sql: `SELECT count(*) AS bad FROM labels WHERE NOT uncensored(as_of, $h, $g, $cutoff::DATE)`,
    detail: (n) => `${n} labelled snapshots whose outcome window ends after the cutoff`,
  },
  {
    check: 'no due deal registered after its snapshot',
    sql: `SELECT count(*) AS bad FROM label_deals WHERE registered_on > as_of`,
    detail: (n) => `${n} due-deal rows registered after the snapshot`,
  },
  {
    check: 'no due deal closed on or before its snapshot',
    sql: `SELECT count(*) AS bad FROM label_deals ld JOIN deals d USING (deal_id) WHERE d.closed_on <= ld.as_of`,
    detail: (n) => `${n} due-deal rows already closed at the snapshot`,
  },
  {
    check: 'due deals expected to close within (as_of, as_of + horizon]',
    sql: `SELECT count(*) AS bad FROM label_deals
          WHERE expected_close_on <= as_of OR expected_close_on > as_of + to_days($h::INTEGER)`,
    detail: (n) => `${n} due-deal rows outside the horizon`,
  },
  {
    // checked against the raw deals, not label_deals (which already hides closes after the cutoff)
    check: 'no miss decided by an outcome after the cutoff',
    sql: `SELECT count(*) AS bad FROM label_deals ld JOIN deals d USING (deal_id)
          WHERE ld.miss_reason IN ('lost', 'closed_late') AND (d.closed_on IS NULL OR d.closed_on > $cutoff::DATE)`,
    detail: (n) => `${n} due-deal rows labelled lost or late from a close after the cutoff`,
  },
  {
    check: 'no signal observed after its snapshot (signal_scores.observed_on ≤ as_of)',
    sql: `SELECT count(*) AS bad FROM signal_scores WHERE observed_on IS NOT NULL AND observed_on > as_of`,
    detail: (n) => `${n} signal scores using an observation dated after the snapshot`,
  },
  {
    check: 'scores computed only from rows ≤ cutoff',
    sql: `SELECT (SELECT count(*) FROM health WHERE as_of > $cutoff::DATE)
               + (SELECT count(*) FROM signal_scores WHERE as_of > $cutoff::DATE OR observed_on > $cutoff::DATE)
               + (SELECT count(*) FROM run_info WHERE cutoff > $cutoff::DATE) AS bad`,
    detail: (n) => `${n} snapshot, signal-score or run rows dated after the cutoff`,
  },
];

export async function leakageChecks(
  ws: Workspace,
  o: { horizonDays: number; graceDays: number; cutoff: string },
  folds: CalibrationFold[],
): Promise<LeakageCheck[]> {
  const out: LeakageCheck[] = [];
  for (const c of SQL_CHECKS) {
    const [r] = await ws.rows({ bad: num }, c.sql, c.sql.includes('$') ? paramsFor(c.sql, o) : undefined);
    const bad = r?.bad ?? 0;
    out.push({ check: c.check, passed: bad === 0, detail: bad === 0 ? 'none found' : c.detail(bad) });
  }
  // Calibration folds: every training label must have been known when its test quarter began.
  const lag = o.horizonDays + o.graceDays;
  const late = folds.filter((f) => f.train_last_as_of !== null && dayOfIso(f.train_last_as_of) + lag > dayOfIso(f.test_from));
  out.push({
    check: 'calibration trained only on labels known before each test quarter',
    passed: late.length === 0,
    detail: late.length === 0 ? `${folds.length} out-of-time folds, all purged by horizon + grace` : `folds ${late.map((f) => f.quarter).join(', ')} train on unresolved labels`,
  });
  return out;
}

/** Only the parameters a statement mentions (DuckDB rejects unused named parameters). */
function paramsFor(sql: string, o: { horizonDays: number; graceDays: number; cutoff: string }): Record<string, string | number> {
  const all: Record<string, string | number> = { h: o.horizonDays, g: o.graceDays, cutoff: o.cutoff };
  return Object.fromEntries(Object.entries(all).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}
