// `run`: ingest → score → label → backtest → calibrate → reports, all into one staged output directory.
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../workspace/db.js';
import { loadModel } from '../model/load.js';
import type { HealthModel } from '../model/types.js';
import { checkDataDir, ingest, localDate, type IngestSummary } from '../ingest/ingest.js';
import { checkCutoff, cutoffWarnings, defaultCutoff, scoresCsvQuery, scoreWorkspace } from '../score/index.js';
import type { LabelCounts } from '../label/labels.js';
import type { BacktestResult } from '../backtest/index.js';
import type { CalibrationResult } from '../tune/index.js';
import { packageRoot } from '../render/paths.js';
import type { Settings } from '../settings.js';
import type { Effects } from '../effects.js';
import { createStaging, RUN_OUTPUTS } from './staging.js';
import { pausePoint } from './pause-points.js';
import { publish } from './publish.js';
import { copyCsv } from './csv-copy.js';
import type { NotebookLink } from './notebooks.js';
import { int, nullable, text } from '../workspace/rows.js';

export interface RunResult {
  outputs: string[];
  cutoff: string;
  model: HealthModel;
  ingest: IngestSummary;
  labels: LabelCounts;
  backtest: BacktestResult;
  calibration: CalibrationResult;
  warnings: string[];
}

export const DEFAULT_MODEL = join(packageRoot(), 'models', 'si-early-warning.json');

/** A --segment that matches no partner would give a quarterly report without partner pages: say so. */
async function segmentWarnings(ws: Workspace, segment: Settings['segment']): Promise<string[]> {
  if (!segment) return [];
  // the field is one of a fixed list (cli/args segmentArg), the value is bound
  const rows = await ws.rows(
    { v: nullable(text), n: int },
    `SELECT ${segment.field} AS v, count(*) FILTER (WHERE ${segment.field} = $value) AS n FROM partners GROUP BY 1 ORDER BY 1 NULLS LAST`,
    { value: segment.value },
  );
  if (rows.some((r) => r.n > 0)) return [];
  const values = rows.map((r) => r.v ?? '(none)');
  const shown = values.slice(0, 10).join(', ') + (values.length > 10 ? ', …' : '');
  return [`--segment ${segment.field}=${segment.value} matches no partner (${segment.field} values: ${shown}): the quarterly report has no partner pages`];
}

/** Run every stage on `dataDir` into `outDir`, with `s` (its model and cutoff, or the defaults); the quarterly report links `notebooks`. */
export async function run(dataDir: string, outDir: string, s: Settings, fx: Effects, notebooks: NotebookLink[] = []): Promise<RunResult> {
  const model = await loadModel(s.modelPath ?? DEFAULT_MODEL);
  checkDataDir(dataDir); // before --out is created or locked: a run that cannot start leaves no trace
  const staging = await createStaging(outDir, fx);
  let ws: Workspace | undefined;
  try {
    ws = await openWorkspace(staging.path('workspace.duckdb'));
    fx.progress.step('ingest');
    const summary = await ingest(ws, dataDir, model, { quarantine: { skipInvalidRows: s.skipInvalidRows, maxInvalidShare: s.maxInvalidShare } });
    if (s.skipInvalidRows) {
      await copyCsv(ws, fx, 'SELECT file, line, source, "column", value, reason, message, raw_row FROM rejected_rows', staging.path('rejected_rows.csv'));
    }
    const cutoff = s.cutoff ?? (await defaultCutoff(ws));
    // today is the user's calendar date, not fx.clock() (the build time, which SOURCE_DATE_EPOCH pins)
    await checkCutoff(ws, cutoff, localDate(new Date()));
    const warnings = [...summary.warnings, ...(await cutoffWarnings(ws, cutoff)), ...(await segmentWarnings(ws, s.segment))];
    fx.progress.step('score');
    await scoreWorkspace(ws, model, cutoff);
    await copyCsv(ws, fx, scoresCsvQuery(model), staging.path('scores.csv'));
    await pausePoint('run:scored');
    const published = await publish(ws, model, { ...s, cutoff }, (n) => staging.path(n), fx, notebooks);
    await pausePoint('run:before-checkpoint');
    const closing = ws;
    ws = undefined;
    await closing.checkpointAndClose();
    const outputs = await staging.commit(RUN_OUTPUTS);
    fx.progress.finish();
    return { outputs, cutoff, model, ingest: summary, warnings, ...published };
  } catch (err) {
    ws?.close();
    fx.progress.fail();
    await staging.abort();
    throw err;
  }
}
