// Sub-commands that rework an existing run (backtest, tune, report) operate on a copy of its workspace
// inside a staging directory, so a failure leaves the run's outputs exactly as they were.
import { copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../workspace/db.js';
import { createStaging, type Staging } from './staging.js';

export async function withRunWorkspace<T>(
  outDir: string,
  work: (ws: Workspace, staging: Staging, cutoff: string) => Promise<T>,
): Promise<{ result: T; outputs: string[] }> {
  const source = join(outDir, 'workspace.duckdb');
  if (!existsSync(source)) throw new Error(`no workspace in ${outDir} (run \`partner-health run --data DIR --out ${outDir}\` first)`);
  const staging = await createStaging(outDir);
  let ws: Workspace | undefined;
  try {
    await copyFile(source, staging.path('workspace.duckdb'));
    ws = await openWorkspace(staging.path('workspace.duckdb'));
    const [info] = await ws.query<{ cutoff: string }>('SELECT cutoff::VARCHAR AS cutoff FROM run_info');
    if (!info) throw new Error(`workspace in ${outDir} has no run_info table: was it made by partner-health run?`);
    const result = await work(ws, staging, info.cutoff);
    ws.close();
    ws = undefined;
    return { result, outputs: await staging.commit() };
  } catch (err) {
    ws?.close();
    await staging.abort();
    throw err;
  }
}
