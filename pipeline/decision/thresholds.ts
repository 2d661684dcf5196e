// One home for "where to draw the Red line": Youden's J, the cost-weighted optimum and team capacity,
// used by the backtest (on the current score), by calibration (per walk-forward fold) and by the reports.
//
// Every cut is on the composite: a partner-month is flagged when composite < cut. Cuts lie halfway
// between distinct composites, so "<" and "≤" cannot disagree. Capacity has one definition: each month
// the team works the `capacity` share of the partners scored that month (rounded, at least one).
import { fmt } from '../vocabulary/number-formats.js';

/** The decision settings every stage and report reads (CLI: --miss-cost, --capacity). */
export interface DecisionSettings {
  /** Cost of a missed warning in units of one false alarm. */
  missCost: number;
  /** Share of the partners scored each month that a team can work (0–1]. */
  capacity: number;
}

export const DECISION_DEFAULTS: DecisionSettings = { missCost: 5, capacity: 0.1 };

/** A cut flagging at least this share of partner-months (or nobody) is no usable warning line. */
export const DEGENERATE_FLAGGED_SHARE = 0.9;

export interface CutCounts {
  /** Flag when composite < cut; null = flag nobody. */
  cut: number | null;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  flagged_share: number | null;
}

/** Partners a team can work in a month with `scored` partners scored. */
export function capacityK(scored: number, share: number): number {
  return Math.max(1, Math.round(share * scored));
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * Best cut on composites by `value(tp, fp)` (higher is better), starting from "flag nobody".
 * Only cuts between distinct composites are considered; the cut is their midpoint (rounded to 0.1
 * only when that keeps it strictly between them).
 */
export function bestCut(composite: ArrayLike<number>, label: ArrayLike<number>, value: (tp: number, fp: number) => number): CutCounts {
  const order = Array.from({ length: composite.length }, (_, i) => i).sort((i, j) => composite[i]! - composite[j]!);
  let P = 0;
  for (let i = 0; i < label.length; i++) P += label[i] === 1 ? 1 : 0;
  const N = label.length - P;
  let tp = 0;
  let fp = 0;
  let best = { v: value(0, 0), cut: null as number | null, tp: 0, fp: 0 };
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    if (label[i] === 1) tp++;
    else fp++;
    const c = composite[i]!;
    const next = j + 1 < order.length ? composite[order[j + 1]!]! : c + 1;
    if (next === c) continue;
    const v = value(tp, fp);
    if (v > best.v) {
      const mid = (c + next) / 2;
      const r = round1(mid);
      best = { v, cut: r > c && r <= next ? r : mid, tp, fp };
    }
  }
  const n = composite.length;
  return { cut: best.cut, tp: best.tp, fp: best.fp, fn: P - best.tp, tn: N - best.fp, flagged_share: n > 0 ? (best.tp + best.fp) / n : null };
}

/** Youden's J = hit rate − false-alarm rate, maximised. */
export function youdenCut(composite: ArrayLike<number>, label: ArrayLike<number>): CutCounts & { youden_j: number } {
  let P = 0;
  for (let i = 0; i < label.length; i++) P += label[i] === 1 ? 1 : 0;
  const N = label.length - P;
  if (P === 0 || N === 0) return { ...bestCut([], [], () => 0), fn: P, tn: N, youden_j: 0 };
  const c = bestCut(composite, label, (tp, fp) => tp / P - fp / N);
  return { ...c, youden_j: c.tp / P - c.fp / N };
}

/** Minimises missCost·FN + FP (the same as maximising missCost·TP − FP). */
export function costCut(composite: ArrayLike<number>, label: ArrayLike<number>, missCost: number): CutCounts & { cost: number } {
  const c = bestCut(composite, label, (tp, fp) => missCost * tp - fp);
  return { ...c, cost: missCost * c.fn + c.fp };
}

/** Cost of a confusion table at a miss cost. */
export const costOf = (c: { fn: number; fp: number }, missCost: number): number => missCost * c.fn + c.fp;

/** Capacity as one composite cut: the median over months of the cut under each month's k lowest composites. */
export function capacityCut(byMonth: Iterable<readonly number[]>, share: number): number | null {
  const cuts: number[] = [];
  for (const values of byMonth) {
    if (values.length === 0) continue;
    const s = [...values].sort((a, b) => a - b);
    const k = capacityK(s.length, share);
    cuts.push(s.length > k ? (s[k - 1]! + s[k]!) / 2 : s[s.length - 1]! + 0.1);
  }
  if (cuts.length === 0) return null;
  cuts.sort((a, b) => a - b);
  const mid = Math.floor(cuts.length / 2);
  return round1(cuts.length % 2 ? cuts[mid]! : (cuts[mid - 1]! + cuts[mid]!) / 2);
}

/**
 * Why a cut is not a usable warning line, or null. Flagging (almost) everyone is what the cost rule
 * picks when missCost × P(miss) exceeds P(no miss) nearly everywhere, i.e. when the base rate is
 * above 1 / (1 + missCost): at that price every partner is worth a call and the score adds little.
 */
export function degenerateReason(flaggedShare: number | null, missCost?: number): string | null {
  if (flaggedShare === null) return null;
  if (flaggedShare === 0) return 'flags nobody';
  if (flaggedShare < DEGENERATE_FLAGGED_SHARE) return null;
  const pct = fmt('rate', flaggedShare);
  const why = missCost === undefined ? '' : ` (at a miss cost of ${missCost}× a false alarm, calling almost every partner is cheapest)`;
  return `flags ${pct} of partner-months${why}`;
}
