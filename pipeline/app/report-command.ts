// `partner-health report <kind>`: re-render one report from a run's workspace and JSON results.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../model/load.js';
import type { BacktestResult } from '../backtest/index.js';
import type { CalibrationResult } from '../tune/index.js';
import { computeInterventionEffects, hasInterventionEffects } from '../interventions/index.js';
import { buildQuarterlyData } from '../quarterly-data/index.js';
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
  // A PDF of this report (or packs) from an earlier render would no longer match the new HTML.
  const owned = kind === 'quarterly' ? ['quarterly.pdf', 'quarterly-*.html', 'quarterly-*.pdf'] : [`${kind}.pdf`];
  const { outputs } = await withRunWorkspace(outDir, owned, async (ws, staging, run) => {
    const proposedPath = join(outDir, `${run.model.name}.proposed.json`);
    const proposedModel = existsSync(proposedPath) ? await loadModel(proposedPath) : undefined;
    const s = await resolveSettings(ws, flags);
    if (kind === 'quarterly') {
      // Another quarter or seed than the run's: gather the report's data again (in this copy of the workspace).
      if (!(await hasInterventionEffects(ws))) await computeInterventionEffects(ws, { seed: s.seed });
      await buildQuarterlyData(ws, run.model, { ...s, quarter: s.quarter });
    }
    await writeReports(ws, [kind], { ...s, cutoff: run.cutoff, notebooks: notebookLinks(outDir), model: run.model, backtest, calibration, proposedModel }, (n) => staging.path(n));
  }, { keepWorkspace: false });
  return outputs;
}
