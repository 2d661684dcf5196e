// The backtest's threshold table: the decision module's Youden, cost-weighted and capacity cuts
// evaluated on the labelled partner-months with the current score.
import { capacityK, costCut, costOf, degenerateReason, youdenCut, type CutCounts, type DecisionSettings } from '../decision/thresholds.js';
import type { Workspace } from '../workspace/db.js';
import { confusionFromCounts } from './bands.js';
import type { Population } from './data.js';
import type { Confusion, ThresholdChoice, Thresholds } from './types.js';
import { ratio } from './util.js';
import { nullable, num } from '../workspace/rows.js';

function choice(c: CutCounts, missCost?: number): ThresholdChoice {
  return { ...confusionFromCounts(c.tp, c.fp, c.fn, c.tn), composite_below: c.cut, degenerate: degenerateReason(c.flagged_share, missCost) };
}

/** Youden and cost-weighted cut-offs on the population's composites (100 − risk). */
export function cutThresholds(
  pop: Population,
  s: DecisionSettings,
  bandCuts: { red: Confusion; red_or_yellow: Confusion },
): Pick<Thresholds, 'youden' | 'cost_weighted'> {
  const composite = pop.risk.map((r) => 100 - r);
  const j = youdenCut(composite, pop.label);
  const c = costCut(composite, pop.label, s.missCost);
  return {
    youden: { ...choice(j), youden_j: j.youden_j },
    cost_weighted: {
      ...choice(c, s.missCost),
      cost_missed_warning: s.missCost,
      cost_false_alarm: 1,
      cost: c.cost,
      cost_at_red: costOf(bandCuts.red, s.missCost),
      cost_at_red_or_yellow: costOf(bandCuts.red_or_yellow, s.missCost),
    },
  };
}

/**
 * Capacity: at each labelled month the team works the k(month) = capacityK(partners scored that month)
 * lowest composites (ties broken by partner_id). The choice is among all scored partners — a team does
 * not know which partners will end up in the population — and precision/recall are read on the population.
 */
export async function capacityThreshold(ws: Workspace, share: number): Promise<Thresholds['capacity']> {
  const [base] = await ws.rows({ partners: num, months: num, median_scored: nullable(num) },
    `SELECT count(DISTINCT partner_id) AS partners, count(DISTINCT as_of) AS months,
            (SELECT median(n) FROM (SELECT count(*) AS n FROM health WHERE composite IS NOT NULL AND as_of IN (SELECT as_of FROM labels) GROUP BY as_of)) AS median_scored
     FROM health WHERE composite IS NOT NULL AND as_of IN (SELECT as_of FROM labels)`,
  );
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE backtest_capacity AS
     SELECT partner_id, as_of FROM (
       SELECT partner_id, as_of, row_number() OVER (PARTITION BY as_of ORDER BY composite, partner_id) AS rk,
              greatest(1, round($share::DOUBLE * count(*) OVER (PARTITION BY as_of))) AS k
       FROM health WHERE composite IS NOT NULL AND as_of IN (SELECT as_of FROM labels))
     WHERE rk <= k`,
    { share },
  );
  const [r] = await ws.rows({ flagged: num, in_pop: num, tp: num, positives: num },
    `SELECT (SELECT count(*) FROM backtest_capacity) AS flagged,
            count(c.partner_id) AS in_pop,
            coalesce(sum(l.label) FILTER (WHERE c.partner_id IS NOT NULL), 0) AS tp,
            coalesce(sum(l.label), 0) AS positives
     FROM labels l LEFT JOIN backtest_capacity c USING (partner_id, as_of)`,
  );
  const scored = base?.median_scored ?? 0;
  return {
    share,
    k: scored > 0 ? capacityK(scored, share) : 0,
    partners: base?.partners ?? 0,
    months: base?.months ?? 0,
    flagged: r?.flagged ?? 0,
    flagged_in_population: r?.in_pop ?? 0,
    tp: r?.tp ?? 0,
    precision: ratio(r?.tp ?? 0, r?.in_pop ?? 0),
    recall: ratio(r?.tp ?? 0, r?.positives ?? 0),
  };
}
