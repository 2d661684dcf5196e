// Everything that depends on the labels: labels.csv → backtest.json → calibration.json (+ proposed model)
// → the three reports. `run`, `backtest` and `tune` all go through here, so a re-run with another horizon
// rewrites every dependent output and a run directory never mixes two label definitions.
import type { Workspace } from '../workspace/db.js';
import type { HealthModel } from '../model/types.js';
import { buildLabels, LABELS_CSV_QUERY, type LabelCounts } from '../label/labels.js';
import { runBacktest, type BacktestResult } from '../backtest/index.js';
import { runCalibration, writeProposedModel, type CalibrationResult } from '../tune/index.js';
import { computeInterventionEffects } from '../interventions/index.js';
import { buildQuarterlyData } from '../quarterly-data/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import { csvDocument, type CsvValue } from '../io/csv.js';
import type { Progress } from '../cli/progress.js';
import { REPORT_KINDS, writeReports, type ReportLayoutOptions } from './reports.js';
import { DEFAULT_SETTINGS, writeSettings } from './settings.js';

export interface PublishOptions extends ReportLayoutOptions {
  horizonDays: number;
  graceDays: number;
  cutoff: string;
  seed: number;
  bootstrap: number;
  missCost: number;
  capacity: number;
}

export interface Published {
  labels: LabelCounts;
  backtest: BacktestResult;
  calibration: CalibrationResult;
  proposed?: HealthModel;
}

export async function publish(
  ws: Workspace, model: HealthModel, o: PublishOptions, outPath: (name: string) => string, progress: Progress,
): Promise<Published> {
  const decision = { missCost: o.missCost, capacity: o.capacity };
  const stage = { horizonDays: o.horizonDays, graceDays: o.graceDays, cutoff: o.cutoff, seed: o.seed, bootstrap: o.bootstrap, decision };
  progress.step('label');
  const labels = await buildLabels(ws, stage);
  await copyCsv(ws, LABELS_CSV_QUERY, outPath('labels.csv'));
  progress.step('backtest');
  const backtest = await runBacktest(ws, stage);
  await writeJson(outPath('backtest.json'), backtest);
  progress.step('calibrate');
  const calibration = await runCalibration(ws, model, { ...stage, onRefit: (done, total) => progress.count('bootstrap refits', done, total) });
  await writeJson(outPath('calibration.json'), calibration);
  // No proposal from insufficient data: there is nothing to review.
  const proposed = calibration.verdict === 'insufficient'
    ? undefined
    : await writeProposedModel(model, calibration, outPath(`${model.name}.proposed.json`));
  progress.step('interventions');
  await computeInterventionEffects(ws, { seed: o.seed });
  progress.step('quarterly data');
  await buildQuarterlyData(ws, model, { ...stage, quarter: o.quarter });
  progress.step(o.pdf ? 'reports (HTML and PDF)' : 'reports');
  const onProgress = (what: string, done: number, total: number): void => progress.count(what, done, total);
  await writeReports(ws, REPORT_KINDS, { ...o, model, backtest, calibration, proposedModel: proposed, onProgress }, outPath);
  await writeSettings(ws, {
    horizonDays: o.horizonDays, graceDays: o.graceDays, seed: o.seed, bootstrap: o.bootstrap, pdf: o.pdf, pageFormat: o.pageFormat,
    quarter: o.quarter, partnerPages: o.partnerPages ?? DEFAULT_SETTINGS.partnerPages, segment: o.segment, each: o.each,
    maxPartnerPages: o.maxPartnerPages ?? DEFAULT_SETTINGS.maxPartnerPages, ...decision,
  });
  return { labels, backtest, calibration, proposed };
}

/** Write a query's result as CSV through io/csv (quoting and formula neutralising in one place). */
export async function copyCsv(ws: Workspace, query: string, path: string): Promise<void> {
  const cols = await ws.columns(query);
  const names = Object.keys(cols);
  const n = names.length ? cols[names[0]!]!.length : 0;
  const rows: CsvValue[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = names.map((c) => cols[c]![i] as CsvValue);
  await writeFileAtomic(path, csvDocument(names, rows));
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}
