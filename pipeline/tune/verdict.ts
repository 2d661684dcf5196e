// The verdict and its one-sentence reason. 'adopt' needs both better ranking out of time (the partner-
// bootstrap CI of the AUC gain lies above 0) and probabilities that still behave (calibration slope in
// range); small data gets a plain "not enough evidence", never a confident number.
import type { Interval, Verdict } from './types.js';
import { fmt } from '../vocabulary/number-formats.js';
import { weightIntervalClause, type WeightEvidence } from './verdict-text.js';

export const SLOPE_RANGE: Interval = [0.8, 1.25];

export interface Evidence {
  partners: number;
  positives: number;
  minPartners: number;
  minPositives: number;
}

/** Reason the data are too thin to judge, or null when there is enough to try. */
export function insufficientData(e: Evidence): string | null {
  const short: string[] = [];
  if (e.partners < e.minPartners) short.push(`${e.partners} partners (at least ${e.minPartners} needed)`);
  else short.push(`${e.partners} partners`);
  if (e.positives < e.minPositives) short.push(`${e.positives} partner-months with a missed deal (at least ${e.minPositives} needed)`);
  else short.push(`${e.positives} partner-months with a missed deal`);
  if (e.partners >= e.minPartners && e.positives >= e.minPositives) return null;
  return `Not enough evidence to recalibrate: ${short.join(' and ')}; keep the current weights.`;
}

/** Reason walk-forward validation cannot run, or null. */
export function insufficientHistory(folds: number, ootPositives: number, ootNegatives: number, gapDays: number, rows = 'partner-months'): string | null {
  if (folds < 2) {
    return `Not enough history for walk-forward validation: ${folds} quarter(s) can be scored out of time once training rows are purged by ${gapDays} days (horizon + grace) and two earlier quarters are kept for choosing λ (at least 2 needed); keep the current weights.`;
  }
  if (ootPositives < 2 || ootNegatives < 2) {
    return `Not enough out-of-time outcomes to compare scores: ${ootPositives} missed and ${ootNegatives} clean out-of-time ${rows} in the test quarters; keep the current weights.`;
  }
  return null;
}

const f3 = (v: number): string => fmt('auc', v);
const signed = (v: number): string => fmt('auc_delta', v);

export interface VerdictInput {
  aucCurrent: number;
  aucProposed: number;
  gainCi: Interval | null;
  slope: number | null;
  /** Usable bootstrap resamples behind gainCi. */
  resamples: number;
  /** Current weights and their intervals, so the reason says whether the data ask for a change. */
  weights?: readonly WeightEvidence[];
}

/** Below this many resamples a percentile interval's tails are too coarse to promote weights on. */
export const MIN_RESAMPLES_TO_ADOPT = 100;

export function decideVerdict(v: VerdictInput): { verdict: Verdict; reason: string } {
  const gain = v.aucProposed - v.aucCurrent;
  const auc = `out-of-time AUC ${f3(v.aucCurrent)} → ${f3(v.aucProposed)} (gain ${signed(gain)}`;
  if (v.gainCi === null) return { verdict: 'keep', reason: `Keep current weights: ${auc}, but no bootstrap interval could be computed).` };
  const ci = `95% CI ${signed(v.gainCi[0])} to ${signed(v.gainCi[1])}`;
  const weights = v.weights ? weightIntervalClause(v.weights) : null;
  if (!(v.gainCi[0] > 0)) {
    const figures = `out-of-time AUC ${f3(v.aucCurrent)} → ${f3(v.aucProposed)}, gain ${signed(gain)}, ${ci}`;
    const lead = weights ? `${weights}, but ` : '';
    const why = v.gainCi[1] < 0
      ? `the proposed weights rank later quarters worse (${figures})`
      : `the out-of-time gain's interval includes 0 (${figures}), so the new weights are not shown to rank later quarters better`;
    return { verdict: 'keep', reason: `Keep current weights: ${lead}${why}.` };
  }
  if (v.resamples < MIN_RESAMPLES_TO_ADOPT) {
    return { verdict: 'keep', reason: `Keep current weights: ${auc}, ${ci}) but from only ${v.resamples} bootstrap resamples; at least ${MIN_RESAMPLES_TO_ADOPT} are needed to adopt.` };
  }
  const [lo, hi] = SLOPE_RANGE;
  if (v.slope === null || v.slope < lo || v.slope > hi) {
    const s = v.slope === null ? 'could not be estimated' : `is ${fmt('stat', v.slope)}`;
    return { verdict: 'keep', reason: `Keep current weights: ${auc}, ${ci}) but the calibration slope ${s}, outside [${lo}, ${hi}].` };
  }
  return {
    verdict: 'adopt',
    reason: `Adopt the proposed weights: ${auc}, ${ci}, excludes 0) and the calibration slope ${fmt('stat', v.slope)} is within [${lo}, ${hi}].`,
  };
}
