// Discrimination of risk = 100 − composite: snapshot-level AUC (partner-bootstrap CI), Gini, KS, PR-AUC,
// DeLong and Hanley–McNeil SEs, a downsampled ROC, and deal-level plain and amount-weighted AUCs.
import { auc, delongVariance, gini, hanleyMcNeilSE, ksStatistic, prAuc, rocCurve, type RocPoint } from '../stats/index.js';
import type { DealRows, Population } from './data.js';
import type { BootResult, DealBootTask } from './boot-tasks.js';
import type { DealLevel, Discrimination, Interval, RocPointOut } from './types.js';
import { fin, ratio } from './util.js';
import { weightedAuc } from './weighted-auc.js';

export const MAX_ROC_POINTS = 200;

export function classCounts(label: ArrayLike<number>): { pos: number; neg: number } {
  let pos = 0;
  for (let i = 0; i < label.length; i++) pos += label[i] === 1 ? 1 : 0;
  return { pos, neg: label.length - pos };
}

/** Keep ≤ max points, evenly spaced by index, always including both ends. */
export function downsampleRoc(points: RocPoint[], max = MAX_ROC_POINTS): RocPointOut[] {
  const pick = (p: RocPoint): RocPointOut => ({ fpr: p.fpr, tpr: p.tpr, threshold: fin(p.threshold) });
  if (points.length <= max) return points.map(pick);
  const out: RocPointOut[] = [];
  for (let k = 0; k < max; k++) out.push(pick(points[Math.round((k * (points.length - 1)) / (max - 1))]!));
  return out;
}

export interface DiscriminationInput {
  pop: Population;
  deals: DealRows;
  aucCi: Interval | null;
}

/**
 * Everything but the deal-level intervals now, and the result once the deal-level bootstrap's intervals
 * (dealBootTask) are in: the AUCs, ROC and SEs need no bootstrap, so they are computed while the
 * bootstrap worker still runs (on M ~0.25 s that came after it).
 */
export function discrimination(x: DiscriminationInput): (dealBoot: BootResult) => { result: Discrimination; roc: RocPoint[] } {
  const { label, risk } = x.pop;
  const { pos, neg } = classCounts(label);
  const both = pos > 0 && neg > 0;
  const a = both ? auc(label, risk) : NaN;
  const roc = both ? rocCurve(label, risk) : [];
  const seDelong = pos >= 2 && neg >= 2 ? Math.sqrt(delongVariance(label, risk)) : NaN;
  const ci = x.aucCi;
  const ks = fin(both ? ksStatistic(label, risk) : NaN);
  const prAucValue = fin(both ? prAuc(label, risk) : NaN);
  const deal = dealLevel(x.deals);
  return (dealBoot) => ({
    roc,
    result: {
      auc: fin(a),
      auc_ci: ci,
      gini: fin(gini(a)),
      gini_ci: ci ? [gini(ci[0]), gini(ci[1])] : null,
      ks,
      pr_auc: prAucValue,
      base_rate: ratio(pos, label.length),
      se_delong: fin(seDelong),
      se_hanley_mcneil: fin(both ? hanleyMcNeilSE(a, pos, neg) : NaN),
      roc: downsampleRoc(roc),
      roc_points_total: roc.length,
      deal_level: deal(dealBoot),
    },
  });
}

/** The deal-level AUCs' partner bootstrap (boot-tasks.ts): none without both classes. */
export function dealBootTask(d: DealRows, B: number, seed: number, level: number): DealBootTask {
  const { pos, neg } = classCounts(d.label);
  return { kind: 'deal', label: d.label, risk: d.risk, amount: d.amount, partner: d.partner, B: pos > 0 && neg > 0 ? B : 0, seed, level };
}

/** Deal-level AUC: every due deal × snapshot row, label = that deal missed; partner-bootstrap CIs from dealBootTask's task (given later). */
export function dealLevel(d: DealRows): (boot: BootResult) => DealLevel {
  const { pos, neg } = classCounts(d.label);
  const both = pos > 0 && neg > 0;
  let due = 0;
  let missed = 0;
  for (let i = 0; i < d.n; i++) {
    const amt = Number.isFinite(d.amount[i]!) ? d.amount[i]! : 0;
    due += amt;
    if (d.label[i] === 1) missed += amt;
  }
  const aucValue = fin(both ? auc(d.label, d.risk) : NaN);
  const weighted = fin(both ? weightedAuc(d.label, d.risk, d.amount) : NaN);
  return (boot) => ({
    n: d.n,
    positives: pos,
    auc: aucValue,
    auc_ci: boot.cis.auc ?? null,
    amount_weighted_auc: weighted,
    amount_weighted_auc_ci: boot.cis.weighted ?? null,
    due_amount: due,
    missed_amount: missed,
  });
}
