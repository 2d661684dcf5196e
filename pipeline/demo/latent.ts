// Latent monthly health per dimension: the hidden truth every signal and deal outcome is drawn from.
// Default mode tells the decline story in order (engagement → capability → performance);
// variant mode lets each dimension move on its own so that outcome weights are identifiable.
import { randNormal, randInt, type Rng } from '../stats/random.js';
import { clamp, uniform, uniformInt, weighted } from './sampling.js';
import { DIMENSIONS, type Archetype, type Dimension, type LatentPath } from './types.js';

export interface Story {
  latent: LatentPath;
  /** First month index the partner exists (0 unless new). */
  joinMonth: number;
  /** Month index the decline begins, if any. */
  declineStart: number | null;
  /** Month index of the intervention that turns a recoverer around. */
  recoveryIntervention: number | null;
}

type Knots = [number, number][];
type Kind = 'healthy' | 'middling' | 'decliner' | 'recoverer';

/** Piecewise-linear path through (month, level) knots, flat outside them. */
function fromKnots(months: number, knots: Knots): number[] {
  const out = new Array<number>(months);
  let k = 0;
  for (let t = 0; t < months; t++) {
    while (k < knots.length - 1 && knots[k + 1]![0] <= t) k++;
    const [t0, v0] = knots[k]!;
    const next = knots[k + 1];
    if (t <= t0 || !next) out[t] = t < t0 ? knots[0]![1] : v0;
    else out[t] = v0 + ((next[1] - v0) * (t - t0)) / (next[0] - t0);
  }
  return out;
}

/** Month-to-month wobble that persists a little (AR(1)), so signals are not white noise. */
function withNoise(rng: Rng, mean: number[], sd: number, joinMonth: number): number[] {
  let x = randNormal(rng, 0, sd * 1.25);
  return mean.map((m, t) => {
    x = 0.6 * x + randNormal(rng, 0, sd);
    return t < joinMonth ? NaN : clamp(m + x, 0.02, 0.98);
  });
}

function ramp(rng: Rng, joinMonth: number, target: number): Knots {
  return [[joinMonth, clamp(target - uniform(rng, 0.2, 0.35), 0.1, 0.6)], [joinMonth + 6, target]];
}

/** Default mode: one partner-level story shared by the three dimensions, with lags. */
function correlatedStory(rng: Rng, archetype: Archetype, months: number, joinMonth: number): Omit<Story, 'latent'> & { knots: Record<Dimension, Knots> } {
  const jitter = () => randNormal(rng, 0, 0.03);
  const flat = (level: number): Record<Dimension, Knots> => ({
    engagement: [[0, level + jitter()]], capability: [[0, level + jitter()]], performance: [[0, level + jitter()]],
  });
  if (archetype === 'healthy') return { knots: flat(randNormal(rng, 0.76, 0.05)), joinMonth, declineStart: null, recoveryIntervention: null };
  if (archetype === 'middling') return { knots: flat(randNormal(rng, 0.63, 0.06)), joinMonth, declineStart: null, recoveryIntervention: null };
  if (archetype === 'new') {
    const target = randNormal(rng, 0.62, 0.08);
    return {
      knots: { engagement: ramp(rng, joinMonth, target + jitter()), capability: ramp(rng, joinMonth, target + jitter()), performance: ramp(rng, joinMonth, target + jitter()) },
      joinMonth, declineStart: null, recoveryIntervention: null,
    };
  }
  const hi = randNormal(rng, 0.73, 0.05);
  const lo = () => uniform(rng, 0.12, 0.25);
  if (archetype === 'decliner') {
    // Engagement goes first; capability 2–3 months later; pipeline/performance 2–3 months after that.
    // Most declines play out inside the window; a quarter start late, to show up as early warnings now.
    const se = rng() < 0.75 ? uniformInt(rng, 4, Math.max(4, months - 12)) : uniformInt(rng, Math.max(4, months - 11), months - 4);
    const sc = se + uniformInt(rng, 2, 3);
    const sp = sc + uniformInt(rng, 2, 3);
    const drop = (start: number): Knots => [[start, hi + jitter()], [start + uniformInt(rng, 3, 4), lo()]];
    return { knots: { engagement: drop(se), capability: drop(sc), performance: drop(sp) }, joinMonth, declineStart: se, recoveryIntervention: null };
  }
  // Recoverer: the same decline as a decliner; once the whole decline shows (the score has turned), an
  // intervention, then recovery — engagement first, capability and performance after it.
  const t0 = uniformInt(rng, 4, Math.max(4, months - 18));
  const cBottom = t0 + uniformInt(rng, 5, 6);
  const pBottom = t0 + uniformInt(rng, 6, 7);
  const intervention = pBottom + 1;
  const target = randNormal(rng, 0.7, 0.05);
  const loE = lo();
  const loC = hi - 0.6 * (hi - lo());
  const loP = hi - 0.4 * (hi - lo());
  return {
    knots: {
      engagement: [[t0, hi + jitter()], [t0 + 4, loE], [intervention, loE], [intervention + uniformInt(rng, 2, 3), target + jitter()]],
      capability: [[t0 + 2, hi + jitter()], [cBottom, loC], [intervention, loC], [intervention + uniformInt(rng, 3, 4), target + jitter()]],
      performance: [[t0 + 4, hi + jitter()], [pBottom, loP], [intervention + 1, loP], [intervention + 1 + uniformInt(rng, 3, 4), target + jitter()]],
    },
    joinMonth, declineStart: t0, recoveryIntervention: intervention,
  };
}

/** Variant mode: one dimension's own trajectory, independent of the others. */
function singleDimension(rng: Rng, kind: Kind, months: number): { knots: Knots; start: number | null; intervention: number | null } {
  if (kind === 'healthy') return { knots: [[0, randNormal(rng, 0.76, 0.07)]], start: null, intervention: null };
  if (kind === 'middling') return { knots: [[0, randNormal(rng, 0.45, 0.07)]], start: null, intervention: null };
  const hi = randNormal(rng, 0.72, 0.06);
  const lo = uniform(rng, 0.1, 0.25);
  if (kind === 'decliner') {
    const s = uniformInt(rng, 4, months - 4);
    return { knots: [[s, hi], [s + uniformInt(rng, 3, 4), lo]], start: s, intervention: null };
  }
  const s = uniformInt(rng, 4, Math.max(4, months - 14));
  const bottom = s + uniformInt(rng, 4, 5);
  const target = randNormal(rng, 0.7, 0.05);
  return { knots: [[s, hi], [bottom, lo], [bottom + 1, lo], [bottom + 1 + uniformInt(rng, 2, 4), target]], start: s, intervention: bottom };
}

function independentStory(rng: Rng, archetype: Archetype, months: number, joinMonth: number): Omit<Story, 'latent'> & { knots: Record<Dimension, Knots> } {
  if (archetype === 'new') {
    const knots = {} as Record<Dimension, Knots>;
    for (const d of DIMENSIONS) knots[d] = ramp(rng, joinMonth, uniform(rng, 0.3, 0.85));
    return { knots, joinMonth, declineStart: null, recoveryIntervention: null };
  }
  // The archetype's story drives one random dimension; the others draw their own.
  const driver = DIMENSIONS[randInt(rng, DIMENSIONS.length)]!;
  const knots = {} as Record<Dimension, Knots>;
  let declineStart: number | null = null;
  let recoveryIntervention: number | null = null;
  for (const d of DIMENSIONS) {
    const kind: Kind = d === driver ? archetype : weighted<Kind>(rng, [['healthy', 0.45], ['middling', 0.3], ['decliner', 0.25]]);
    const one = singleDimension(rng, kind, months);
    knots[d] = one.knots;
    if (d === driver) {
      declineStart = one.start;
      recoveryIntervention = one.intervention;
    }
  }
  return { knots, joinMonth, declineStart, recoveryIntervention };
}

/** Draw a partner's latent story. `joinMonth` > 0 only for new partners. */
export function latentStory(rng: Rng, archetype: Archetype, months: number, joinMonth: number, independent: boolean): Story {
  const s = independent ? independentStory(rng, archetype, months, joinMonth) : correlatedStory(rng, archetype, months, joinMonth);
  const sd = independent ? 0.05 : 0.04;
  const latent = {} as LatentPath;
  for (const d of DIMENSIONS) latent[d] = withNoise(rng, fromKnots(months, s.knots[d]), sd, joinMonth);
  return { latent, joinMonth: s.joinMonth, declineStart: s.declineStart, recoveryIntervention: s.recoveryIntervention };
}
