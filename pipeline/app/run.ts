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
import type { PartnerPagesMode, SegmentField } from '../report/quarterly/types.js';
import { packageRoot } from '../render/paths.js';
import type { Progress } from '../cli/progress.js';
import type { FitUnit } from '../tune/exposure.js';
import { createStaging, RUN_OUTPUTS } from './staging.js';
import { pausePoint } from './pause-points.js';
import { copyCsv, publish } from './publish.js';
import type { NotebookLink } from './notebooks.js';
import { DEFAULT_MAX_INVALID_SHARE } from '../ingest/quarantine.js';

export interface RunOptions {
  dataDir: string;
  outDir: string;
  modelPath: string;
  horizonDays: number;
  graceDays: number;
  cutoff?: string;
  pdf: boolean;
  seed: number;
  bootstrap: number;
  missCost: number;
  capacity: number;
  fitUnit: FitUnit;
  pageFormat: 'A4' | 'Letter';
  quarter?: string;
  partnerPages?: PartnerPagesMode;
  segment?: { field: SegmentField; value: string };
  each?: SegmentField;
  maxPartnerPages?: number;
  /** Notebooks the quarterly report links to (the demo's, rendered after the run). */
  notebooks?: NotebookLink[];
  /** Today's date (YYYY-MM-DD), for tests; the local date otherwise. */
  today?: string;
  /** Set rows that fail a row-level check aside (rejected_rows.csv) instead of refusing the input. */
  skipInvalidRows?: boolean;
  /** With skipInvalidRows: the largest share of a file's rows that may be set aside. */
  maxInvalidShare?: number;
}

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
async function segmentWarnings(ws: Workspace, segment: RunOptions['segment']): Promise<string[]> {
  if (!segment) return [];
  // the field is one of a fixed list (cli/options segmentArg), the value is bound
  const rows = await ws.query<{ v: string | null; n: number }>(
    `SELECT ${segment.field} AS v, count(*) FILTER (WHERE ${segment.field} = $value) AS n FROM partners GROUP BY 1 ORDER BY 1 NULLS LAST`,
    { value: segment.value },
  );
  if (rows.some((r) => r.n > 0)) return [];
  const values = rows.map((r) => r.v ?? '(none)');
  const shown = values.slice(0, 10).join(', ') + (values.length > 10 ? ', …' : '');
  return [`--segment ${segment.field}=${segment.value} matches no partner (${segment.field} values: ${shown}): the quarterly report has no partner pages`];
}

export async function run(o: RunOptions, progress: Progress): Promise<RunResult> {
  const model = await loadModel(o.modelPath);
  checkDataDir(o.dataDir); // before --out is created or locked: a run that cannot start leaves no trace
  const staging = await createStaging(o.outDir);
  let ws: Workspace | undefined;
  try {
    ws = await openWorkspace(staging.path('workspace.duckdb'));
    progress.step('ingest');
    const summary = await ingest(ws, o.dataDir, model, {
      today: o.today,
      quarantine: { skipInvalidRows: o.skipInvalidRows ?? false, maxInvalidShare: o.maxInvalidShare ?? DEFAULT_MAX_INVALID_SHARE },
    });
    if (o.skipInvalidRows) {
      await copyCsv(ws, 'SELECT file, line, source, "column", value, reason, message, raw_row FROM rejected_rows', staging.path('rejected_rows.csv'));
    }
    const cutoff = o.cutoff ?? (await defaultCutoff(ws));
    await checkCutoff(ws, cutoff, o.today ?? localDate(new Date()));
    const warnings = [...summary.warnings, ...(await cutoffWarnings(ws, cutoff)), ...(await segmentWarnings(ws, o.segment))];
    progress.step('score');
    await scoreWorkspace(ws, model, cutoff);
    await copyCsv(ws, scoresCsvQuery(model), staging.path('scores.csv'));
    await pausePoint('run:scored');
    const published = await publish(ws, model, { ...o, cutoff }, (n) => staging.path(n), progress);
    await pausePoint('run:before-checkpoint');
    const closing = ws;
    ws = undefined;
    await closing.checkpointAndClose();
    const outputs = await staging.commit(RUN_OUTPUTS);
    progress.finish();
    return { outputs, cutoff, model, ingest: summary, warnings, ...published };
  } catch (err) {
    ws?.close();
    progress.fail();
    await staging.abort();
    throw err;
  }
}
