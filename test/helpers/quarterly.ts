// Test helper: run the stages the quarterly report reads (labels, interventions, quarterly data) on a
// scored workspace and return the report data, as `run` does before rendering.
import type { Workspace } from '../../pipeline/workspace/db.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import { buildLabels } from '../../pipeline/label/labels.js';
import { computeInterventionEffects } from '../../pipeline/interventions/index.js';
import { buildQuarterlyData } from '../../pipeline/quarterly-data/index.js';
import { readQuarterlyData, type QuarterlyData } from '../../pipeline/report/quarterly/index.js';

export const STAGE = { horizonDays: 90, graceDays: 14, seed: 7, bootstrap: 50 };

/** Labels and intervention effects (once per workspace), then the quarterly tables for `quarter`. */
export async function quarterlyData(ws: Workspace, model: HealthModel, cutoff: string, quarter?: string): Promise<QuarterlyData> {
  await buildLabels(ws, { ...STAGE, cutoff });
  await computeInterventionEffects(ws);
  await buildQuarterlyData(ws, model, { ...STAGE, quarter });
  return readQuarterlyData(ws);
}
