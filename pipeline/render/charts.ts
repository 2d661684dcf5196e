// Vega-Lite spec + named datasets → a self-contained, accessible SVG string. No DOM, no network.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { TopLevelSpec } from 'vega-lite';
import { compileChart, svgFromLiveView, svgFromNewView, type ChartLog } from './chart-views.js';
import { escapeHtml } from './escape.js';
import { defaultChartsDir, resolveInside } from './paths.js';
import { installTextMetrics } from './text-metrics.js';
import { loadVega } from './vega-libs.js';
import { withTheme, type JsonObject } from './theme.js';

type WithOptionalData<T> = T extends unknown ? Omit<T, 'data'> & { data?: TopLevelSpec['data'] } : never;
/** A Vega-Lite spec; `data` may be left out when the rows come in as `data: { values }`. */
export type VegaLiteSpec = TopLevelSpec | WithOptionalData<TopLevelSpec>;

export interface ChartInput {
  /** A Vega-Lite spec object, or the path of a JSON spec file relative to `chartsDir`. */
  spec: VegaLiteSpec | string;
  /** Named datasets, bound to `{"data": {"name": …}}` in the spec. A lone `values` key fills a spec without `data`. */
  data?: Record<string, unknown[]>;
  title: string;
  /** Text alternative: what the chart shows and its main message. */
  description: string;
  width?: number;
  height?: number;
  /** Directory of chart spec files (default: the package's templates/charts). */
  chartsDir?: string;
}

export interface RenderedChart {
  svg: string;
  title: string;
  description: string;
  /** Vega-Lite / Vega warnings (e.g. a dropped encoding), for authors and tests; never printed. */
  warnings: string[];
}

// Charts made by renderChart. The `chart` template helper inlines only these SVGs unescaped.
const rendered = new WeakSet<object>();

/** True when `value` is a chart produced by renderChart (its SVG is trusted markup). */
export function isRenderedChart(value: unknown): value is RenderedChart {
  return typeof value === 'object' && value !== null && rendered.has(value);
}

/**
 * A chart rendered by renderChart in a worker thread (chart-pool.ts), as it arrived here: checked again
 * and marked as trusted in this thread.
 */
export function adoptChart(c: RenderedChart): RenderedChart {
  assertInert(c.svg);
  const chart: RenderedChart = { svg: c.svg, title: c.title, description: c.description, warnings: c.warnings };
  rendered.add(chart);
  return chart;
}

// Spec files by path, size and modification time: a report reads the same three files for every partner page.
const specFiles = new Map<string, { stamp: string; spec: VegaLiteSpec }>();

/**
 * A JSON chart spec from the charts directory (paths may not escape it), shared by every chart of that file:
 * never to be changed (prepareSpec copies it).
 */
async function sharedSpec(path: string, chartsDir = defaultChartsDir()): Promise<VegaLiteSpec> {
  if (!path.endsWith('.json')) throw new Error(`chart spec ${JSON.stringify(path)}: expected a .json file`);
  const file = resolveInside(chartsDir, path.replace(/^templates\/charts\//, ''));
  try {
    // statSync: an awaited stat waits its turn in the libuv pool, which left this thread idle
    // ~0.45 s over the 762 charts of the M bench's reports.
    const st = statSync(file);
    const stamp = `${st.size}:${st.mtimeMs}`;
    const known = specFiles.get(file);
    if (known?.stamp === stamp) return known.spec;
    const spec = JSON.parse(await readFile(file, 'utf8')) as VegaLiteSpec;
    specFiles.set(file, { stamp, spec });
    return spec;
  } catch (err) {
    throw new Error(`chart spec ${file}: ${(err as Error).message}`, { cause: err });
  }
}

type VegaData = { name: string; values?: unknown; source?: unknown; url?: unknown };

function prepareSpec(spec: VegaLiteSpec, input: ChartInput): JsonObject {
  const out = structuredClone(spec) as unknown as JsonObject;
  const data = { ...(input.data ?? {}) };
  if (!out.data && data.values && Object.keys(data).length === 1) {
    out.data = { values: data.values };
    delete data.values;
  }
  if (Object.keys(data).length) out.datasets = { ...((out.datasets as JsonObject) ?? {}), ...data };
  if (input.width !== undefined) out.width = input.width;
  if (input.height !== undefined) out.height = input.height;
  out.config = withTheme(out.config);
  return out;
}

function checkData(vgData: VegaData[], input: ChartInput): void {
  const names = new Set(vgData.map((d) => d.name));
  for (const d of vgData) {
    if (d.url !== undefined) throw new Error(`chart "${input.title}": data "${d.name}" has a url; bind data inline instead`);
    if (d.values === undefined && d.source === undefined && !/^(source|data)_\d+$/.test(d.name)) {
      throw new Error(`chart "${input.title}": dataset "${d.name}" was not provided`);
    }
  }
  for (const key of Object.keys(input.data ?? {})) {
    if (key !== 'values' && !names.has(key)) {
      throw new Error(`chart "${input.title}": dataset "${key}" is not used by the spec`);
    }
  }
}

/**
 * Give every id in the SVG a prefix unique to this chart, so several inline SVGs in one HTML page
 * cannot resolve each other's `url(#clip1)`. The prefix is a hash of the content: deterministic.
 */
function prefixIds(svg: string): string {
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  if (!ids.length) return svg;
  const prefix = 'c' + createHash('sha256').update(svg).digest('hex').slice(0, 10);
  const map = new Map(ids.map((id, i) => [id, `${prefix}-${i}`]));
  const swap = (id: string) => map.get(id) ?? id;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_m, a: string, id: string, b: string) => a + swap(id) + b)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${swap(id)})`)
    .replace(/((?:xlink:)?href=")#([^"]+)(")/g, (_m, a: string, id: string, b: string) => a + '#' + swap(id) + b);
}

/** Add role="img", an aria-label, <title> and <desc> to the root <svg>. */
function decorate(svg: string, title: string, description: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('chart rendering: Vega did not return an <svg> document');
  const label = description ? `${title} — ${description}` : title;
  const tag = open[0]
    .replace(/\s(role|aria-[a-z]+)="[^"]*"/g, '')
    .replace(/^<svg/, `<svg role="img" aria-label="${escapeHtml(label)}"`);
  const head = `<title>${escapeHtml(title)}</title>` + (description ? `<desc>${escapeHtml(description)}</desc>` : '');
  return tag + head + svg.slice(open[0].length);
}

/** Defence in depth: Vega never emits scripts or event handlers; make sure no data smuggled one in. */
function assertInert(svg: string): void {
  const bad = (why: string) => new Error(`chart rendering: refusing SVG with active content (${why})`);
  for (const tag of svg.matchAll(/<([A-Za-z][\w:-]*)((?:\s+[^\s=>]+="[^"]*")*)\s*\/?>/g)) {
    const name = tag[1]!.toLowerCase();
    if (name === 'script' || name === 'foreignobject' || name === 'iframe') throw bad(name);
    // Most tags have neither an on… nor a …href attribute: skip their attribute loop (4x faster overall).
    if (!/\son|href=/i.test(tag[2]!)) continue;
    for (const attr of tag[2]!.matchAll(/\s([^\s=>]+)="([^"]*)"/g)) {
      const key = attr[1]!.toLowerCase();
      if (key.startsWith('on')) throw bad(key);
      if (/href$/.test(key) && !attr[2]!.startsWith('#')) throw bad(key);
    }
  }
}

/** Render a Vega-Lite chart to an accessible SVG string, offline. */
export function renderChart(input: ChartInput): Promise<RenderedChart> {
  return renderWith(input, svgFromLiveView);
}

/** renderChart on a new Vega View built for this chart alone: the reference a reused View must match (tests). */
export function renderChartOnNewView(input: ChartInput): Promise<RenderedChart> {
  return renderWith(input, svgFromNewView);
}

async function renderWith(input: ChartInput, draw: typeof svgFromLiveView): Promise<RenderedChart> {
  if (!input.title?.trim()) throw new Error('renderChart: every chart needs a title');
  await loadVega();
  installTextMetrics();
  // one copy of a spec file per chart, prepareSpec's (a structuredClone of a partner chart's spec: ~70 µs)
  const spec = typeof input.spec === 'string' ? await sharedSpec(input.spec, input.chartsDir) : input.spec;
  const vlSpec = prepareSpec(spec, input);
  const log: ChartLog = { errors: [], warnings: [] };
  const compiled = compileChart(vlSpec, log);
  checkData(((compiled.spec.data ?? []) as VegaData[]).map((d) => ({ ...d, values: compiled.rowsOf(d.name, d.values) })), input);
  const raw = await draw(compiled, log);
  const { errors, warnings } = log;
  if (errors.length) throw new Error(`chart "${input.title}": ${errors.join('; ')}`);
  const svg = decorate(prefixIds(raw), input.title, input.description ?? '');
  assertInert(svg);
  const chart: RenderedChart = { svg, title: input.title, description: input.description ?? '', warnings };
  rendered.add(chart);
  return chart;
}
