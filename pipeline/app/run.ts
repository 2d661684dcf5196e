// `run`: ingest → score → label → backtest → calibrate → reports, all into one staged output directory.
import { openWorkspace, type Workspace } from '../workspace/db.js';
import { loadModel } from '../model/load.js';
import type { HealthModel } from '../model/types.js';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { cutoffWarnings, defaultCutoff, scoresCsvQuery, scoreWorkspace } from '../score/index.js';
import { buildLabels, LABELS_CSV_QUERY, type LabelCounts } from '../label/labels.js';
import { join } from 'node:path';
import { packageRoot } from '../render/paths.js';
import { createStaging } from './staging.js';
import { REPORT_KINDS, writeReports } from './reports.js';
import type { PartnerPagesMode, SegmentField } from '../report/quarterly/types.js';
import { runBacktest, type BacktestResult } from '../backtest/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import { runCalibration, writeProposedModel, type CalibrationResult } from '../tune/index.js';
import type { Progress } from '../cli/progress.js';

export interface RunOptions {
  dataDir: string;
  outDir: string;
  modelPath: string;
  horizonDays: number;
  graceDays: number;
  cutoff?: string;
  pdf: boolean;
  seed: number;
  bootstrap: number;
  pageFormat: 'A4' | 'Letter';
  quarter?: string;
  partnerPages?: PartnerPagesMode;
  segment?: { field: SegmentField; value: string };
  maxPartnerPages?: number;
}

export interface RunResult {
  outputs: string[];
  cutoff: string;
  model: HealthModel;
  ingest: IngestSummary;
  labels: LabelCounts;
  backtest: BacktestResult;
  calibration: CalibrationResult;
  warnings: string[];
}

export const DEFAULT_MODEL = join(packageRoot(), 'models', 'si-early-warning.json');

export async function run(o: RunOptions, progress: Progress): Promise<RunResult> {
  const model = await loadModel(o.modelPath);
  const staging = await createStaging(o.outDir);
  let ws: Workspace | undefined;
  try {
    ws = await openWorkspace(staging.path('workspace.duckdb'));
    progress.step('ingest');
    const summary = await ingest(ws, o.dataDir, model);
    const cutoff = o.cutoff ?? (await defaultCutoff(ws));
    const warnings = [...summary.warnings, ...(await cutoffWarnings(ws, cutoff))];
    progress.step('score');
    await scoreWorkspace(ws, model, cutoff);
    await copyCsv(ws, scoresCsvQuery(model), staging.path('scores.csv'));
    progress.step('label');
    const labels = await buildLabels(ws, { horizonDays: o.horizonDays, graceDays: o.graceDays, cutoff });
    await copyCsv(ws, LABELS_CSV_QUERY, staging.path('labels.csv'));
    progress.step('backtest');
    const backtest = await runBacktest(ws, { horizonDays: o.horizonDays, graceDays: o.graceDays, cutoff, seed: o.seed, bootstrap: o.bootstrap });
    await writeJson(staging.path('backtest.json'), backtest);
    progress.step('calibrate');
    const { result: calibration, proposed } = await calibrate(ws, model, { horizonDays: o.horizonDays, graceDays: o.graceDays, cutoff, seed: o.seed, bootstrap: o.bootstrap }, staging.path.bind(staging));
    progress.step(o.pdf ? 'reports (HTML and PDF)' : 'reports');
    await writeReports(ws, REPORT_KINDS, {
      model, cutoff, backtest, calibration, proposedModel: proposed, quarter: o.quarter, partnerPages: o.partnerPages, segment: o.segment,
      maxPartnerPages: o.maxPartnerPages, pdf: o.pdf, pageFormat: o.pageFormat, seed: o.seed,
    }, (n) => staging.path(n));
    ws.close();
    ws = undefined;
    const outputs = await staging.commit();
    progress.finish();
    return { outputs, cutoff, model, ingest: summary, labels, backtest, calibration, warnings };
  } catch (err) {
    ws?.close();
    await staging.abort();
    throw err;
  }
}

async function copyCsv(ws: Workspace, query: string, path: string): Promise<void> {
  await ws.exec(`COPY (${query}) TO $path (HEADER, DELIMITER ',')`, { path });
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Calibrate and write calibration.json plus, unless the data are insufficient, the proposed model
 * (`<model>.proposed.json`, same shape as a hand-written model, with provenance) for review.
 */
export async function calibrate(
  ws: Workspace,
  model: HealthModel,
  o: { horizonDays: number; graceDays: number; cutoff: string; seed: number; bootstrap: number },
  outPath: (name: string) => string,
): Promise<{ result: CalibrationResult; proposed?: HealthModel }> {
  const result = await runCalibration(ws, model, o);
  await writeJson(outPath('calibration.json'), result);
  if (result.verdict === 'insufficient') return { result };
  return { result, proposed: await writeProposedModel(model, result, outPath(`${model.name}.proposed.json`)) };
}
