// Interventions: recoverers get one at the bottom of their decline (the latent story already
// recovers after it); some decliners get one that does not help; a few others get routine ones.
import type { Rng } from '../stats/random.js';
import { isoDay, type MonthSpan } from './calendar.js';
import { uniformInt, weighted } from './sampling.js';
import type { Archetype, InterventionRow, Playbook } from './types.js';

export interface InterventionContext {
  partnerId: string;
  manager: string;
  archetype: Archetype;
  grid: MonthSpan[];
  joinMonth: number;
  declineStart: number | null;
  recoveryIntervention: number | null;
}

const NOTES: Record<Playbook, readonly string[]> = {
  outreach_call: [
    'Call with partner lead after portal activity dropped',
    'Checked in on slow responses; agreed on a fortnightly sync',
    'Outreach call: priorities shifted, asked for a refreshed plan',
  ],
  exec_sponsor: [
    'VP sponsor assigned; exec alignment meeting held',
    'Executive sponsor call to reset joint goals, "partner of the year" track discussed',
  ],
  targeted_enablement: [
    'Enablement sprint for two architects, certification vouchers issued',
    'Targeted enablement: sandbox workshop and solution review',
  ],
  co_funding: [
    'Co-funded demand generation campaign for Q-next',
    'MDF approved for a joint customer event',
  ],
};

const RESCUE: readonly (readonly [Playbook, number])[] = [
  ['exec_sponsor', 0.35], ['targeted_enablement', 0.3], ['outreach_call', 0.25], ['co_funding', 0.1],
];

function row(rng: Rng, ctx: InterventionContext, month: number, playbook: Playbook): InterventionRow {
  const span = ctx.grid[month]!;
  const notes = NOTES[playbook];
  return {
    partner_id: ctx.partnerId,
    started_on: isoDay(uniformInt(rng, span.first, span.last)),
    playbook,
    owner: ctx.manager,
    note: notes[uniformInt(rng, 0, notes.length - 1)]!,
  };
}

export function generateInterventions(rng: Rng, ctx: InterventionContext): InterventionRow[] {
  const months = ctx.grid.length;
  const out: InterventionRow[] = [];
  const at = (month: number, playbook: Playbook) => {
    if (month >= ctx.joinMonth && month < months) out.push(row(rng, ctx, month, playbook));
  };
  if (ctx.recoveryIntervention !== null) {
    const first = weighted(rng, RESCUE);
    at(ctx.recoveryIntervention, first);
    if (rng() < 0.3) at(ctx.recoveryIntervention + uniformInt(rng, 1, 2), first === 'targeted_enablement' ? 'outreach_call' : 'targeted_enablement');
  } else if (ctx.archetype === 'decliner' && ctx.declineStart !== null && rng() < 0.5) {
    // triggered by the warning once the decline shows, but too late or the wrong lever: no recovery follows
    at(ctx.declineStart + uniformInt(rng, 8, 10), weighted(rng, RESCUE));
  } else if (ctx.archetype === 'middling' && rng() < 0.08) {
    at(uniformInt(rng, ctx.joinMonth, months - 1), rng() < 0.5 ? 'targeted_enablement' : 'outreach_call');
  } else if (ctx.archetype === 'healthy' && rng() < 0.02) {
    at(uniformInt(rng, ctx.joinMonth, months - 1), 'co_funding');
  }
  return out;
}
