// Quarterly health report: view model (buildQuarterlyView) and HTML (renderQuarterlyReport).
export { buildQuarterlyView } from './view.js';
export { renderQuarterlyReport, withCharts, type QuarterlyRenderOptions, type QuarterlyRenderModel } from './render.js';
export { resolveQuarter } from './period.js';
export { selectPages } from './pages.js';
export { heatClass } from './watchlist.js';
export type * from './types.js';
