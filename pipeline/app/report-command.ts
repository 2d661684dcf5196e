// `partner-health report <kind>`: re-render one report from a run's workspace and JSON results.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../model/load.js';
import type { BacktestResult } from '../backtest/index.js';
import type { CalibrationResult } from '../tune/index.js';
import { withRunWorkspace } from './existing.js';
import { writeReports, type ReportKind } from './reports.js';
import { resolveSettings, type RunSettings } from './settings.js';
import { notebookLinks } from './notebooks.js';

async function readResult<T>(outDir: string, name: string): Promise<T> {
  const file = join(outDir, name);
  if (!existsSync(file)) throw new Error(`${file} not found: run \`partner-health run\` (or backtest/tune) first`);
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Render `kind` from the run in `outDir`; returns the written file paths (in `outDir`). */
export async function reportFromRun(outDir: string, kind: ReportKind, flags: Partial<RunSettings>): Promise<string[]> {
  const backtest = await readResult<BacktestResult>(outDir, 'backtest.json');
  const calibration = await readResult<CalibrationResult>(outDir, 'calibration.json');
  // A PDF of this report from an earlier render would no longer match the new HTML.
  const { outputs } = await withRunWorkspace(outDir, [`${kind}.pdf`], async (ws, staging, run) => {
    const proposedPath = join(outDir, `${run.model.name}.proposed.json`);
    const proposedModel = existsSync(proposedPath) ? await loadModel(proposedPath) : undefined;
    const s = await resolveSettings(ws, flags);
    await writeReports(ws, [kind], { ...s, cutoff: run.cutoff, notebooks: notebookLinks(outDir), model: run.model, backtest, calibration, proposedModel }, (n) => staging.path(n));
  }, { keepWorkspace: false });
  return outputs;
}
