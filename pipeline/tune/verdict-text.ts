// Sentences that tie the verdict to the intervals shown beside it, so the text cannot disagree with them.
import type { Interval } from './types.js';

export interface WeightEvidence {
  label: string;
  current: number;
  ci: Interval | null;
}

const pct = (v: number): string => `${Math.round(v * 1000) / 10}%`.replace('.0%', '%');
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const list = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** Whether the weight intervals cover the current weights, in one clause. */
export function weightIntervalClause(ws: readonly WeightEvidence[]): string | null {
  const known = ws.filter((w) => w.ci !== null);
  if (!known.length) return null;
  const excl = known.filter((w) => w.current < w.ci![0] || w.current > w.ci![1]);
  const n = known.length;
  const all = n === 2 ? 'both' : `all ${NUMBER_WORDS[n] ?? n}`;
  if (excl.length === 0) return `every weight interval covers the current weight, so the data do not ask for different weights`;
  const which = excl.map((w) => `${w.label} (${pct(w.current)} outside ${pct(w.ci![0])}–${pct(w.ci![1])})`);
  if (excl.length === n) return `${all} weight intervals exclude the current weights — ${list(which)} — so the fit does ask for different weights`;
  return `the intervals of ${list(which)} exclude the current weights, so the fit asks for some change`;
}

/**
 * The paired DeLong test treats out-of-time rows as independent; a partner's months are not, so its
 * p-value is too small. Say so whenever it disagrees with the partner bootstrap that decides.
 */
export function delongClause(p: number | null, gainCi: Interval | null): string | null {
  if (p === null || gainCi === null) return null;
  const pText = p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
  const bootIncludes0 = gainCi[0] <= 0 && gainCi[1] >= 0;
  if (p < 0.05 && bootIncludes0) {
    return `The paired DeLong test gives ${pText}, but it treats every out-of-time row as independent while a partner's months are correlated, so it overstates the evidence; the partner-bootstrap interval, which resamples whole partners, includes 0 and is the one the verdict uses.`;
  }
  if (p >= 0.05 && !bootIncludes0) {
    return `The paired DeLong test gives ${pText}; the partner-bootstrap interval excludes 0. The verdict uses the bootstrap, which resamples whole partners.`;
  }
  return `The paired DeLong test (${pText}) and the partner-bootstrap interval agree.`;
}
