// Out-of-time metrics of pooled predictions, made JSON-safe (null where a metric is undefined, e.g.
// a one-class sample, instead of NaN).
import { auc, brier, calibrationInterceptSlope, delongPairedTest, logLoss } from '../stats/index.js';
import type { ProbabilityMetrics } from './types.js';

/** A finite number, or null. */
export function finite(v: number | null | undefined): number | null {
  return v !== null && v !== undefined && Number.isFinite(v) ? v : null;
}

function classCounts(y: ArrayLike<number>): { pos: number; neg: number } {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  return { pos, neg: y.length - pos };
}

export function probabilityMetrics(y: number[], risk: ArrayLike<number>, p: ArrayLike<number>): ProbabilityMetrics {
  const { pos, neg } = classCounts(y);
  if (y.length === 0) return { auc: null, log_loss: null, brier: null, calibration_intercept: null, calibration_slope: null };
  const both = pos > 0 && neg > 0;
  const cal = both ? calibrationInterceptSlope(y, p) : null;
  return {
    auc: both ? finite(auc(y, risk)) : null,
    log_loss: finite(logLoss(y, p)),
    brier: finite(brier(y, p)),
    calibration_intercept: cal ? finite(cal.intercept) : null,
    calibration_slope: cal ? finite(cal.slope) : null,
  };
}

/** Paired DeLong test of proposed vs current risk (diff = proposed − current); null when undefined. */
export function pairedDelong(y: number[], riskCurrent: ArrayLike<number>, riskProposed: ArrayLike<number>): { diff: number; se: number; z: number; p: number } | null {
  const { pos, neg } = classCounts(y);
  if (pos < 2 || neg < 2) return null;
  const t = delongPairedTest(y, riskProposed, riskCurrent);
  const out = { diff: finite(t.diff), se: finite(t.se), z: finite(t.z), p: finite(t.p) };
  return out.diff === null || out.se === null || out.z === null || out.p === null ? null : (out as { diff: number; se: number; z: number; p: number });
}

export function aucOrNull(y: number[], risk: ArrayLike<number>): number | null {
  const { pos, neg } = classCounts(y);
  return pos > 0 && neg > 0 ? finite(auc(y, risk)) : null;
}
