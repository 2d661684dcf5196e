// Calibration report: view model (pure) and HTML rendering. PDF: pass the HTML to render/openPdfRenderer.
export { buildCalibrationView, type CalibrationViewOptions } from './view.js';
export { renderCalibrationReport, withCalibrationCharts, type CalibrationRenderModel, type CalibrationRenderOptions } from './render.js';
export type * from './types.js';
