// Threshold choices on risk: Youden's J, the cost-weighted optimum, and a capacity rule
// ("Red = the k partners a team can work each month").
import type { RocPoint } from '../stats/index.js';
import type { Workspace } from '../workspace/db.js';
import { confusionFromCounts } from './bands.js';
import type { Confusion, ThresholdChoice, Thresholds } from './types.js';
import { fin, ratio } from './util.js';

function choice(p: RocPoint, nPos: number, nNeg: number): ThresholdChoice {
  const tp = Math.round(p.tpr * nPos);
  const fp = Math.round(p.fpr * nNeg);
  const t = fin(p.threshold);
  return { ...confusionFromCounts(tp, fp, nPos - tp, nNeg - fp), risk_threshold: t, composite_at_or_below: t === null ? null : 100 - t };
}

export interface CostSettings {
  costMiss: number;
  costFalseAlarm: number;
}

const cost = (c: Confusion, s: CostSettings): number => s.costMiss * c.fn + s.costFalseAlarm * c.fp;

/** Youden and cost-weighted cut-offs from the ROC walk (which includes the "flag nobody" corner). */
export function rocThresholds(
  roc: RocPoint[],
  nPos: number,
  nNeg: number,
  s: CostSettings,
  bandCuts: { red: Confusion; red_or_yellow: Confusion },
): Pick<Thresholds, 'youden' | 'cost_weighted'> {
  let bestJ = -Infinity;
  let jPoint: RocPoint = { fpr: 0, tpr: 0, threshold: Infinity };
  let bestCost = Infinity;
  let cPoint: RocPoint = jPoint;
  for (const p of roc) {
    const j = p.tpr - p.fpr;
    if (j > bestJ) [bestJ, jPoint] = [j, p];
    const c = s.costMiss * (1 - p.tpr) * nPos + s.costFalseAlarm * p.fpr * nNeg;
    if (c < bestCost) [bestCost, cPoint] = [c, p];
  }
  const cw = choice(cPoint, nPos, nNeg);
  return {
    youden: { ...choice(jPoint, nPos, nNeg), youden_j: Number.isFinite(bestJ) ? bestJ : 0 },
    cost_weighted: {
      ...cw,
      cost_missed_warning: s.costMiss,
      cost_false_alarm: s.costFalseAlarm,
      cost: cost(cw, s),
      cost_at_red: cost(bandCuts.red, s),
      cost_at_red_or_yellow: cost(bandCuts.red_or_yellow, s),
    },
  };
}

/**
 * Capacity: at each labelled month, the k scored partners with the highest risk are flagged (ties broken
 * by partner_id so the choice is deterministic). The choice is among all scored partners — a team does
 * not know which partners will end up in the population — and precision/recall are read on the population.
 */
export async function capacityThreshold(ws: Workspace, k: number | undefined, share: number): Promise<Thresholds['capacity']> {
  const [base] = await ws.query<{ partners: number; months: number }>(
    `SELECT count(DISTINCT partner_id) AS partners, count(DISTINCT as_of) AS months FROM health
     WHERE composite IS NOT NULL AND as_of IN (SELECT as_of FROM labels)`,
  );
  const partners = base?.partners ?? 0;
  const kk = k ?? Math.max(1, Math.round(share * partners));
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE backtest_capacity AS
     SELECT partner_id, as_of FROM (
       SELECT partner_id, as_of, row_number() OVER (PARTITION BY as_of ORDER BY composite, partner_id) AS rk
       FROM health WHERE composite IS NOT NULL AND as_of IN (SELECT as_of FROM labels))
     WHERE rk <= $k`,
    { k: kk },
  );
  const [r] = await ws.query<{ flagged: number; in_pop: number; tp: number; positives: number }>(
    `SELECT (SELECT count(*) FROM backtest_capacity) AS flagged,
            count(c.partner_id) AS in_pop,
            coalesce(sum(l.label) FILTER (WHERE c.partner_id IS NOT NULL), 0) AS tp,
            coalesce(sum(l.label), 0) AS positives
     FROM labels l LEFT JOIN backtest_capacity c USING (partner_id, as_of)`,
  );
  return {
    k: kk,
    partners,
    months: base?.months ?? 0,
    flagged: r?.flagged ?? 0,
    flagged_in_population: r?.in_pop ?? 0,
    tp: r?.tp ?? 0,
    precision: ratio(r?.tp ?? 0, r?.in_pop ?? 0),
    recall: ratio(r?.tp ?? 0, r?.positives ?? 0),
  };
}
