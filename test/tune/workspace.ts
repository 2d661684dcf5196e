// A scored, labelled in-memory workspace from the demo generator, for the calibration stage tests.
import { generateDemo, writeDemoData, type DemoOptions } from '../../pipeline/demo/index.js';
import { buildLabels } from '../../pipeline/label/labels.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { scoreDir, siModel, tempDir } from '../helpers/workspace.js';

export const H = 90;
export const G = 14;

export async function labelledDemo(opts: DemoOptions): Promise<{ ws: Workspace; model: HealthModel; cutoff: string }> {
  const dir = tempDir('ph-tune-');
  await writeDemoData(dir, generateDemo(opts));
  const model = await siModel();
  const { ws, cutoff } = await scoreDir(dir, model);
  await buildLabels(ws, { horizonDays: H, graceDays: G, cutoff });
  return { ws, model, cutoff };
}

/** Every number finite (no NaN/Infinity smuggled into calibration.json). */
export function allFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (v && typeof v === 'object') return Object.values(v).every(allFinite);
  return true;
}
