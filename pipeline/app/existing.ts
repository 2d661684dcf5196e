// Sub-commands that rework an existing run (backtest, tune, report) operate on a copy of its workspace
// inside a staging directory, so a failure leaves the run's outputs exactly as they were. They use the
// model stored with the run, so a report can never be labelled with a different model than was scored.
import { copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../workspace/db.js';
import { validateModel } from '../model/load.js';
import type { HealthModel } from '../model/types.js';
import type { Progress } from '../cli/progress.js';
import { createStaging, RUN_OUTPUTS, type Staging } from './staging.js';
import { publish, type Published, type PublishOptions } from './publish.js';

export interface RunContext {
  cutoff: string;
  model: HealthModel;
}

export async function withRunWorkspace<T>(
  outDir: string,
  owned: string[],
  work: (ws: Workspace, staging: Staging, run: RunContext) => Promise<T>,
): Promise<{ result: T; outputs: string[] }> {
  const source = join(outDir, 'workspace.duckdb');
  if (!existsSync(source)) throw new Error(`no workspace in ${outDir} (run \`partner-health run --data DIR --out ${outDir}\` first)`);
  const staging = await createStaging(outDir);
  let ws: Workspace | undefined;
  try {
    await copyFile(source, staging.path('workspace.duckdb'));
    ws = await openWorkspace(staging.path('workspace.duckdb'));
    const [info] = await ws.query<{ cutoff: string; model_json: string }>('SELECT cutoff::VARCHAR AS cutoff, model_json FROM run_info');
    if (!info) throw new Error(`workspace in ${outDir} has no run_info table: was it made by partner-health run?`);
    const model = validateModel(JSON.parse(info.model_json), `${source} (run_info.model_json)`);
    const result = await work(ws, staging, { cutoff: info.cutoff, model });
    ws.close();
    ws = undefined;
    return { result, outputs: await staging.commit(owned) };
  } catch (err) {
    ws?.close();
    await staging.abort();
    throw err;
  }
}

/** Re-label a run with new options and rewrite everything that depends on the labels (not the scores). */
export async function republish(
  outDir: string, o: Omit<PublishOptions, 'cutoff'>, progress: Progress,
): Promise<Published & { outputs: string[]; model: HealthModel }> {
  const owned = RUN_OUTPUTS.filter((n) => n !== 'scores.csv');
  try {
    const { result, outputs } = await withRunWorkspace(outDir, owned, async (ws, staging, run) => ({
      model: run.model,
      ...(await publish(ws, run.model, { ...o, cutoff: run.cutoff }, (n) => staging.path(n), progress)),
    }));
    progress.finish();
    return { ...result, outputs };
  } catch (err) {
    progress.fail();
    throw err;
  }
}
