// A run's settings stored in its workspace (see pipeline/settings.ts), so later commands keep them.
import type { Workspace } from '../workspace/db.js';
import { mergeSettings, storedSettings, type GivenSettings, type Settings } from '../settings.js';
import { text } from '../workspace/rows.js';
import { hasTable } from '../workspace/catalog.js';

export async function writeSettings(ws: Workspace, s: Settings): Promise<void> {
  await ws.exec('CREATE OR REPLACE TABLE run_settings AS SELECT $json AS settings', { json: JSON.stringify(storedSettings(s)) });
}

/** Stored settings (defaults where a workspace predates them), overridden by the flags that were given. */
export async function resolveSettings(ws: Workspace, given: GivenSettings): Promise<Settings> {
  const stored = (await hasTable(ws, 'run_settings')) ? ((await ws.rows({ settings: text }, 'SELECT settings FROM run_settings'))[0]?.settings ?? '{}') : '{}';
  return mergeSettings(JSON.parse(stored) as GivenSettings, given);
}
