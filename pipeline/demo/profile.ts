// Static partner attributes (type, tier, region, manager, join date) and the size multiplier
// that scales every count and amount.
import type { Rng } from '../stats/random.js';
import { MANAGERS } from './names.js';
import { uniformInt, weighted } from './sampling.js';
import type { PartnerType, Region, Tier } from './types.js';

export interface Profile {
  type: PartnerType;
  tier: Tier;
  region: Region;
  manager: string;
  /** Relative partner size: ~0.5 (Registered) … 4 (Platinum). */
  size: number;
}

const TIER_SIZE: Record<Tier, number> = { Platinum: 4, Gold: 2, Silver: 1, Registered: 0.5 };
const REGIONS: readonly Region[] = ['NA', 'EMEA', 'APAC', 'LATAM'];

export function drawProfile(rng: Rng, isNew: boolean): Profile {
  const type = weighted<PartnerType>(rng, [['SI', 0.35], ['reseller', 0.25], ['ISV', 0.15], ['MSP', 0.15], ['referral', 0.1]]);
  // New partners start at the bottom of the program.
  const tier = isNew
    ? weighted<Tier>(rng, [['Silver', 0.3], ['Registered', 0.7]])
    : weighted<Tier>(rng, [['Platinum', 0.1], ['Gold', 0.25], ['Silver', 0.35], ['Registered', 0.3]]);
  const region = weighted<Region>(rng, [['NA', 0.4], ['EMEA', 0.3], ['APAC', 0.2], ['LATAM', 0.1]]);
  const manager = MANAGERS[REGIONS.indexOf(region) * 3 + uniformInt(rng, 0, 2)]!;
  const size = TIER_SIZE[tier] * (0.8 + 0.4 * rng());
  return { type, tier, region, manager, size };
}

/** Deals registered per month at full performance health. */
export const TIER_DEAL_RATE: Record<Tier, number> = { Platinum: 1.4, Gold: 0.9, Silver: 0.6, Registered: 0.35 };
/** Median deal amount by tier (log-normal around it). */
export const TIER_DEAL_MEDIAN: Record<Tier, number> = { Platinum: 250_000, Gold: 120_000, Silver: 60_000, Registered: 25_000 };
