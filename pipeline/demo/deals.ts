// Deal registrations and outcomes. Volume follows performance health and size; whether a deal
// is missed (lost, or closed > 14 days late) follows the weighted latent health shortly before
// its expected close, so a good score at snapshot time genuinely predicts the outcome.
import type { Rng } from '../stats/random.js';
import { isoDay, monthIndexOf, type MonthSpan } from './calendar.js';
import { TIER_DEAL_MEDIAN, TIER_DEAL_RATE } from './profile.js';
import { lognormal, poisson, sigmoid, uniformInt } from './sampling.js';
import { DIMENSIONS, type DealRow, type DimensionWeights, type LatentPath, type Tier } from './types.js';

/** logit P(miss) = MISS_A − MISS_B · H: H≈0.76 → ~12 %, H≈0.6 → ~29 %, H≈0.2 → ~86 %. */
const MISS_A = 3.1;
const MISS_B = 6.6;
/** Outcome looks at health this many days before the expected close (a lag, not the close itself). */
const OUTCOME_LAG_DAYS = 30;

export interface DealContext {
  partnerId: string;
  tier: Tier;
  grid: MonthSpan[];
  latent: LatentPath;
  joinMonth: number;
  joinDay: number;
  weights: DimensionWeights;
}

export interface WonDeal {
  closedDay: number;
  amount: number;
}

export interface DealsResult {
  deals: DealRow[];
  won: WonDeal[];
  /** Day each deal closes (or would close, past the end date, for deals still open): the CRM history's input. */
  plannedClose: number[];
}

function healthAt(ctx: DealContext, day: number): number {
  const m = Math.max(ctx.joinMonth, monthIndexOf(ctx.grid, day));
  let h = 0;
  for (const d of DIMENSIONS) h += ctx.weights[d] * ctx.latent[d][m]!;
  return h;
}

/** Close offset (days from expected close) and final status, before truncation at the end date. */
function outcome(rng: Rng, missed: boolean): { offset: number; status: 'won' | 'lost' } {
  if (!missed) {
    // Healthy deals close on time; about a quarter slip a little, within the grace period.
    return { offset: rng() < 0.75 ? uniformInt(rng, -25, 0) : uniformInt(rng, 1, 14), status: 'won' };
  }
  if (rng() < 0.5) return { offset: uniformInt(rng, -40, 14), status: 'lost' };
  return { offset: uniformInt(rng, 15, 150), status: rng() < 0.55 ? 'won' : 'lost' };
}

function stageOf(progress: number): string {
  return progress < 0.35 ? 'discovery' : progress < 0.7 ? 'proposal' : 'negotiation';
}

export function generateDeals(rng: Rng, ctx: DealContext): DealsResult {
  const deals: DealRow[] = [];
  const won: WonDeal[] = [];
  const plannedClose: number[] = [];
  const endDay = ctx.grid[ctx.grid.length - 1]!.last;
  for (let m = ctx.joinMonth; m < ctx.grid.length; m++) {
    const span = ctx.grid[m]!;
    const n = poisson(rng, TIER_DEAL_RATE[ctx.tier] * (0.35 + 0.65 * ctx.latent.performance[m]!));
    for (let i = 0; i < n; i++) {
      const registered = Math.max(ctx.joinDay, uniformInt(rng, span.first, span.last));
      const expected = registered + uniformInt(rng, 45, 180);
      const amount = Math.max(1000, Math.round(lognormal(rng, TIER_DEAL_MEDIAN[ctx.tier], 0.7) / 100) * 100);
      const pMiss = sigmoid(MISS_A - MISS_B * healthAt(ctx, expected - OUTCOME_LAG_DAYS));
      const { offset, status } = outcome(rng, rng() < pMiss);
      const closed = Math.max(registered + 1, expected + offset);
      const id = `${ctx.partnerId}-D${String(deals.length + 1).padStart(3, '0')}`;
      plannedClose.push(closed);
      const base = { deal_id: id, partner_id: ctx.partnerId, registered_on: isoDay(registered), expected_close_on: isoDay(expected), amount };
      if (closed > endDay) {
        const progress = (endDay - registered) / (expected - registered);
        deals.push({ ...base, status: 'open', closed_on: '', stage: stageOf(progress) });
      } else {
        deals.push({ ...base, status, closed_on: isoDay(closed), stage: '' });
        if (status === 'won') won.push({ closedDay: closed, amount });
      }
    }
  }
  return { deals, won, plannedClose };
}
