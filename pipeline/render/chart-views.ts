// Vega-Lite spec (rows already bound) → raw SVG, with the costly steps done once per spec shape.
// Compiling Vega-Lite and parsing the Vega spec into a dataflow do not look at the rows, and together cost
// more than rendering: a report draws the same partner charts hundreds of times, so each spec is compiled
// and parsed once with its rows taken out. Building a vega.View from the parsed dataflow costs as much
// again, so a live View of each shape is kept and each chart's rows are swapped into it.
//
// A reused View must draw exactly what a new one would (same bytes). Three things differ from a new View
// and are reset before each chart: its rows (every row of the previous chart is removed and the dataflow
// run, so no item of it is kept or reordered: items keyed by value, e.g. axis ticks, would otherwise keep
// their old place), its size (autosize runs again), and the clip and gradient ids the SVG renderer caches
// on items. Items that outlive the empty rows (an axis tick at 0 of a zero-based scale) would still come
// before the new ones: when a mark holds both, the chart is drawn on a new View.
import type { TopLevelSpec } from 'vega-lite';
import type * as vega from 'vega';
import { vegaLibs } from './vega-libs.js';
import type { JsonObject } from './theme.js';

/** Where a chart's Vega log messages go: a View binds its logger once, so it writes through this. */
export interface ChartLog { errors: string[]; warnings: string[] }

type VegaData = { name: string; values?: unknown; source?: unknown; url?: unknown; format?: unknown };
type RuntimeOperator = { value?: { $ingest?: unknown; $format?: unknown } };
type Scene = { items?: Scene[]; marktype?: string; clip_id?: unknown; fill?: unknown; stroke?: unknown };
/** vega.View's dataflow methods left out of its typings. */
type LiveView = vega.View & { parse(rows: unknown, format: unknown): unknown[] };

/** A live View and where its log currently goes; `born` is what its construction logged (replayed per chart). */
interface Live { view: LiveView; log: { to: ChartLog }; born: ChartLog }

interface Compiled {
  spec: vega.Spec;
  /** vega.parse of `spec` with every row list emptied, as JSON (parsing a copy is cheaper than structuredClone). */
  runtime: string;
  /** Index in `runtime.operators` of the operator that ingests each dataset (by Vega data name). */
  ingest: Map<string, number>;
  /** The format each ingested dataset is read with (e.g. date parsing), by Vega data name. */
  formats: Map<string, unknown>;
  errors: string[];
  warnings: string[];
  /** The live View of this shape, when no chart is being drawn on it. */
  live?: Live;
  /** Dropped from the cache: a View given back is finalized instead of kept. */
  dropped: boolean;
}
const compiledSpecs = new Map<string, Compiled>();
const COMPILED_SPECS_KEPT = 64;

/** A Vega logger writing into `sink.to` (warnings are not fatal, e.g. an empty domain). */
function chartLogger(sink: { to: ChartLog }): vega.LoggerInterface {
  const { vega: v } = vegaLibs();
  const logger = v.logger(v.Warn);
  logger.error = (...args: readonly unknown[]) => {
    sink.to.errors.push(args.map(String).join(' '));
    return logger;
  };
  logger.warn = (...args: readonly unknown[]) => {
    sink.to.warnings.push(args.map(String).join(' '));
    return logger;
  };
  logger.info = logger.debug = () => logger;
  return logger;
}

function refuse(what: string) {
  return async (uri: unknown): Promise<never> => {
    throw new Error(`chart rendering is offline: refused to ${what} ${JSON.stringify(String(uri))}`);
  };
}

/** A Vega loader that refuses every external resource (http(s), files, images): data is bound inline. */
function offlineLoader(): vega.Loader {
  const loader = vegaLibs().vega.loader();
  Object.assign(loader, {
    load: refuse('load'),
    sanitize: refuse('load'),
    http: refuse('fetch'),
    file: refuse('read'),
  });
  return loader;
}

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

/** Parse the row-less Vega spec once, noting which operator ingests which dataset's rows. */
function parseShape(spec: vega.Spec): Pick<Compiled, 'runtime' | 'ingest' | 'formats'> {
  const probe = structuredClone(spec);
  const markers = new Map<unknown, string>();
  for (const d of (probe.data ?? []) as VegaData[]) {
    if (Array.isArray(d.values)) {
      const marker: unknown[] = [];
      d.values = marker;
      markers.set(marker, d.name);
    }
  }
  const runtime = vegaLibs().vega.parse(probe);
  const ingest = new Map<string, number>();
  const formats = new Map<string, unknown>();
  (runtime.operators as RuntimeOperator[]).forEach((op, i) => {
    const name = markers.get(op.value?.$ingest);
    if (name !== undefined) {
      ingest.set(name, i);
      formats.set(name, op.value!.$format);
    }
  });
  // Every inline dataset must be found, or its rows would silently not be drawn.
  if (ingest.size !== markers.size) throw new Error('chart rendering: could not find the operator that ingests each dataset');
  const json = JSON.stringify(runtime);
  // the formats as a new View gets them: through JSON
  for (const [name, f] of formats) formats.set(name, f === undefined ? f : JSON.parse(JSON.stringify(f)));
  return { runtime: json, ingest, formats };
}

/** A compiled chart: its shape (shared by every chart of that spec) and this chart's rows. */
export interface CompiledChart {
  shape: Compiled;
  /** The compiled Vega spec (rows left out). */
  spec: vega.Spec;
  /** What Vega dataset `name` holds in this chart: its named rows, or the spec's lone inline rows, or `values` (the spec's own). */
  rowsOf: (name: string, values: unknown) => unknown;
}

/** Compile (or find compiled) the spec's row-less shape; its compile messages go to `log` each time. */
export function compileChart(vlSpec: JsonObject, log: ChartLog): CompiledChart {
  const { shape, rows, inline } = withoutRows(vlSpec);
  const key = JSON.stringify(shape);
  let hit = compiledSpecs.get(key);
  if (!hit) {
    const e0 = log.errors.length;
    const w0 = log.warnings.length;
    const spec = vegaLibs().vegaLite.compile(shape as unknown as TopLevelSpec, { logger: chartLogger({ to: log }) }).spec;
    hit = { spec, ...parseShape(spec), errors: log.errors.slice(e0), warnings: log.warnings.slice(w0), dropped: false };
    if (compiledSpecs.size >= COMPILED_SPECS_KEPT) dropAll();
    compiledSpecs.set(key, hit);
  } else {
    log.errors.push(...hit.errors);
    log.warnings.push(...hit.warnings);
  }
  const rowsOf = (name: string, values: unknown): unknown => (rows.has(name) ? rows.get(name) : inline && Array.isArray(values) ? inline : values);
  return { shape: hit, spec: hit.spec, rowsOf };
}

function dropAll(): void {
  for (const c of compiledSpecs.values()) {
    c.dropped = true;
    c.live?.view.finalize();
    c.live = undefined;
  }
  compiledSpecs.clear();
}

/** The parsed shape with `rowsOf`'s rows in the ingesting operators. */
function runtimeWith(c: Compiled, rowsOf: (name: string, values: unknown) => unknown): vega.Runtime {
  const runtime = JSON.parse(c.runtime) as vega.Runtime;
  const ops = runtime.operators as RuntimeOperator[];
  for (const d of (c.spec.data ?? []) as VegaData[]) {
    const i = c.ingest.get(d.name);
    if (i !== undefined) ops[i]!.value!.$ingest = rowsOf(d.name, d.values);
  }
  return runtime;
}

function newView(runtime: vega.Runtime, log: { to: ChartLog }): LiveView {
  return new (vegaLibs().vega.View)(runtime, { renderer: 'none', loader: offlineLoader(), logger: chartLogger(log) }) as LiveView;
}

const root = (view: vega.View): Scene => (view.scenegraph() as unknown as { root: Scene }).root;

// Gradients without an id of their own get one ('gradient_N') stored on them by the SVG renderer.
const unnamedGradients = new WeakSet<object>();
type Gradient = { gradient: unknown; id?: unknown };
const isGradient = (v: unknown): v is Gradient => typeof v === 'object' && v !== null && 'gradient' in v;

/**
 * Forget the def ids the SVG renderer stored on items (clip paths) and on their gradients, so they are
 * numbered afresh as in a new View. Runs before every render, so it sees each gradient before it has an id.
 */
function forgetDefIds(scene: Scene): void {
  // Only the few items that hold one are touched, and no array is made per item: this walk visits every
  // item of every chart (its first form, a delete and a two-paint array on each, took ~0.15 s on M).
  if (scene.clip_id !== undefined) delete scene.clip_id;
  if (isGradient(scene.fill)) forgetGradientId(scene.fill);
  if (isGradient(scene.stroke)) forgetGradientId(scene.stroke);
  const items = scene.items;
  if (items) for (let k = 0; k < items.length; k++) forgetDefIds(items[k]!);
}

function forgetGradientId(paint: Gradient): void {
  if (paint.id === undefined) unnamedGradients.add(paint);
  else if (unnamedGradients.has(paint)) delete paint.id;
}

// One chart at a time in this thread: Vega numbers the SVG clip and gradient ids with a counter global to
// the module (two charts drawn at once would interleave their ids), and a live View serves one chart at a time.
let turn: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(draw: () => Promise<T>): Promise<T> {
  const mine = turn.then(draw);
  turn = mine.catch(() => undefined);
  return mine;
}

/** The chart drawn by a new View built for it (what a reused View must match). */
export function svgFromNewView(c: CompiledChart, log: ChartLog): Promise<string> {
  return oneAtATime(() => drawOnNewView(c, log));
}

async function drawOnNewView(c: CompiledChart, log: ChartLog): Promise<string> {
  const view = newView(runtimeWith(c.shape, c.rowsOf), { to: log });
  try {
    vegaLibs().vega.resetSVGDefIds(); // clip/gradient ids restart at 1: same input → same SVG
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Every item under `scene` (marks' items, at every depth). */
function itemsUnder(scene: Scene, into = new Set<Scene>()): Set<Scene> {
  for (const child of scene.items ?? []) {
    if (scene.marktype !== undefined) into.add(child);
    itemsUnder(child, into);
  }
  return into;
}

/** True when some mark holds both items kept from before and new ones: their order may not be a new View's. */
function mixesKeptAndNew(scene: Scene, kept: Set<Scene>): boolean {
  const items = scene.items ?? [];
  if (scene.marktype !== undefined && items.some((i) => kept.has(i)) && items.some((i) => !kept.has(i))) return true;
  return items.some((i) => mixesKeptAndNew(i, kept));
}

/** The chart drawn by the live View of its shape, with this chart's rows swapped in. */
export function svgFromLiveView(chart: CompiledChart, log: ChartLog): Promise<string> {
  return oneAtATime(() => drawOnLiveView(chart, log));
}

async function drawOnLiveView(chart: CompiledChart, log: ChartLog): Promise<string> {
  const c = chart.shape;
  // Datasets whose rows the spec itself holds are the same in every chart of the shape: ingested once.
  const perChart = ((c.spec.data ?? []) as VegaData[]).filter((d) => c.ingest.has(d.name) && chart.rowsOf(d.name, d.values) !== d.values);
  let live = c.live;
  c.live = undefined;
  let ok = false;
  const logged = [log.errors.length, log.warnings.length] as const;
  let kept: Set<Scene> | undefined;
  try {
    if (!live) {
      const born: ChartLog = { errors: [], warnings: [] };
      const sink = { to: born };
      const names = new Set(perChart.map((d) => d.name));
      live = { view: newView(runtimeWith(c, (name, values) => (names.has(name) ? [] : values)), sink), log: sink, born };
    } else if (perChart.length) {
      // Empty the previous chart's rows first (see the top of this file).
      const emptied: ChartLog = { errors: [], warnings: [] };
      live.log.to = emptied;
      for (const d of perChart) live.view.change(d.name, vegaLibs().vega.changeset().remove(() => true));
      await live.view.runAsync();
      if (emptied.errors.length) throw new Error(`chart rendering: could not empty a reused view: ${emptied.errors.join('; ')}`);
      kept = itemsUnder(root(live.view));
    }
    log.errors.push(...live.born.errors);
    log.warnings.push(...live.born.warnings);
    live.log.to = log;
    for (const d of perChart) {
      // As the ingesting operator would: read with the dataset's format (e.g. date parsing).
      live.view.change(d.name, vegaLibs().vega.changeset().insert(live.view.parse(chart.rowsOf(d.name, d.values), c.formats.get(d.name))));
    }
    live.view.resize(); // autosize again, as a new View does
    await live.view.runAsync();
    ok = log.errors.length === 0;
    if (kept && mixesKeptAndNew(root(live.view), kept)) {
      // Items that outlived the empty rows (e.g. the tick at 0 of a zero-based axis) sit before the new
      // ones, where a new View would sort them in: this chart is drawn on a new View instead.
      log.errors.length = logged[0];
      log.warnings.length = logged[1];
      return await drawOnNewView(chart, log);
    }
    forgetDefIds(root(live.view));
    vegaLibs().vega.resetSVGDefIds();
    return await live.view.toSVG();
  } finally {
    // A View that failed may be half updated: not reused.
    if (live && ok && !c.dropped) c.live = live;
    else live?.view.finalize();
  }
}
