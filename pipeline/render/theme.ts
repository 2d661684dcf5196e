// Shared chart theme: one Vega-Lite `config` every chart spec is merged with (the spec wins).
//
// Font choice. Charts are rendered to SVG in Node, where Vega has no canvas to measure text
// (node-canvas is not a dependency), so text widths come from `text-metrics.ts`, a per-character
// width table of Helvetica. We therefore name fonts that share Helvetica's metrics — Arial on
// Windows, Helvetica on macOS, Liberation Sans / Arimo on Linux — so the measured widths match what
// the browser draws: axis labels are neither clipped nor overlapping, titles sit where Vega put them.
// The page body uses the system UI font stack (templates/css/report.css); the slight difference is
// deliberate: predictable chart layout beats matching the UI font exactly.

export const CHART_FONT = 'Arial, Helvetica, "Liberation Sans", Arimo, sans-serif';

/** Health band colours (also used by the CSS band chips). */
export const BAND_COLORS = {
  green: '#2e7d32',
  yellow: '#f9a825',
  red: '#c62828',
} as const;

/** Light tints of the band colours, for backgrounds (e.g. band areas behind a score trend). */
export const BAND_TINTS = {
  green: '#e8f5e9',
  yellow: '#fff8e1',
  red: '#ffebee',
} as const;

export const GREYS = {
  text: '#1f2933',
  muted: '#52606d',
  axis: '#7b8794',
  grid: '#e4e7eb',
  rule: '#cbd2d9',
  background: '#ffffff',
} as const;

/** Categorical palette: restrained, colour-blind-friendly-ish, distinct from the band colours. */
export const CATEGORY_COLORS = [
  '#1f5f8b', '#7b8794', '#5b8e7d', '#b5835a', '#6c5b7b', '#3e7cb1', '#a0522d', '#2f4858',
];

/** A Vega-Lite scale mapping band names to band colours: `"scale": bandScale()`. */
export function bandScale(): { domain: string[]; range: string[] } {
  return { domain: ['green', 'yellow', 'red'], range: [BAND_COLORS.green, BAND_COLORS.yellow, BAND_COLORS.red] };
}

export type JsonObject = { [key: string]: unknown };

/** The Vega-Lite config shared by all charts. */
export function chartTheme(): JsonObject {
  return {
    font: CHART_FONT,
    background: GREYS.background,
    padding: 8,
    // ARIA off inside the SVG: the whole chart is one `role="img"` with an aria-label, a <title>
    // and a caption (see charts.ts); per-mark labels would be noise, and Vega's generated axis
    // descriptions format dates with the machine's locale and time zone (non-deterministic output).
    aria: false,
    view: { stroke: null, continuousWidth: 480, continuousHeight: 240 },
    title: {
      font: CHART_FONT, fontSize: 13, fontWeight: 'bold', color: GREYS.text, anchor: 'start', offset: 10,
      subtitleFont: CHART_FONT, subtitleFontSize: 11, subtitleColor: GREYS.muted,
    },
    axis: {
      labelFont: CHART_FONT, titleFont: CHART_FONT,
      labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'bold',
      labelColor: GREYS.muted, titleColor: GREYS.text,
      domainColor: GREYS.rule, tickColor: GREYS.rule, gridColor: GREYS.grid,
      labelPadding: 4, titlePadding: 8,
      // Labels closer than this count as overlapping and are thinned out. Vega-Lite's default
      // labelOverlap applies that to continuous/time axes only; band axes keep every label.
      labelSeparation: 6,
      // Long category labels are truncated with an ellipsis instead of running into the plot.
      labelLimit: 180,
      labelFlush: true,
    },
    axisX: { labelAngle: 0 },
    axisBand: { labelLimit: 160 },
    legend: {
      labelFont: CHART_FONT, titleFont: CHART_FONT,
      labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'bold',
      labelColor: GREYS.muted, titleColor: GREYS.text,
      labelLimit: 200, symbolSize: 80, orient: 'bottom', direction: 'horizontal', columnPadding: 12,
    },
    header: { labelFont: CHART_FONT, titleFont: CHART_FONT, labelFontSize: 11, titleFontSize: 12 },
    text: { font: CHART_FONT, fontSize: 11, color: GREYS.text },
    range: { category: CATEGORY_COLORS },
    line: { strokeWidth: 2 },
    point: { filled: true, size: 36 },
    bar: { color: CATEGORY_COLORS[0] },
    area: { color: CATEGORY_COLORS[0], opacity: 0.85 },
    rule: { color: GREYS.axis },
  };
}

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of plain objects; arrays and scalars from `over` replace those in `base`. */
export function deepMerge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

/** The theme config with a spec's own `config` merged on top (the spec wins). */
export function withTheme(specConfig: unknown): JsonObject {
  return isPlainObject(specConfig) ? deepMerge(chartTheme(), specConfig) : chartTheme();
}
