// Calibration report rendering: Figures → SVG charts, then Handlebars → one self-contained HTML document.
import { createRenderer, type RenderedChart } from '../../render/index.js';
import type { CalibrationResult } from '../../tune/types.js';
import { renderFigures, type ReportRenderOptions } from '../backtest/render.js';
import type { CalibrationView } from './types.js';
import { buildCalibrationView, type CalibrationViewOptions } from './view.js';
import type { WithDataQuality } from '../common/data-quality.js';

export type CalibrationRenderOptions = CalibrationViewOptions & ReportRenderOptions & WithDataQuality;

type ChartKey = 'weights' | 'oot' | 'gain' | 'lambda';
export type CalibrationRenderModel = CalibrationView & { charts: Record<ChartKey, RenderedChart | null> };

export async function withCalibrationCharts(view: CalibrationView, templatesDir?: string): Promise<CalibrationRenderModel> {
  const charts = await renderFigures<ChartKey>(
    { weights: view.weights.figure, oot: view.oot.figure, gain: view.oot.gainFigure, lambda: view.lambda.figure },
    templatesDir,
  );
  return { ...view, charts };
}

/** CalibrationResult → self-contained HTML (inline CSS and SVG; no network needed to open it). */
export async function renderCalibrationReport(result: CalibrationResult, opts: CalibrationRenderOptions): Promise<string> {
  const model = await withCalibrationCharts(buildCalibrationView(result, opts), opts.templatesDir);
  const renderer = createRenderer({ templatesDir: opts.templatesDir, buildTime: opts.buildTime });
  return renderer.render('calibration/report', { ...model, dataQuality: opts.dataQuality ?? null });
}
