// Quarterly health report: view model (buildQuarterlyView) and HTML (renderQuarterlyReport).
export { buildQuarterlyView } from './view.js';
export { renderQuarterlyReport, withCharts, type QuarterlyRenderOptions, type QuarterlyRenderModel } from './render.js';
export { readQuarterlyData, type QuarterlyData } from './data.js';
export { pagedPartners, selectPages } from './pages.js';
export { filterSegment, segmentPartners, segmentValues, segmentLabel, type Segment } from './segment.js';
export { rollup, ROLLUP_FIELDS } from './rollup.js';
export { packEntries, packFileName, renderPacksIndex, type PackEntry } from './packs.js';
export { heatClass } from './watchlist.js';
export type * from './types.js';
