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
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runFile } from './output-set.js';
import { writeFileAtomic } from '../io/atomic.js';
import { csvDocument, type CsvValue } from '../io/csv.js';
import type { Progress } from '../cli/progress.js';
import type { FitUnit } from '../tune/exposure.js';
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
  fitUnit: FitUnit;
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
  if (labels.snapshots > 0 && labels.censored === labels.snapshots) {
    throw new Error(`every snapshot is censored: horizon + grace (${o.horizonDays} + ${o.graceDays} days) reaches past the cutoff ` +
      `${o.cutoff} from every month end, so no outcome is known yet; use a shorter --horizon or --grace, or a later cutoff`);
  }
  await copyCsv(ws, LABELS_CSV_QUERY, outPath('labels.csv'));
  progress.step('backtest');
  const backtest = await runBacktest(ws, stage);
  await writeResult(ws, outPath('backtest.json'), backtest);
  progress.step('calibrate');
  const calibration = await runCalibration(ws, model, { ...stage, fitUnit: o.fitUnit, onRefit: (done, total) => progress.count('bootstrap refits', done, total) });
  await writeResult(ws, outPath('calibration.json'), calibration);
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
    maxPartnerPages: o.maxPartnerPages ?? DEFAULT_SETTINGS.maxPartnerPages, ...decision, fitUnit: o.fitUnit,
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

/**
 * backtest.json / calibration.json, also kept in the workspace (`run_results`), so `report` can tell a
 * damaged or edited file from the one this run wrote instead of failing somewhere inside a template.
 */
async function writeResult(ws: Workspace, path: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, null, 2) + '\n';
  await ws.exec('CREATE TABLE IF NOT EXISTS run_results (name VARCHAR, json VARCHAR)');
  await ws.exec('DELETE FROM run_results WHERE name = $name', { name: basename(path) });
  await ws.exec('INSERT INTO run_results VALUES ($name, $json)', { name: basename(path), json: text });
  await writeFileAtomic(path, text);
}

/** Result file OUT/`name` of the current run, checked against the copy in its workspace; errors name the file. */
export async function readResult<T>(ws: Workspace, outDir: string, name: string): Promise<T> {
  const file = join(outDir, name);
  const rerun = `run \`partner-health backtest --out ${outDir}\` (or run) to rewrite it`;
  let text: string;
  try {
    text = await readFile(runFile(outDir, name), 'utf8');
  } catch {
    throw new Error(`${file} not found: ${rerun}`);
  }
  const [stored] = await ws.query<{ json: string }>(
    `SELECT json FROM run_results WHERE name = $name`, { name },
  ).catch(() => [] as { json: string }[]); // a workspace from before run_results: the file is all there is
  if (stored && stored.json !== text) throw new Error(`${file} is damaged or was edited (it differs from the result this run stored): ${rerun}`);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}): ${rerun}`);
  }
}
