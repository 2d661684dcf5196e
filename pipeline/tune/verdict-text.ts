// Sentences that tie the verdict to the intervals shown beside it, so the text cannot disagree with them.
import type { Interval } from './types.js';
import { fmt, fmtPct } from '../vocabulary/number-formats.js';

export interface WeightEvidence {
  label: string;
  current: number;
  ci: Interval | null;
}

const pct = (v: number): string => fmt('weight', v);

/**
 * "30% outside 29.3%–29.96%": an excluded weight and the interval end it lies beyond print with as many
 * decimals as it takes to tell them apart (30% beside an upper end of 29.96% would read "outside 29%–30%").
 */
function outside(current: number, ci: Interval): string {
  const near = current < ci[0] ? ci[0] : ci[1];
  for (let d = 1; d <= 3; d++) {
    if (fmtPct(current, d) !== fmtPct(near, d) || d === 3) {
      const p = (v: number) => (d === 1 ? pct(v) : fmtPct(v, d));
      return `${p(current)} outside ${p(ci[0])}–${p(ci[1])}`;
    }
  }
  return '';
}
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
  const which = excl.map((w) => `${w.label} (${outside(w.current, w.ci!)})`);
  if (excl.length === n) return `${all} weight intervals exclude the current weights — ${list(which)} — so the fit does ask for different weights`;
  return `the intervals of ${list(which)} exclude the current weights, so the fit asks for some change`;
}

/** How the paired DeLong p-value and the partner-bootstrap interval of the gain relate (5% level). */
export type DelongAgreement = 'agree' | 'delong_only' | 'bootstrap_only';

/**
 * The one reconciliation decision. The paired DeLong test treats out-of-time rows as independent; a
 * partner's months are not, so its p-value is too small. The partner bootstrap decides the verdict.
 */
export function delongAgreement(p: number, gainCi: Interval): DelongAgreement {
  const bootIncludes0 = gainCi[0] <= 0 && gainCi[1] >= 0;
  if (p < 0.05 && bootIncludes0) return 'delong_only';
  if (p >= 0.05 && !bootIncludes0) return 'bootstrap_only';
  return 'agree';
}

const pText = (p: number): string => fmt('p_value', p);

/** The test paragraph's reconciliation, in full. */
export function delongClause(p: number | null, gainCi: Interval | null): string | null {
  if (p === null || gainCi === null) return null;
  switch (delongAgreement(p, gainCi)) {
    case 'delong_only':
      return `The paired DeLong test gives ${pText(p)}, but it treats every out-of-time row as independent while a partner's months are correlated, so it overstates the evidence; the partner-bootstrap interval, which resamples whole partners, includes 0 and is the one the verdict uses.`;
    case 'bootstrap_only':
      return `The paired DeLong test gives ${pText(p)}; the partner-bootstrap interval excludes 0. The verdict uses the bootstrap, which resamples whole partners.`;
    case 'agree':
      return `The paired DeLong test (${pText(p)}) and the partner-bootstrap interval agree.`;
  }
}

/**
 * The verdict bullet's tail after "the gain … has a 95% partner-bootstrap CI of …": the DeLong p-value
 * together with which of the two the verdict goes by, so the bullet never shows a bare p beside an
 * interval that says otherwise.
 */
export function delongAside(p: number | null, gainCi: Interval | null): string {
  if (p === null || gainCi === null) return '';
  switch (delongAgreement(p, gainCi)) {
    case 'delong_only':
      return `; the paired DeLong test's ${pText(p)} looks stronger only because it counts every out-of-time row as independent, so the verdict goes by the interval, which resamples whole partners`;
    case 'bootstrap_only':
      return `; the paired DeLong test gives ${pText(p)}, but the verdict goes by the interval, which resamples whole partners`;
    case 'agree':
      return `, and the paired DeLong test agrees (${pText(p)})`;
  }
}
