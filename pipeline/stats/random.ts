// Seeded pseudo-random numbers: every bootstrap, fold shuffle and demo dataset is reproducible from its seed.
import seedrandom from 'seedrandom';

export type Rng = () => number;

/** A uniform [0, 1) generator fully determined by `seed`. */
export function createRng(seed: number | string): Rng {
  const prng = seedrandom(String(seed));
  return () => prng.double();
}

/** Integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Standard normal draw (Box–Muller). */
export function randNormal(rng: Rng, mean = 0, sd = 1): number {
  let u = 0;
  while (u === 0) u = rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
