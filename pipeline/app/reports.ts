// Publish stage: render the reports of a run to HTML (and PDF) in the staging directory.
import type { Workspace } from '../workspace/db.js';
import type { HealthModel } from '../model/types.js';
import type { BacktestResult } from '../backtest/index.js';
import type { CalibrationResult } from '../tune/index.js';
import { computeInterventionEffects } from '../interventions/index.js';
import { renderQuarterlyReport } from '../report/quarterly/index.js';
import type { BacktestQuality } from '../report/common/index.js';
import type { PartnerPagesMode, SegmentField } from '../report/quarterly/types.js';
import { renderBacktestReport } from '../report/backtest/index.js';
import { renderCalibrationReport } from '../report/calibration/index.js';
import { openPdfRenderer } from '../render/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { NotebookLink } from './notebooks.js';

export type ReportKind = 'quarterly' | 'backtest' | 'calibration';
export const REPORT_KINDS: ReportKind[] = ['quarterly', 'backtest', 'calibration'];

/** How reports are laid out: the options `run`, `backtest`, `tune` and `report` share. */
export interface ReportLayoutOptions {
  cutoff: string;
  quarter?: string;
  partnerPages?: PartnerPagesMode;
  segment?: { field: SegmentField; value: string };
  maxPartnerPages?: number;
  pdf: boolean;
  pageFormat: 'A4' | 'Letter';
  seed: number;
  buildTime?: Date | string;
  /** Notebooks to link from the quarterly report (see app/notebooks.ts). */
  notebooks?: NotebookLink[];
}

export interface ReportOptions extends ReportLayoutOptions {
  model: HealthModel;
  backtest: BacktestResult;
  calibration: CalibrationResult;
  proposedModel?: HealthModel;
}

const TITLES: Record<ReportKind, string> = {
  quarterly: 'Quarterly partner health report',
  backtest: 'Backtest: did the health score predict missed deals?',
  calibration: 'Weight calibration review',
};

async function renderHtml(ws: Workspace, kind: ReportKind, o: ReportOptions): Promise<string> {
  switch (kind) {
    case 'quarterly':
      return renderQuarterlyReport(ws, {
        model: o.model, quarter: o.quarter, partnerPages: o.partnerPages, segment: o.segment,
        maxPartnerPages: o.maxPartnerPages, pageSize: o.pageFormat, buildTime: o.buildTime, seed: o.seed,
        backtest: backtestQuality(o.backtest), notebooks: o.notebooks,
      });
    case 'backtest':
      return renderBacktestReport(o.backtest, { model: o.model, buildTime: o.buildTime });
    case 'calibration':
      return renderCalibrationReport(o.calibration, { model: o.model, proposedModel: o.proposedModel, buildTime: o.buildTime });
  }
}

/** Render `kinds` into `outPath(<kind>.html)` (and `.pdf`); returns the files written. */
export async function writeReports(ws: Workspace, kinds: ReportKind[], o: ReportOptions, outPath: (name: string) => string): Promise<string[]> {
  if (kinds.includes('quarterly')) await computeInterventionEffects(ws, { seed: o.seed });
  const written: string[] = [];
  const html: Partial<Record<ReportKind, string>> = {};
  for (const kind of kinds) {
    html[kind] = await renderHtml(ws, kind, o);
    await writeFileAtomic(outPath(`${kind}.html`), html[kind]!);
    written.push(outPath(`${kind}.html`));
  }
  if (!o.pdf) return written;
  const pdf = await openPdfRenderer();
  try {
    for (const kind of kinds) {
      await pdf.render({ html: html[kind]!, outPath: outPath(`${kind}.pdf`), title: TITLES[kind], cutoff: o.cutoff, format: o.pageFormat });
      written.push(outPath(`${kind}.pdf`));
    }
  } finally {
    await pdf.close();
  }
  return written;
}

/** What the quarterly appendix says about backtest quality (nothing when the AUC could not be computed). */
function backtestQuality(b: BacktestResult): BacktestQuality | null {
  if (b.auc === null || b.auc_ci === null) return null;
  return { auc: b.auc, auc_ci: b.auc_ci, population: b.population, positives: b.positives, monotonic: b.bands.monotonic };
}
