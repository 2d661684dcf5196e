// Options with defaults, and the partner-level plan: the only state shared across partners
// (archetype mix, the two special names). Everything else is derived per partner from
// (seed, index), which is what lets the streaming writer match the in-memory one row for row.
import { createRng } from '../stats/random.js';
import { monthGrid, type MonthSpan } from './calendar.js';
import { COMMA_NAME, ordinaryName } from './names.js';
import { shuffle } from './sampling.js';
import { DIMENSIONS, type Archetype, type DemoOptions, type DimensionWeights } from './types.js';

export interface ResolvedOptions {
  seed: number;
  partners: number;
  months: number;
  end: string;
  grid: MonthSpan[];
  /** Weights deciding P(miss) from the latent dimensions. */
  outcomeWeights: DimensionWeights;
  /** Variant mode: dimensions evolve independently so the weights are identifiable. */
  independent: boolean;
}

export interface PartnerPlan {
  index: number;
  partner_id: string;
  archetype: Archetype;
  name: string;
}

/** The default story: performance drives outcomes, but engagement and capability lead it. */
export const DEFAULT_OUTCOME_WEIGHTS: DimensionWeights = { engagement: 0.2, capability: 0.3, performance: 0.5 };

const MIX: readonly (readonly [Archetype, number])[] = [
  ['healthy', 0.45], ['middling', 0.2], ['decliner', 0.2], ['recoverer', 0.08], ['new', 0.07],
];

export function resolveOptions(opts: DemoOptions = {}): ResolvedOptions {
  const seed = opts.seed ?? 42;
  const partners = opts.partners ?? 150;
  const months = opts.months ?? 36;
  const end = opts.end ?? '2025-12-31';
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer: ${seed}`);
  if (!Number.isInteger(partners) || partners < 2) throw new RangeError(`partners must be an integer >= 2: ${partners}`);
  if (!Number.isInteger(months) || months < 12) throw new RangeError(`months must be an integer >= 12: ${months}`);
  const w = opts.trueDimensionWeights;
  if (w) {
    for (const d of DIMENSIONS) {
      if (!(Number.isFinite(w[d]) && w[d] >= 0)) throw new RangeError(`trueDimensionWeights.${d} must be >= 0`);
    }
    if (DIMENSIONS.every((d) => w[d] === 0)) throw new RangeError('trueDimensionWeights must not all be 0');
  }
  const total = w ? DIMENSIONS.reduce((s, d) => s + w[d], 0) : 1;
  const outcomeWeights = w
    ? { engagement: w.engagement / total, capability: w.capability / total, performance: w.performance / total }
    : DEFAULT_OUTCOME_WEIGHTS;
  return { seed, partners, months, end, grid: monthGrid(end, months), outcomeWeights, independent: Boolean(w) };
}

export function partnerId(index: number): string {
  return `P${String(index + 1).padStart(4, '0')}`;
}

/** Archetypes in exact proportions (largest remainder), shuffled by seed; special names placed. */
export function planPartners(o: ResolvedOptions): PartnerPlan[] {
  const counts = MIX.map(([a, share]) => ({ a, n: Math.floor(share * o.partners), rem: (share * o.partners) % 1 }));
  let missing = o.partners - counts.reduce((s, c) => s + c.n, 0);
  for (const c of [...counts].sort((x, y) => y.rem - x.rem)) {
    if (missing-- <= 0) break;
    c.n += 1;
  }
  const archetypes: Archetype[] = counts.flatMap((c) => Array<Archetype>(c.n).fill(c.a));
  shuffle(createRng(`${o.seed}:plan`), archetypes);

  const commaAt = Math.max(0, archetypes.indexOf('healthy'));

  let ordinary = 0;
  return archetypes.map((archetype, index) => ({
    index,
    partner_id: partnerId(index),
    archetype,
    name: index === commaAt ? COMMA_NAME : ordinaryName(ordinary++, o.seed),
  }));
}
