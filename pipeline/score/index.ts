// Score stage: point-in-time snapshots → signal values → signal, dimension and composite scores → evidence.
import type { Workspace } from '../workspace/db.js';
import type { HealthModel } from '../model/types.js';
import { writeModelTables } from './model-tables.js';
import { buildSnapshots } from './snapshots.js';
import { buildSignalValues } from './signal-values.js';
import { buildDimensionScores, buildSignalScores } from './signal-scores.js';
import { buildHealth, buildScoresWide } from './composite.js';
import { buildEvidence, defineEvidenceMacros } from './evidence.js';
import { buildDealTimeline } from './deal-state.js';
import { buildDataQuality } from './data-quality.js';
import { buildKeys, STEP_KEY_TABLES } from './keys.js';

export { checkCutoff, cutoffWarnings, defaultCutoff } from './snapshots.js';

export async function scoreWorkspace(ws: Workspace, model: HealthModel, cutoff: string): Promise<void> {
  await writeModelTables(ws, model);
  await defineEvidenceMacros(ws);
  await buildSnapshots(ws, cutoff);
  await buildKeys(ws);
  await buildDealTimeline(ws);
  await buildSignalValues(ws, cutoff);
  await buildSignalScores(ws);
  // every raw value is in signal_score_values now; the temporary table would only hold memory
  await ws.exec('DROP TABLE signal_values');
  await buildDimensionScores(ws);
  await buildHealth(ws);
  await buildScoresWide(ws);
  await buildEvidence(ws);
  // the stage's integer-keyed steps (keys.ts); the persisted tables and views hold their rows with names
  for (const t of ['scored', 'dimension_scored', ...STEP_KEY_TABLES]) await ws.exec(`DROP TABLE ${t}`);
  await buildDataQuality(ws, cutoff);
  // The model travels with the workspace, so later commands (backtest, tune, report) use the same one.
  await ws.exec(
    `CREATE OR REPLACE TABLE run_info AS SELECT $cutoff::DATE AS cutoff, $model AS model, $version AS model_version, $json AS model_json`,
    { cutoff, model: model.name, version: model.version, json: JSON.stringify(model) },
  );
}

/**
 * scores.csv rows: partner_id, as_of, one column per dimension, composite, band, coverage, then trend
 * (composite change over the drop rule's months), band_reason (the rule that set the band) and the
 * partner's name — appended so readers of the original columns keep working.
 */
export function scoresCsvQuery(model: HealthModel): string {
  // Dimension names are validated identifiers (^[a-z][a-z0-9_]*$), safe to use as column names.
  const dims = Object.keys(model.dimensions).map((d) => `round(w."${d}", 2) AS "${d}"`);
  return `SELECT h.partner_id, h.as_of, ${dims.join(', ')}, round(h.composite, 2) AS composite, h.band, round(h.coverage, 3) AS coverage,
                 round(h.trend, 2) AS trend, h.band_reason, p.name
          FROM health h JOIN dimension_wide w USING (partner_id, as_of) LEFT JOIN partners p USING (partner_id)
          ORDER BY h.partner_id, h.as_of`;
}
