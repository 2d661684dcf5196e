// Backtest report: view model (pure) and HTML rendering. PDF: pass the HTML to render/openPdfRenderer.
export { buildBacktestView, type BacktestViewOptions } from './view.js';
export {
  renderBacktestReport, renderFigures, withBacktestCharts,
  type BacktestRenderModel, type BacktestRenderOptions, type ReportRenderOptions,
} from './render.js';
export type * from './types.js';
