// Backtest stage: would the health score have warned us before the deals we missed?
// Reads `labels`, `label_deals`, `health`, `dimension_scores` (+ model/run tables); writes `backtest_rows`
// and `backtest_lead_times`; returns the JSON-ready BacktestResult (backtest.json).
import type { Workspace } from '../workspace/db.js';
import { bandRateStatistic, bandsResult } from './bands.js';
import { classCounts, dealBootTask, discrimination } from './discrimination.js';
import { BAND_CODES, labelCounts, loadDealRows, loadMeta, loadPopulation } from './data.js';
import { dimensionAucs, dimensionBootTasks, loadDimensionRows } from './dimensions.js';
import { startBootTasks } from './boot-pool.js';
import { calibrationTask } from './boot-tasks.js';
import { CHALLENGER_NAME, CHALLENGER_WINDOW_DAYS, challengerDefinition, challengerScores, challengerVerdict, type ChallengerResult } from './challenger.js';
import { fin } from './util.js';
import { leakageChecks } from './leakage.js';
import { buildLeadTimes, leadTimeResult } from './lead-time.js';
import { clusterIds, difference, partnerBootstrap, perResample, type CountStatistic } from './resample.js';
import { clusterAucStatistic } from './cluster-auc.js';
import { writeBacktestRows } from './rows-table.js';
import { aucByQuarter, bandMigration, psiByQuarter } from './stability.js';
import { capacityThreshold, cutThresholds } from './thresholds.js';
import { DECISION_DEFAULTS } from '../decision/thresholds.js';
import type { BacktestOptions, BacktestResult } from './types.js';

export type * from './types.js';
export { weightedAuc, weightedAucStatistic } from './weighted-auc.js';
export { LEAD_TIME_DEFINITION } from './lead-time.js';

export const BACKTEST_DEFAULTS = {
  bootstrap: 200,
  level: 0.95,
  trainingMonths: 12,
} as const;

export async function runBacktest(ws: Workspace, opts: BacktestOptions): Promise<BacktestResult> {
  const D = BACKTEST_DEFAULTS;
  const o = {
    ...opts,
    bootstrap: opts.bootstrap ?? D.bootstrap,
    level: opts.level ?? D.level,
    decision: opts.decision ?? DECISION_DEFAULTS,
    trainingMonths: opts.trainingMonths ?? D.trainingMonths,
  };
  // One after another: the queries share the workspace's single connection.
  const meta = await loadMeta(ws);
  const counts = await labelCounts(ws, o);
  const pop = await loadPopulation(ws);
  const deals = await loadDealRows(ws);
  const { pos, neg } = classCounts(pop.label);
  const B = pos > 0 && neg > 0 ? o.bootstrap : 0;
  // The deal-level and per-dimension bootstraps go to a worker thread (big programs) while this thread
  // does the rest; their results are read at the end. The worker starts while the dimension rows are read.
  const reading = loadDimensionRows(ws);
  // The out-of-time calibration goes first in the worker's queue: its result is needed before the leakage checks.
  const boots = startBootTasks([calibrationTask(pop, o), dealBootTask(deals, o.bootstrap, o.seed, o.level)],
    reading.then((rows) => dimensionBootTasks(rows, { level: o.level, bootstrap: B, seed: o.seed })), o.threads);
  const dimRows = await reading;

  // One partner bootstrap for the snapshot-level AUC and the band miss rates, all read from each
  // resample's partner draw counts (cluster-auc.ts): no row list, no sort per resample.
  const ids = clusterIds(pop.partner);
  const aucOf = clusterAucStatistic(pop.label, pop.risk, ids.ofRow, ids.count);
  const challenger = await challengerScores(ws, o.graceDays);
  const challengerAucOf = clusterAucStatistic(pop.label, challenger.risk, ids.ofRow, ids.count);
  const aucB = perResample(aucOf);
  const challengerB = perResample(challengerAucOf);
  const stats: Record<string, CountStatistic> = {
    auc: aucB,
    challenger_auc: challengerB,
    challenger_delta: difference(aucB, challengerB),
  };
  BAND_CODES.forEach((b, code) => (stats[`band_${b}`] = bandRateStatistic(pop, code, ids.ofRow, ids.count)));
  const boot = partnerBootstrap(pop.partner, stats, B, o.seed, o.level);

  const bands = bandsResult(pop, boot.cis, o.level, meta.greenMin, meta.redBelow);
  const thresholds = { ...cutThresholds(pop, o.decision, bands), capacity: await capacityThreshold(ws, o.decision.capacity) };

  await buildLeadTimes(ws, o.graceDays);
  const leadTime = await leadTimeResult(ws, pop);
  const stability = { auc_by_quarter: aucByQuarter(pop, o.level), psi: await psiByQuarter(ws), migration: await bandMigration(ws) };
  const discWith = discrimination({ pop, deals, aucCi: boot.cis.auc ?? null });
  const dimensionsWith = dimensionAucs(dimRows);
  const [calibrated, dealBoot, ...dimBoots] = await boots();
  const { oot, result: calibration } = calibrated!.calibration!;
  const leakage = await leakageChecks(ws, o, oot.folds);
  await writeBacktestRows(ws, oot.folds);
  const disc = discWith(dealBoot!);
  const dimensions = dimensionsWith(dimBoots);

  const chAuc = pos > 0 && neg > 0 ? fin(challengerAucOf.all()) : null;
  const chDelta = chAuc !== null && disc.result.auc !== null ? disc.result.auc - chAuc : null;
  const chCi = boot.cis.challenger_delta ?? null;
  const challengerResult: ChallengerResult = {
    name: CHALLENGER_NAME,
    definition: challengerDefinition(CHALLENGER_WINDOW_DAYS, o.graceDays),
    window_days: CHALLENGER_WINDOW_DAYS,
    population: pop.n,
    with_own_history: challenger.own,
    auc: chAuc,
    auc_ci: boot.cis.challenger_auc ?? null,
    delta_auc: chDelta,
    delta_ci: chCi,
    ...challengerVerdict(disc.result.auc, chAuc, chDelta, chCi, o.level),
  };

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
    challenger: challengerResult,
    leakage_checks: leakage,
  };
}
