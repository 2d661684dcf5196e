// Everything that depends on the labels: labels.csv → backtest.json → calibration.json (+ proposed model)
// → the three reports. `run`, `backtest` and `tune` all go through here, so a re-run with another horizon
// rewrites every dependent output and a run directory never mixes two label definitions.
import type { Workspace } from '../workspace/db.js';
import type { HealthModel } from '../model/types.js';
import { buildLabels, LABELS_CSV_QUERY, type LabelCounts } from '../label/labels.js';
import { runBacktest, type BacktestResult } from '../backtest/index.js';
import { proposedModel, runCalibration, type CalibrationResult } from '../tune/index.js';
import type { Effects } from '../effects.js';
import { computeInterventionEffects } from '../interventions/index.js';
import { buildQuarterlyData } from '../quarterly-data/index.js';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runFile } from './output-set.js';
import { text as textColumn } from '../workspace/rows.js';
import { copyCsv } from './csv-copy.js';
import { REPORT_KINDS, writeReports, type CutSettings } from './reports.js';
import { writeSettings } from './settings.js';
import type { NotebookLink } from './notebooks.js';

export interface Published {
  labels: LabelCounts;
  backtest: BacktestResult;
  calibration: CalibrationResult;
  proposed?: HealthModel;
}

export async function publish(
  ws: Workspace, model: HealthModel, s: CutSettings, outPath: (name: string) => string, fx: Effects, notebooks: NotebookLink[] = [],
): Promise<Published> {
  fx.progress.step('label');
  const labels = await buildLabels(ws, s);
  if (labels.snapshots > 0 && labels.censored === labels.snapshots) {
    throw new Error(`every snapshot is censored: horizon + grace (${s.horizonDays} + ${s.graceDays} days) reaches past the cutoff ` +
      `${s.cutoff} from every month end, so no outcome is known yet; use a shorter --horizon or --grace, or a later cutoff`);
  }
  await copyCsv(ws, fx, LABELS_CSV_QUERY, outPath('labels.csv'));
  fx.progress.step('backtest');
  const backtest = await runBacktest(ws, s);
  await writeResult(ws, fx, outPath('backtest.json'), backtest);
  fx.progress.step('calibrate');
  const calibration = await runCalibration(ws, model, { ...s, onRefit: (done, total) => fx.progress.count('bootstrap refits', done, total) });
  await writeResult(ws, fx, outPath('calibration.json'), calibration);
  // No proposal from insufficient data: there is nothing to review.
  const proposed = calibration.verdict === 'insufficient' ? undefined : proposedModel(model, calibration);
  if (proposed) await writeJson(fx, outPath(`${model.name}.proposed.json`), proposed);
  fx.progress.step('interventions');
  await computeInterventionEffects(ws);
  fx.progress.step('quarterly data');
  await buildQuarterlyData(ws, model, s);
  fx.progress.step(s.pdf ? 'reports (HTML and PDF)' : 'reports');
  await writeReports(ws, REPORT_KINDS, s, { model, backtest, calibration, proposedModel: proposed, notebooks }, outPath, fx);
  await writeSettings(ws, s);
  return { labels, backtest, calibration, proposed };
}

export async function writeJson(fx: Pick<Effects, 'writeFile'>, path: string, value: unknown): Promise<void> {
  await fx.writeFile(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * backtest.json / calibration.json, also kept in the workspace (`run_results`), so `report` can tell a
 * damaged or edited file from the one this run wrote instead of failing somewhere inside a template.
 */
async function writeResult(ws: Workspace, fx: Pick<Effects, 'writeFile'>, path: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, null, 2) + '\n';
  await ws.exec('CREATE TABLE IF NOT EXISTS run_results (name VARCHAR, json VARCHAR)');
  await ws.exec('DELETE FROM run_results WHERE name = $name', { name: basename(path) });
  await ws.exec('INSERT INTO run_results VALUES ($name, $json)', { name: basename(path), json: text });
  await fx.writeFile(path, text);
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
  const [stored] = await ws.rows({ json: textColumn }, `SELECT json FROM run_results WHERE name = $name`, { name })
    .catch(() => [] as { json: string }[]); // a workspace from before run_results: the file is all there is
  if (stored && stored.json !== text) throw new Error(`${file} is damaged or was edited (it differs from the result this run stored): ${rerun}`);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}): ${rerun}`, { cause: err });
  }
}
