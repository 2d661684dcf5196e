// Vega-Lite spec + named datasets → a self-contained, accessible SVG string. No DOM, no network.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './escape.js';
import { defaultChartsDir, resolveInside } from './paths.js';
import { installTextMetrics } from './text-metrics.js';
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

/** Read a JSON chart spec from the charts directory (paths may not escape it). */
export async function loadChartSpec(path: string, chartsDir = defaultChartsDir()): Promise<VegaLiteSpec> {
  if (!path.endsWith('.json')) throw new Error(`chart spec ${JSON.stringify(path)}: expected a .json file`);
  const file = resolveInside(chartsDir, path.replace(/^templates\/charts\//, ''));
  try {
    const st = await stat(file);
    const stamp = `${st.size}:${st.mtimeMs}`;
    const known = specFiles.get(file);
    // a copy: callers may change what they get
    if (known?.stamp === stamp) return structuredClone(known.spec);
    const spec = JSON.parse(await readFile(file, 'utf8')) as VegaLiteSpec;
    specFiles.set(file, { stamp, spec: structuredClone(spec) });
    return spec;
  } catch (err) {
    throw new Error(`chart spec ${file}: ${(err as Error).message}`, { cause: err });
  }
}

function refuse(what: string) {
  return async (uri: unknown): Promise<never> => {
    throw new Error(`chart rendering is offline: refused to ${what} ${JSON.stringify(String(uri))}`);
  };
}

/** A Vega loader that refuses every external resource (http(s), files, images): data is bound inline. */
function offlineLoader(): vega.Loader {
  const loader = vega.loader();
  Object.assign(loader, {
    load: refuse('load'),
    sanitize: refuse('load'),
    http: refuse('fetch'),
    file: refuse('read'),
  });
  return loader;
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
    for (const attr of tag[2]!.matchAll(/\s([^\s=>]+)="([^"]*)"/g)) {
      const key = attr[1]!.toLowerCase();
      if (key.startsWith('on')) throw bad(key);
      if (/href$/.test(key) && !attr[2]!.startsWith('#')) throw bad(key);
    }
  }
}

// Compiling Vega-Lite and parsing the Vega spec into a dataflow do not look at the rows, and together cost
// more than rendering: a report draws the same partner charts hundreds of times, so each spec is compiled
// and parsed once with its rows taken out, and each chart's rows are put back into a copy of the parsed
// dataflow (the operators that ingest them). Log messages of the compile are replayed each time.
interface Compiled {
  spec: vega.Spec;
  /** vega.parse of `spec` with every row list emptied, as JSON (parsing a copy is cheaper than structuredClone). */
  runtime: string;
  /** Index in `runtime.operators` of the operator that ingests each dataset (by Vega data name). */
  ingest: Map<string, number>;
  errors: string[];
  warnings: string[];
}
const compiledSpecs = new Map<string, Compiled>();
const COMPILED_SPECS_KEPT = 64;

/** The spec with every row list emptied (the cache key and what is compiled) and the rows by dataset. */
function withoutRows(vlSpec: JsonObject): { shape: JsonObject; rows: Map<string, unknown[]>; inline: unknown[] | undefined } {
  const shape = { ...vlSpec };
  const rows = new Map<string, unknown[]>();
  const datasets = vlSpec.datasets as Record<string, unknown[]> | undefined;
  if (datasets) {
    shape.datasets = Object.fromEntries(Object.keys(datasets).map((k) => [k, []]));
    for (const [k, v] of Object.entries(datasets)) rows.set(k, v);
  }
  const data = vlSpec.data as { values?: unknown[] } | undefined;
  const inline = data && Array.isArray(data.values) ? data.values : undefined;
  if (inline) shape.data = { ...data, values: [] };
  return { shape, rows, inline };
}

type RuntimeOperator = { value?: { $ingest?: unknown } };

/** Parse the row-less Vega spec once, noting which operator ingests which dataset's rows. */
function parseShape(spec: vega.Spec): Pick<Compiled, 'runtime' | 'ingest'> {
  const probe = structuredClone(spec);
  const markers = new Map<unknown, string>();
  for (const d of (probe.data ?? []) as VegaData[]) {
    if (Array.isArray(d.values)) {
      const marker: unknown[] = [];
      d.values = marker;
      markers.set(marker, d.name);
    }
  }
  const runtime = vega.parse(probe);
  const ingest = new Map<string, number>();
  (runtime.operators as RuntimeOperator[]).forEach((op, i) => {
    const name = markers.get(op.value?.$ingest);
    if (name !== undefined) ingest.set(name, i);
  });
  // Every inline dataset must be found, or its rows would silently not be drawn.
  if (ingest.size !== markers.size) throw new Error('chart rendering: could not find the operator that ingests each dataset');
  return { runtime: JSON.stringify(runtime), ingest };
}

function compileCached(vlSpec: JsonObject, logger: vega.LoggerInterface, errors: string[], warnings: string[]): Compiled & { rowsOf: (name: string, values: unknown) => unknown } {
  const { shape, rows, inline } = withoutRows(vlSpec);
  const key = JSON.stringify(shape);
  let hit = compiledSpecs.get(key);
  if (!hit) {
    const e0 = errors.length;
    const w0 = warnings.length;
    const spec = compile(shape as unknown as TopLevelSpec, { logger }).spec;
    hit = { spec, ...parseShape(spec), errors: errors.slice(e0), warnings: warnings.slice(w0) };
    if (compiledSpecs.size >= COMPILED_SPECS_KEPT) compiledSpecs.clear();
    compiledSpecs.set(key, hit);
  } else {
    errors.push(...hit.errors);
    warnings.push(...hit.warnings);
  }
  // What each Vega dataset holds in this chart: its named rows, or the spec's lone inline rows.
  const rowsOf = (name: string, values: unknown): unknown => (rows.has(name) ? rows.get(name) : inline && Array.isArray(values) ? inline : values);
  return { ...hit, rowsOf };
}

/** This chart's dataflow: a copy of the parsed shape with its rows in the ingesting operators. */
function runtimeWithRows(c: ReturnType<typeof compileCached>): vega.Runtime {
  const runtime = JSON.parse(c.runtime) as vega.Runtime;
  const ops = runtime.operators as RuntimeOperator[];
  for (const d of (c.spec.data ?? []) as VegaData[]) {
    const i = c.ingest.get(d.name);
    if (i !== undefined) ops[i]!.value!.$ingest = c.rowsOf(d.name, d.values);
  }
  return runtime;
}

/** Render a Vega-Lite chart to an accessible SVG string, offline. */
export async function renderChart(input: ChartInput): Promise<RenderedChart> {
  if (!input.title?.trim()) throw new Error('renderChart: every chart needs a title');
  installTextMetrics();
  const spec = typeof input.spec === 'string' ? await loadChartSpec(input.spec, input.chartsDir) : input.spec;
  const vlSpec = prepareSpec(spec, input);
  const errors: string[] = [];
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn);
  logger.error = (...args: readonly unknown[]) => {
    errors.push(args.map(String).join(' '));
    return logger;
  };
  logger.warn = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(' ')); // not fatal (e.g. an empty domain)
    return logger;
  };
  logger.info = logger.debug = () => logger;
  const compiled = compileCached(vlSpec, logger, errors, warnings);
  checkData(((compiled.spec.data ?? []) as VegaData[]).map((d) => ({ ...d, values: compiled.rowsOf(d.name, d.values) })), input);
  const view = new vega.View(runtimeWithRows(compiled), { renderer: 'none', loader: offlineLoader(), logger });
  try {
    vega.resetSVGDefIds(); // clip/gradient ids restart at 1: same input → same SVG
    const raw = await view.toSVG();
    if (errors.length) throw new Error(`chart "${input.title}": ${errors.join('; ')}`);
    const svg = decorate(prefixIds(raw), input.title, input.description ?? '');
    assertInert(svg);
    const chart: RenderedChart = { svg, title: input.title, description: input.description ?? '', warnings };
    rendered.add(chart);
    return chart;
  } finally {
    view.finalize();
  }
}
