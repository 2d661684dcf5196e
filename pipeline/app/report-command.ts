// `partner-health report <kind>`: re-render one report from a run's workspace and JSON results.
import { existsSync } from 'node:fs';
import { loadModel } from '../model/load.js';
import type { BacktestResult } from '../backtest/index.js';
import type { CalibrationResult } from '../tune/index.js';
import { computeInterventionEffects, hasInterventionEffects } from '../interventions/index.js';
import { buildQuarterlyData } from '../quarterly-data/index.js';
import { withRunWorkspace } from './existing.js';
import { runFile } from './output-set.js';
import { readResult } from './publish.js';
import { writeReports, type ReportKind } from './reports.js';
import { resolveSettings } from './settings.js';
import type { GivenSettings } from '../settings.js';
import type { Effects } from '../effects.js';
import { notebookLinks } from './notebooks.js';

/** Render `kind` from the run in `outDir`; returns the written file paths (in `outDir`). */
export async function reportFromRun(outDir: string, kind: ReportKind, given: GivenSettings, fx: Effects): Promise<string[]> {
  // A PDF of this report (or packs) from an earlier render would no longer match the new HTML.
  const owned = kind === 'quarterly' ? ['quarterly.pdf', 'quarterly-*.html', 'quarterly-*.pdf'] : [`${kind}.pdf`];
  const { outputs } = await withRunWorkspace(outDir, owned, async (ws, staging, run) => {
    const backtest = await readResult<BacktestResult>(ws, outDir, 'backtest.json');
    const calibration = await readResult<CalibrationResult>(ws, outDir, 'calibration.json');
    const proposedPath = runFile(outDir, `${run.model.name}.proposed.json`);
    const proposedModel = existsSync(proposedPath) ? await loadModel(proposedPath) : undefined;
    const s = await resolveSettings(ws, given);
    if (kind === 'quarterly') {
      // Another quarter or seed than the run's: gather the report's data again (in this copy of the workspace).
      if (!(await hasInterventionEffects(ws))) await computeInterventionEffects(ws);
      await buildQuarterlyData(ws, run.model, s);
    }
    await writeReports(ws, [kind], { ...s, cutoff: run.cutoff }, { model: run.model, backtest, calibration, proposedModel, notebooks: notebookLinks(outDir) }, (n) => staging.path(n), fx);
  }, fx, { keepWorkspace: false });
  return outputs;
}
