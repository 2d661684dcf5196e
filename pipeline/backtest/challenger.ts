// The naive challenger the health score must beat: each partner's own recent miss rate as known at the
// snapshot T — the share of its deals due in the WINDOW days up to T that were missed, counting only
// outcomes already known at T (a deal due within the last G days and still open is not yet a miss or a
// hit, so it is left out). Partners with no such deal get the program's rate at T.
//
// Like the labels, a deal is measured against its expected close as known before it was due, from
// deal_timeline (score/deal-state.ts): the date the timeline gave it when the window opened, T − WINDOW
// (or at registration, if later). Pushing that date out inside the window is a slip, as in the labels,
// and a date reset at or after the close cannot make a late deal look on time. Only timeline rows and
// closes dated ≤ T are read: nothing after T reaches the score at T.
import type { Workspace } from '../workspace/db.js';
import type { Interval } from './types.js';
import { toFloat64 } from './util.js';
import { currentAt, TIMELINE_SPANS } from '../label/timeline-spans.js';
import { fmt, interval } from '../vocabulary/number-formats.js';

export const CHALLENGER_WINDOW_DAYS = 180;
export const CHALLENGER_NAME = 'own recent miss rate';

export function challengerDefinition(windowDays: number, graceDays: number): string {
  return `each partner's share of its deals due in the ${windowDays} days before the snapshot that were missed, ` +
    `against the close date as known when that window opened, counting only outcomes known at the snapshot ` +
    `(lost, closed more than ${graceDays} days late, or open ${graceDays}+ days past due); ` +
    "partners with no such deal get the program's rate at that snapshot";
}

/**
 * Challenger risk per labelled partner-snapshot, in loadPopulation order (partner_id, as_of), and
 * whether the partner had a deal of its own in the window.
 */
// `opened` is the window's first day as a DATE (date − integer): with `as_of − INTERVAL` every comparison
// on the 1.35M snapshot × deal pairs of M would cast its dates to TIMESTAMP (0.76/0.96 → 0.62/0.44 CPU s).
export async function challengerScores(ws: Workspace, graceDays: number, windowDays = CHALLENGER_WINDOW_DAYS): Promise<{ risk: Float64Array; own: number }> {
  const c = await ws.columns(
    `WITH snap AS (SELECT as_of, as_of - $w::INTEGER AS opened FROM (SELECT DISTINCT as_of FROM labels)),
     anchored AS (
       -- each deal registered by T: inside the window, or before it and still open when it opened
       SELECT s.as_of, d.deal_id, d.partner_id, d.closed_on, d.status,
              greatest(d.registered_on, s.opened) AS anchor
       FROM snap s JOIN deals d ON d.registered_on <= s.as_of
       WHERE d.registered_on > s.opened OR open_at(d.registered_on, d.closed_on, s.opened)),
     due AS (
       -- its expected close as known at the anchor (≤ T): the date it was due by, before any later push
       SELECT a.*, k.expected_close_on AS due_on
       FROM anchored a JOIN ${TIMELINE_SPANS} k ON ${currentAt('k', 'a.deal_id', 'a.anchor')}),
     outcome AS (
       -- every deal due in (T − window, T], with its outcome as known at T (NULL: not known yet)
       SELECT as_of, partner_id,
              CASE WHEN closed_on <= as_of AND status = 'lost' THEN 1
                   WHEN closed_on <= as_of AND closed_on - due_on > $g THEN 1
                   WHEN closed_on <= as_of THEN 0
                   WHEN as_of - due_on >= $g THEN 1 END AS missed
       FROM due
       WHERE due_on > as_of - $w::INTEGER AND due_on <= as_of),
     own AS (SELECT as_of, partner_id, avg(missed) AS rate FROM outcome WHERE missed IS NOT NULL GROUP BY ALL),
     program AS (SELECT as_of, avg(missed) AS rate FROM outcome WHERE missed IS NOT NULL GROUP BY ALL)
     SELECT coalesce(o.rate, p.rate, 0)::DOUBLE AS risk, (o.rate IS NOT NULL)::INTEGER AS own
     FROM labels l LEFT JOIN own o USING (partner_id, as_of) LEFT JOIN program p USING (as_of)
     ORDER BY l.partner_id, l.as_of`,
    { g: graceDays, w: windowDays },
  );
  const own = toFloat64(c.own);
  return { risk: toFloat64(c.risk), own: own.reduce((s, v) => s + v, 0) };
}

export interface ChallengerResult {
  name: string;
  definition: string;
  window_days: number;
  /** Labelled partner-months (the backtest population) and how many had deals of their own in the window. */
  population: number;
  with_own_history: number;
  auc: number | null;
  /** Partner-bootstrap interval (same resamples as the score's AUC). */
  auc_ci: Interval | null;
  /** AUC(score) − AUC(challenger) on the same partner-months, with its partner-bootstrap interval. */
  delta_auc: number | null;
  delta_ci: Interval | null;
  /** True only when the interval of the difference lies above 0. */
  beats: boolean;
  verdict: 'beats' | 'not_distinguishable' | 'worse' | 'not_computable';
  /** One plain sentence for page one and the backtest report. */
  sentence: string;
}


export function challengerVerdict(scoreAuc: number | null, auc: number | null, delta: number | null, ci: Interval | null, level: number): Pick<ChallengerResult, 'beats' | 'verdict' | 'sentence'> {
  if (scoreAuc === null || auc === null || delta === null || ci === null) {
    return { beats: false, verdict: 'not_computable', sentence: 'Whether the health score beats the naive challenger (each partner\'s own recent miss rate) could not be computed.' };
  }
  const figures = `AUC ${fmt('auc', scoreAuc)} vs ${fmt('auc', auc)}, difference ${fmt('auc_delta', delta)} (${fmt('share', level)} partner-bootstrap interval ${interval('auc_delta', ci)})`;
  if (ci[0] > 0) return { beats: true, verdict: 'beats', sentence: `The health score beats the naive challenger, each partner's own recent miss rate: ${figures}.` };
  if (ci[1] < 0) return { beats: false, verdict: 'worse', sentence: `The health score ranks worse than the naive challenger, each partner's own recent miss rate: ${figures}.` };
  return { beats: false, verdict: 'not_distinguishable', sentence: `The health score does not clearly beat the naive challenger, each partner's own recent miss rate: ${figures}; the interval includes 0.` };
}
