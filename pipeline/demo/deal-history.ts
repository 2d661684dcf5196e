// How a CRM records deals that slip: the rep pushes the expected close date out shortly before it
// passes, often more than once, and the export keeps only the last date. The outcome of each deal is
// decided in deals.ts against its original date; this adds the history a CRM would keep on top, and
// overwrites the deal row's expected_close_on with the last date known at the end of the window.
import type { Rng } from '../stats/random.js';
import { isoDay, parseIsoDay } from './calendar.js';
import { uniformInt } from './sampling.js';
import type { DealHistoryRow, DealRow } from './types.js';

/** Share of late deals whose close date the rep keeps pushing (the rest stay visibly late). */
const PUSHED_SHARE = 0.7;
/** Days late beyond which a deal counts as slipping (the grace period of the labels). */
const LATE_DAYS = 14;

const row = (deal_id: string, day: number, fields: Partial<DealHistoryRow>): DealHistoryRow => ({
  deal_id, changed_on: isoDay(day), expected_close_on: '', amount: '', stage: '', status: '', ...fields,
});

/**
 * History rows for one partner's deals (registration, each push, the close), and the deals as the
 * CRM export shows them at `endDay`. `plannedClose` is each deal's close day (past `endDay` if still open).
 */
export function dealHistory(rng: Rng, deals: DealRow[], plannedClose: number[], endDay: number): { deals: DealRow[]; history: DealHistoryRow[] } {
  const history: DealHistoryRow[] = [];
  const shown = deals.map((d, i) => {
    const registered = parseIsoDay(d.registered_on);
    const close = plannedClose[i]!;
    let expected = parseIsoDay(d.expected_close_on);
    history.push(row(d.deal_id, registered, { expected_close_on: d.expected_close_on, amount: d.amount, stage: 'discovery', status: 'open' }));
    if (close - expected > LATE_DAYS && rng() < PUSHED_SHARE) {
      const pushes = close - expected > 60 ? uniformInt(rng, 2, 3) : uniformInt(rng, 1, 2);
      for (let k = pushes; k >= 1; k--) {
        const on = Math.max(registered + 1, expected - uniformInt(rng, 0, 7));
        if (on > endDay || on >= close) break;
        // the last push lands within a week of the real close, so the final date looks on time
        const to = k === 1 ? close - uniformInt(rng, 0, 7) : expected + Math.ceil((close - expected) / (k + 1));
        if (to <= expected) break;
        expected = to;
        history.push(row(d.deal_id, on, { expected_close_on: isoDay(expected) }));
      }
    }
    if (d.closed_on) history.push(row(d.deal_id, parseIsoDay(d.closed_on), { status: d.status }));
    return { ...d, expected_close_on: isoDay(expected) };
  });
  return { deals: shown, history };
}
