// One partner, start to finish: the single generation path shared by the in-memory and the
// streaming writers. Each partner has its own RNG stream keyed by (seed, index), so its rows
// do not depend on how many partners were generated before it or how they were written.
import { createRng } from '../stats/random.js';
import { isoDay } from './calendar.js';
import { generateDeals } from './deals.js';
import { dealHistory } from './deal-history.js';
import { generateInterventions } from './interventions.js';
import { latentStory } from './latent.js';
import type { PartnerPlan, ResolvedOptions } from './plan.js';
import { drawProfile } from './profile.js';
import { uniformInt } from './sampling.js';
import { generateSignals } from './signals.js';
import type { PartnerBundle } from './types.js';

export function generatePartner(o: ResolvedOptions, plan: PartnerPlan): PartnerBundle {
  const rng = createRng(`${o.seed}:partner:${plan.index}`);
  const isNew = plan.archetype === 'new';
  const profile = drawProfile(rng, isNew);
  const months = o.grid.length;

  // New partners joined 6–9 months before the end; everyone else 0.5–8 years before the window.
  const joinMonth = isNew ? months - uniformInt(rng, 6, 9) : 0;
  const joinDay = isNew
    ? uniformInt(rng, o.grid[joinMonth]!.first, o.grid[joinMonth]!.last)
    : o.grid[0]!.first - uniformInt(rng, 180, 8 * 365);

  const story = latentStory(rng, plan.archetype, months, joinMonth, o.independent);
  const { deals: outcomes, won, plannedClose } = generateDeals(rng, {
    partnerId: plan.partner_id, tier: profile.tier, grid: o.grid, latent: story.latent,
    joinMonth, joinDay, weights: o.outcomeWeights,
  });
  const signals = generateSignals(rng, {
    partnerId: plan.partner_id, type: profile.type, size: profile.size, grid: o.grid, latent: story.latent,
    joinMonth, joinDay, declineStart: story.declineStart, won,
  });
  // CRM history draws from its own stream, so adding it left every other demo row as it was.
  const { deals, history } = dealHistory(createRng(`${o.seed}:history:${plan.index}`), outcomes, plannedClose, o.grid[months - 1]!.last);
  const interventions = generateInterventions(rng, {
    partnerId: plan.partner_id, manager: profile.manager, archetype: plan.archetype, grid: o.grid,
    joinMonth, declineStart: story.declineStart, recoveryIntervention: story.recoveryIntervention,
  });

  return {
    partner: {
      partner_id: plan.partner_id, name: plan.name, type: profile.type, tier: profile.tier,
      region: profile.region, manager: profile.manager, joined_on: isoDay(joinDay),
    },
    signals,
    deals,
    interventions,
    deal_history: history,
    truth: {
      partner_id: plan.partner_id,
      archetype: plan.archetype,
      decline_start: story.declineStart === null ? null : isoDay(o.grid[story.declineStart]!.last),
      latent: story.latent,
    },
  };
}

/** Generate partners one at a time, so callers can stream without holding every row. */
export function* partnerBundles(o: ResolvedOptions, plans: PartnerPlan[]): Generator<PartnerBundle> {
  for (const plan of plans) yield generatePartner(o, plan);
}
