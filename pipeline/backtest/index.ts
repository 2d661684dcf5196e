// Backtest stage: would the health score have warned us before the deals we missed?
// Reads `labels`, `label_deals`, `health`, `dimension_scores` (+ model/run tables); writes `backtest_rows`
// and `backtest_lead_times`; returns the JSON-ready BacktestResult (backtest.json).
import type { Workspace } from '../workspace/db.js';
import { bandRateStatistic, bandsResult } from './bands.js';
import { calibrationResult, outOfTimePlatt } from './calibration.js';
import { classCounts, discrimination } from './discrimination.js';
import { BAND_CODES, labelCounts, loadDealRows, loadMeta, loadPopulation } from './data.js';
import { dimensionAucs } from './dimensions.js';
import { leakageChecks } from './leakage.js';
import { buildLeadTimes, leadTimeResult } from './lead-time.js';
import { partnerBootstrap, type Statistic } from './resample.js';
import { writeBacktestRows } from './rows-table.js';
import { aucByQuarter, bandMigration, psiByQuarter } from './stability.js';
import { capacityThreshold, rocThresholds } from './thresholds.js';
import type { BacktestOptions, BacktestResult } from './types.js';
import { weightedAucStatistic } from './weighted-auc.js';

export type * from './types.js';
export { formatBacktestSummary } from './summary.js';
export { weightedAuc, weightedAucStatistic } from './weighted-auc.js';
export { LEAD_TIME_DEFINITION } from './lead-time.js';

export const BACKTEST_DEFAULTS = {
  bootstrap: 200,
  level: 0.95,
  costMissedWarning: 5,
  costFalseAlarm: 1,
  capacityShare: 0.1,
  trainingMonths: 12,
} as const;

export async function runBacktest(ws: Workspace, opts: BacktestOptions): Promise<BacktestResult> {
  const D = BACKTEST_DEFAULTS;
  const o = {
    ...opts,
    bootstrap: opts.bootstrap ?? D.bootstrap,
    level: opts.level ?? D.level,
    costMissedWarning: opts.costMissedWarning ?? D.costMissedWarning,
    costFalseAlarm: opts.costFalseAlarm ?? D.costFalseAlarm,
    capacityShare: opts.capacityShare ?? D.capacityShare,
    trainingMonths: opts.trainingMonths ?? D.trainingMonths,
  };
  const [meta, counts, pop, deals] = [await loadMeta(ws), await labelCounts(ws, o), await loadPopulation(ws), await loadDealRows(ws)];

  // One partner bootstrap for the snapshot-level AUC and the band miss rates.
  // AUC per resample by rank-and-sweep (unit weights): same value as stats' auc, no sort per resample.
  const aucOf = weightedAucStatistic(pop.label, pop.risk, new Float64Array(pop.n).fill(1));
  const stats: Record<string, Statistic> = { auc: (rows) => aucOf(rows) };
  BAND_CODES.forEach((b, code) => (stats[`band_${b}`] = bandRateStatistic(pop, code)));
  const { pos, neg } = classCounts(pop.label);
  const boot = partnerBootstrap(pop.partner, stats, pos > 0 && neg > 0 ? o.bootstrap : 0, o.seed, o.level);

  const disc = discrimination({ pop, deals, aucCi: boot.cis.auc ?? null, level: o.level, B: o.bootstrap, seed: o.seed });
  const bands = bandsResult(pop, boot.cis, o.level, meta.greenMin, meta.redBelow);
  const costs = { costMiss: o.costMissedWarning, costFalseAlarm: o.costFalseAlarm };
  const thresholds = { ...rocThresholds(disc.roc, pos, neg, costs, bands), capacity: await capacityThreshold(ws, o.capacityK, o.capacityShare) };

  const oot = outOfTimePlatt(pop, o.horizonDays, o.graceDays, o.trainingMonths);
  const calibration = calibrationResult(pop, oot, o.trainingMonths, o.level);

  await buildLeadTimes(ws, o.graceDays);
  const leadTime = await leadTimeResult(ws, pop);
  const stability = { auc_by_quarter: aucByQuarter(pop, o.level), psi: await psiByQuarter(ws), migration: await bandMigration(ws) };
  const dimensions = await dimensionAucs(ws, o.level);
  const leakage = await leakageChecks(ws, o, oot.folds);
  await writeBacktestRows(ws, oot.folds);

  return {
    auc: disc.result.auc,
    auc_ci: disc.result.auc_ci,
    population: pop.n,
    positives: pos,
    horizon_days: o.horizonDays,
    grace_days: o.graceDays,
    cutoff: o.cutoff,
    level: o.level,
    seed: o.seed,
    bootstrap: { resamples: o.bootstrap, usable: boot.usable, partners: boot.clusters },
    model: meta.model,
    data_window: meta.window,
    counts,
    discrimination: disc.result,
    bands,
    thresholds,
    calibration,
    lead_time: leadTime,
    stability,
    dimensions,
    leakage_checks: leakage,
  };
}
