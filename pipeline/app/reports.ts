// Publish stage: render the reports of a run to HTML (and PDF) in the staging directory. The quarterly
// report reads the quarterly-data stage's tables (see report-data.ts), so this module only renders.
import type { Workspace } from '../workspace/db.js';
import type { HealthModel } from '../model/types.js';
import type { BacktestResult } from '../backtest/index.js';
import type { CalibrationResult } from '../tune/index.js';
import {
  packEntries, packFileName, pagedPartners, readQuarterlyData, renderPacksIndex, renderQuarterlyReport, segmentValues, type QuarterlyData,
} from '../report/quarterly/index.js';
import { renderBacktestReport } from '../report/backtest/index.js';
import { renderCalibrationReport } from '../report/calibration/index.js';
import { openPdfRenderer } from '../render/index.js';
import { dataQualityView, type DataQualityView } from '../report/common/data-quality.js';
import type { Settings } from '../settings.js';
import type { Effects } from '../effects.js';
import type { NotebookLink } from './notebooks.js';

export type ReportKind = 'quarterly' | 'backtest' | 'calibration';
export const REPORT_KINDS: ReportKind[] = ['quarterly', 'backtest', 'calibration'];

/** What the reports show besides the workspace: the run's model and results. */
export interface RunResults {
  model: HealthModel;
  backtest: BacktestResult;
  calibration: CalibrationResult;
  proposedModel?: HealthModel;
  /** Notebooks to link from the quarterly report (see app/notebooks.ts). */
  notebooks?: NotebookLink[];
}

/** Settings of a run whose cutoff is known. */
export type CutSettings = Settings & { cutoff: string };

/** Everything a report is rendered from. */
type ReportOptions = CutSettings & RunResults & {
  buildTime: Date; onProgress: (what: string, done: number, total: number) => void;
  /** The data-quality section, about the input files: the same in every document, so read once. */
  dataQuality: DataQualityView | null;
};

const TITLES: Record<ReportKind, string> = {
  quarterly: 'Quarterly partner health report',
  backtest: 'Backtest: does the health score warn us in time?',
  calibration: 'Weight calibration review',
};

/** One HTML document to write (and print): a report, a pack or the packs' index. */
interface Document { name: string; html: string; title: string }

function quarterlyHtml(data: QuarterlyData, o: ReportOptions, extra: Partial<Parameters<typeof renderQuarterlyReport>[1]> = {}): Promise<string> {
  return renderQuarterlyReport(data, {
    model: o.model, partnerPages: o.partnerPages, segment: o.segment, maxPartnerPages: o.maxPartnerPages,
    pageSize: o.pageFormat, buildTime: o.buildTime, seed: o.seed, backtest: o.backtest, notebooks: o.notebooks, threads: o.threads,
    onPartnerPage: o.onProgress && ((done, total) => o.onProgress!('partner pages', done, total)), ...extra,
  });
}

/** The quarterly report, and with `each` one pack per segment value plus their index. */
async function quarterlyDocuments(ws: Workspace, o: ReportOptions): Promise<Document[]> {
  // only the partners some document gives a page: the report's own segment, and each pack's
  const data = await readQuarterlyData(ws, (partners) => pagedPartners(partners, o, [
    o.segment, ...(o.each ? segmentValues(partners, o.each).map((value) => ({ field: o.each!, value })) : []),
  ]));
  const dataQuality = o.dataQuality;
  const docs: Document[] = [{ name: 'quarterly.html', html: await quarterlyHtml(data, o, { dataQuality }), title: TITLES.quarterly }];
  if (!o.each) return docs;
  const field = o.each;
  const index = `quarterly-${field}.html`;
  const values = segmentValues(data.partners, field);
  for (const [i, value] of values.entries()) {
    // the data-quality section is about the input files, so each pack shows the whole program's
    const html = await quarterlyHtml(data, o, {
      segment: { field, value }, packIndex: { href: index, label: `All ${field} packs` }, dataQuality,
    });
    docs.push({ name: packFileName(field, i, 'html'), html, title: `${TITLES.quarterly}: ${field} ${value}` });
  }
  const packs = packEntries(data, field, o.pdf);
  docs.push({
    name: index, title: `${TITLES.quarterly}: packs by ${field}`,
    html: renderPacksIndex(data, field, packs, { model: `${o.model.name} v${o.model.version}`, pageSize: o.pageFormat, buildTime: o.buildTime }),
  });
  return docs;
}

async function documents(ws: Workspace, kind: ReportKind, o: ReportOptions): Promise<Document[]> {
  switch (kind) {
    case 'quarterly':
      return quarterlyDocuments(ws, o);
    case 'backtest':
      return [{
        name: 'backtest.html', title: TITLES.backtest,
        html: await renderBacktestReport(o.backtest, { model: o.model, calibration: o.calibration, buildTime: o.buildTime, dataQuality: o.dataQuality }),
      }];
    case 'calibration':
      return [{
        name: 'calibration.html', title: TITLES.calibration,
        html: await renderCalibrationReport(o.calibration, {
          model: o.model, proposedModel: o.proposedModel, backtest: o.backtest, buildTime: o.buildTime, dataQuality: o.dataQuality,
        }),
      }];
  }
}

/** Render `kinds` into `outPath(<kind>.html)` (and `.pdf`; packs too); returns the files written. */
export async function writeReports(
  ws: Workspace, kinds: ReportKind[], s: CutSettings, r: RunResults, outPath: (name: string) => string,
  fx: Pick<Effects, 'writeFile' | 'clock' | 'progress'>,
): Promise<string[]> {
  const o: ReportOptions = {
    ...s, ...r, buildTime: fx.clock(), onProgress: (what, done, total) => fx.progress.count(what, done, total), dataQuality: await dataQualityView(ws),
  };
  const written: string[] = [];
  const docs: Document[] = [];
  for (const kind of kinds) {
    for (const d of await documents(ws, kind, o)) {
      await fx.writeFile(outPath(d.name), d.html);
      written.push(outPath(d.name));
      docs.push(d);
    }
  }
  if (!o.pdf) return written;
  const pdf = await openPdfRenderer();
  try {
    for (const d of docs) {
      const name = d.name.replace(/\.html$/, '.pdf');
      await pdf.render({ html: d.html, outPath: outPath(name), title: d.title, cutoff: o.cutoff, format: o.pageFormat });
      written.push(outPath(name));
    }
  } finally {
    await pdf.close();
  }
  return written;
}
