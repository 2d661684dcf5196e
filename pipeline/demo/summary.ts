// Deal miss rates against the demo's ground truth: the check that the data carries real signal.
import { parseIsoDay } from './calendar.js';
import { ARCHETYPES, type Archetype, type DealRow, type DemoData } from './types.js';

export interface MissRate {
  /** Deals whose outcome is knowable at the end date (closed, or expected close + grace passed). */
  judged: number;
  missed: number;
  rate: number;
}

/**
 * Missed = lost, closed > grace days late, or still open > grace days past expected close at `end`;
 * `expectedOn` is the date to judge against (the deal's original date; default its final one).
 */
export function dealOutcome(d: DealRow, endDay: number, graceDays = 14, expectedOn = d.expected_close_on): 'missed' | 'ok' | 'pending' {
  const expected = parseIsoDay(expectedOn);
  if (d.status === 'lost') return 'missed';
  if (d.status === 'won') return parseIsoDay(d.closed_on) - expected > graceDays ? 'missed' : 'ok';
  return endDay - expected > graceDays ? 'missed' : 'pending';
}

export function missRates(data: DemoData, end: string, graceDays = 14): { overall: MissRate; byArchetype: Record<Archetype, MissRate> } {
  const endDay = parseIsoDay(end);
  const archetypeOf = new Map(data.truth.map((t) => [t.partner_id, t.archetype]));
  const tally = () => ({ judged: 0, missed: 0, rate: 0 });
  const overall = tally();
  const byArchetype = Object.fromEntries(ARCHETYPES.map((a) => [a, tally()])) as Record<Archetype, MissRate>;
  // judged against the date first promised (the first history row), as the outcome was decided
  const original = new Map<string, string>();
  for (const h of data.deal_history) if (h.expected_close_on && !original.has(h.deal_id)) original.set(h.deal_id, h.expected_close_on);
  for (const d of data.deals) {
    const outcome = dealOutcome(d, endDay, graceDays, original.get(d.deal_id));
    if (outcome === 'pending') continue;
    const bucket = byArchetype[archetypeOf.get(d.partner_id)!];
    for (const m of [overall, bucket]) {
      m.judged += 1;
      if (outcome === 'missed') m.missed += 1;
    }
  }
  for (const m of [overall, ...Object.values(byArchetype)]) m.rate = m.judged ? m.missed / m.judged : 0;
  return { overall, byArchetype };
}
