// Sub-commands that rework an existing run (backtest, tune, report) operate on a copy of its workspace
// inside a staging directory, so a failure leaves the run's outputs exactly as they were. They use the
// model stored with the run, so a report can never be labelled with a different model than was scored,
// and the run's settings wherever no flag overrides them.
import { copyFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../workspace/db.js';
import { validateModel } from '../model/load.js';
import type { HealthModel } from '../model/types.js';
import type { Effects } from '../effects.js';
import type { GivenSettings, Settings } from '../settings.js';
import { createStaging, RUN_OUTPUTS, type Staging } from './staging.js';
import { runFile } from './output-set.js';
import { writeError } from '../io/atomic.js';
import { publish, type Published } from './publish.js';
import { resolveSettings } from './settings.js';
import { notebookLinks } from './notebooks.js';
import { text } from '../workspace/rows.js';
import { columnsOf, hasTable } from '../workspace/catalog.js';

export interface RunContext {
  cutoff: string;
  model: HealthModel;
}

async function runContext(ws: Workspace, outDir: string): Promise<RunContext> {
  const complete = (await hasTable(ws, 'run_info')) && (await columnsOf(ws, 'run_info')).includes('model_json') && (await hasTable(ws, 'model_params'));
  if (!complete) {
    throw new Error(`the workspace in ${outDir} was made by an older or different program (no run_info.model_json or model_params): ` +
      `run \`partner-health run --data DIR --out ${outDir}\` again`);
  }
  const [info] = await ws.rows({ cutoff: text, model_json: text }, 'SELECT cutoff::VARCHAR AS cutoff, model_json FROM run_info');
  if (!info) throw new Error(`the workspace in ${outDir} has an empty run_info table: run \`partner-health run\` again`);
  return { cutoff: info.cutoff, model: validateModel(JSON.parse(info.model_json), `${outDir}/workspace.duckdb (run_info.model_json)`) };
}

export async function withRunWorkspace<T>(
  outDir: string,
  owned: string[],
  work: (ws: Workspace, staging: Staging, run: RunContext) => Promise<T>,
  fx: Effects,
  opts: { keepWorkspace?: boolean } = {},
): Promise<{ result: T; outputs: string[] }> {
  const noRun = `no workspace in ${outDir} (run \`partner-health run --data DIR --out ${outDir}\` first)`;
  if (!existsSync(join(outDir, 'workspace.duckdb'))) throw new Error(noRun);
  const staging = await createStaging(outDir, fx);
  let ws: Workspace | undefined;
  try {
    // the run the lock now protects: its workspace and, at commit, the files this command does not rewrite
    const source = runFile(outDir, 'workspace.duckdb');
    if (!existsSync(source)) throw new Error(noRun);
    try {
      await copyFile(source, staging.path('workspace.duckdb'));
    } catch (err) {
      throw writeError(staging.path('workspace.duckdb'), err);
    }
    try {
      ws = await openWorkspace(staging.path('workspace.duckdb'));
    } catch (err) {
      throw new Error(`${source} is not a partner-health workspace (${(err as Error).message.split('\n')[0]})`, { cause: err });
    }
    const result = await work(ws, staging, await runContext(ws, outDir));
    const closing = ws;
    ws = undefined;
    await closing.checkpointAndClose();
    // A command that only reads the workspace leaves the run's copy as it was.
    if (opts.keepWorkspace === false) await rm(staging.path('workspace.duckdb'), { force: true });
    return { result, outputs: await staging.commit(owned) };
  } catch (err) {
    ws?.close();
    await staging.abort();
    throw err;
  }
}

/** Re-label a run and rewrite everything that depends on the labels (not the scores). */
export async function republish(
  outDir: string, given: GivenSettings, fx: Effects,
): Promise<Published & { outputs: string[]; model: HealthModel; settings: Settings }> {
  // scores and rejected rows come from scoring and ingest, which re-labelling does not redo
  const owned = RUN_OUTPUTS.filter((n) => n !== 'scores.csv' && n !== 'rejected_rows.csv');
  try {
    const { result, outputs } = await withRunWorkspace(outDir, owned, async (ws, staging, run) => {
      const settings = await resolveSettings(ws, given);
      const published = await publish(ws, run.model, { ...settings, cutoff: run.cutoff }, (n) => staging.path(n), fx, notebookLinks(outDir));
      return { model: run.model, settings, ...published };
    }, fx);
    fx.progress.finish();
    return { ...result, outputs };
  } catch (err) {
    fx.progress.fail();
    throw err;
  }
}
