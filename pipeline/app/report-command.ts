// `partner-health report <kind>`: re-render one report from a run's workspace and JSON results.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../model/load.js';
import type { BacktestResult } from '../backtest/index.js';
import type { CalibrationResult } from '../tune/index.js';
import type { PartnerPagesMode, SegmentField } from '../report/quarterly/types.js';
import { withRunWorkspace } from './existing.js';
import { writeReports, type ReportKind } from './reports.js';

export interface ReportCommandOptions {
  modelPath: string;
  quarter?: string;
  partnerPages?: PartnerPagesMode;
  segment?: { field: SegmentField; value: string };
  maxPartnerPages?: number;
  pdf: boolean;
  pageFormat: 'A4' | 'Letter';
  seed: number;
}

async function readResult<T>(outDir: string, name: string): Promise<T> {
  const file = join(outDir, name);
  if (!existsSync(file)) throw new Error(`${file} not found: run \`partner-health run\` (or backtest/tune) first`);
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Render `kind` from the run in `outDir`; returns the written file paths (in `outDir`). */
export async function reportFromRun(outDir: string, kind: ReportKind, o: ReportCommandOptions): Promise<string[]> {
  const model = await loadModel(o.modelPath);
  const backtest = await readResult<BacktestResult>(outDir, 'backtest.json');
  const calibration = await readResult<CalibrationResult>(outDir, 'calibration.json');
  const proposedPath = join(outDir, `${model.name}.proposed.json`);
  const proposedModel = existsSync(proposedPath) ? await loadModel(proposedPath) : undefined;
  const { result } = await withRunWorkspace(outDir, async (ws, staging, cutoff) => {
    const written = await writeReports(ws, [kind], { ...o, model, cutoff, backtest, calibration, proposedModel }, (n) => staging.path(n));
    return written.map((w) => join(outDir, w.slice(staging.dir.length + 1)));
  });
  return result;
}
