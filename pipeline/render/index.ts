// The domain-free rendering layer: Vega-Lite → SVG charts, Handlebars → HTML, Chromium → PDF/PNG.
export { renderChart, isRenderedChart, type ChartInput, type RenderedChart, type VegaLiteSpec } from './charts.js';
export { renderCharts, type RenderChartsOptions } from './chart-pool.js';
export { renderMarkdown, markdownSlot, isRenderedMarkdown, type RenderedMarkdown } from './markdown.js';
export { createRenderer, type Renderer, type RendererOptions, type RenderOptions } from './html.js';
export {
  findChromium, htmlToPdf, openPdfRenderer, screenshot,
  type PdfOptions, type PdfRenderer, type ScreenshotOptions, type PaperFormat,
} from './pdf.js';
export { BAND_COLORS, BAND_TINTS, GREYS, CATEGORY_COLORS, CHART_FONT, bandScale, chartTheme, withTheme } from './theme.js';
export { MISSING, CELL_FORMATS, fmtNum, fmtPct, fmtMoney, fmtDate, fmtCell, isNumericFormat, bandClass, bandLabel, normalizeBand, type Band, type CellFormat } from './format.js';
export { escapeHtml, jsonForScript } from './escape.js';
export { estimateTextWidth } from './text-metrics.js';
