// Backtest report rendering: Figures → SVG charts, then Handlebars → one self-contained HTML document.
import type { BacktestResult } from '../../backtest/types.js';
import { createRenderer, renderChart, type RenderedChart } from '../../render/index.js';
import type { Figure } from './types.js';
import { buildBacktestView, type BacktestViewOptions } from './view.js';
import type { BacktestView } from './types.js';
import type { WithDataQuality } from '../common/data-quality.js';

export interface ReportRenderOptions {
  /** Fixed build time for reproducible output. */
  buildTime?: Date | string;
  /** Templates root (default: the package's templates/); charts are read from its charts/. */
  templatesDir?: string;
}

export type BacktestRenderOptions = BacktestViewOptions & ReportRenderOptions & WithDataQuality;

/** Render a set of named figures (null stays null: the template shows a "not enough data" note). */
export async function renderFigures<K extends string>(
  figures: Record<K, Figure | null>,
  templatesDir?: string,
): Promise<Record<K, RenderedChart | null>> {
  const chartsDir = templatesDir ? `${templatesDir}/charts` : undefined;
  const out = {} as Record<K, RenderedChart | null>;
  for (const key of Object.keys(figures) as K[]) {
    const f = figures[key];
    out[key] = f ? await renderChart({ spec: f.spec, data: f.data, title: f.title, description: f.description, chartsDir }) : null;
  }
  return out;
}

export type BacktestRenderModel = BacktestView & { charts: Record<BacktestChartKey, RenderedChart | null> };
type BacktestChartKey = 'roc' | 'bands' | 'leadTime' | 'reliability' | 'aucQuarter' | 'psi' | 'dimensions';

export async function withBacktestCharts(view: BacktestView, templatesDir?: string): Promise<BacktestRenderModel> {
  const charts = await renderFigures<BacktestChartKey>(
    {
      roc: view.discrimination.figure,
      bands: view.bands.figure,
      leadTime: view.leadTime.figure,
      reliability: view.calibration.figure,
      aucQuarter: view.stability.aucFigure,
      psi: view.stability.psiFigure,
      dimensions: view.dimensions.figure,
    },
    templatesDir,
  );
  return { ...view, charts };
}

/** BacktestResult → self-contained HTML (inline CSS and SVG; no network needed to open it). */
export async function renderBacktestReport(result: BacktestResult, opts: BacktestRenderOptions): Promise<string> {
  const model = await withBacktestCharts(buildBacktestView(result, opts), opts.templatesDir);
  const renderer = createRenderer({ templatesDir: opts.templatesDir, buildTime: opts.buildTime });
  return renderer.render('backtest/report', { ...model, dataQuality: opts.dataQuality ?? null });
}
