// "Score + band" printed so the two cannot contradict: a score is rounded to whole points unless that
// would carry it across a band cut-off (69.62 prints "69.6" beside Yellow, never "70"), and a band set
// by a rule other than the score's range (a sharp drop, every dimension low) carries that rule.
import type { Band } from '../model/types.js';
import type { BandParams } from './band-rules.js';

type Cuts = Pick<BandParams, 'green_min' | 'red_below'>;

const side = (x: number, c: Cuts): number => (x < c.red_below ? 0 : x < c.green_min ? 1 : 2);
const bandOfRange = (x: number, c: Cuts): Band => (['red', 'yellow', 'green'] as const)[side(x, c)]!;

/** The score with as few decimals (0–2) as keep it on its side of every cut-off. */
export function scoreText(composite: number | null, c: Cuts): string {
  if (composite === null || !Number.isFinite(composite)) return '—';
  for (let d = 0; d <= 2; d++) {
    const shown = Number(composite.toFixed(d));
    if (side(shown, c) === side(composite, c)) return composite.toFixed(d);
  }
  return (Math.floor(composite * 100) / 100).toFixed(2); // just below a cut: never round up across it
}

export interface ScoreBand {
  score: string;
  band: Band | null;
  /** Why the band is not the one the score's range gives (the rule's reason), else null. */
  note: string | null;
}

/** One helper for every "score + band" the reports print. */
export function scoreWithBand(composite: number | null, band: Band | null, c: Cuts, reason: string | null = null): ScoreBand {
  const score = scoreText(composite, c);
  const differs = composite !== null && band !== null && bandOfRange(composite, c) !== band;
  return { score, band, note: differs ? reason ?? `${band} by an early-warning rule` : null };
}
