// View model → self-contained HTML with an isolated Handlebars instance. Knows no domain.
//
// Layout of a templates directory:
//   layout/*.hbs            document shells, registered as partials "layout/<name>"
//   partials/*.hbs          generic partials, registered as "<name>"
//   css/report.css          inlined into every page (plus <report>/*.css for that report)
//   <report>/<name>.hbs     report templates, rendered as render('<report>/<name>', viewModel)
//   <report>/partials/*.hbs that report's partials: "<name>" while rendering it, "<report>/<name>" always
//
// Partials get an explicit context only: pass `this` or hash params (`{{> data-table columns=… rows=…}}`).
// Everything is escaped by default. The only unescaped output comes from helpers that build their
// markup from escaped parts (`chart`, `markdown`, `json`, `styles`); templates never use triple-stash.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { buildTime } from '../io/clock.js';
import { isRenderedChart } from './charts.js';
import { isRenderedMarkdown } from './markdown.js';
import { cssForStyle, escapeHtml, jsonForScript } from './escape.js';
import {
  bandClass, bandLabel, fmtCell, fmtDate, fmtMoney, fmtNum, fmtPct, isNumericFormat,
} from './format.js';
import { defaultTemplatesDir, resolveInside } from './paths.js';
import { fmt, interval, isFormatName } from '../vocabulary/number-formats.js';

export interface RendererOptions {
  /** Root of the templates (default: the package's templates/). */
  templatesDir?: string;
  /** Fixed build time for deterministic output; default: the clock at each render. */
  buildTime?: Date | string;
  /** Extra helpers (positional arguments only), e.g. a notebook's `first`. */
  helpers?: Record<string, (...args: unknown[]) => unknown>;
}

export interface RenderOptions {
  buildTime?: Date | string;
}

export interface Renderer {
  /** Render `<report>/<name>` (path under templatesDir, without .hbs) with the view model. */
  render(templateName: string, viewModel: object, options?: RenderOptions): string;
  /**
   * Evaluate one inline Handlebars source (e.g. `{{fmtNum x 1}}`) with the same helpers, unescaped: the
   * result is text, for the caller to put through an escaping template or renderMarkdown's slots.
   * Strict: a missing name is an error, not an empty string.
   */
  text(source: string, context: object): string;
}

type HB = typeof Handlebars;
type Template = Handlebars.TemplateDelegate;

function hbsFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort();
}

function cssFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.css')).sort();
}

/** Drop the trailing Handlebars `options` argument. */
function positional(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

type Helper = (...args: unknown[]) => unknown;

/** A helper called with its positional arguments only. */
function positionalHelper(fn: Helper): Helper {
  return function (this: unknown, ...args: unknown[]) {
    return fn(...positional(args));
  };
}

function registerHelpers(hb: HB): void {
  const h = (name: string, fn: Helper) => hb.registerHelper(name, positionalHelper(fn));
  // a named format (vocabulary/number-formats.ts): {{fmt "auc" x}}, {{interval "rate" ci}}
  h('fmt', (name, v) => {
    if (!isFormatName(name)) throw new Error(`fmt helper: unknown format ${JSON.stringify(name)} (see vocabulary/number-formats.ts)`);
    return fmt(name, v);
  });
  h('interval', (name, ci) => {
    if (!isFormatName(name)) throw new Error(`interval helper: unknown format ${JSON.stringify(name)}`);
    return interval(name, Array.isArray(ci) && ci.length === 2 ? [Number(ci[0]), Number(ci[1])] : null);
  });
  // notebooks' helpers with explicit digits
  h('fmtNum', (n, digits) => fmtNum(n, digits));
  h('fmtPct', (n, digits) => fmtPct(n, digits));
  h('fmtMoney', (n, currency) => fmtMoney(n, currency));
  h('fmtDate', (d, style) => fmtDate(d, style));
  h('fmtCell', (v, format, digits) => fmtCell(v, format, digits));
  h('bandClass', (b) => bandClass(b));
  h('bandLabel', (b) => bandLabel(b));
  h('isNumeric', (format, numeric) => numeric === true || isNumericFormat(format));
  h('eq', (a, b) => a === b);
  h('gt', (a, b) => Number(a) > Number(b));
  h('lt', (a, b) => Number(a) < Number(b));
  h('not', (a) => !a);
  h('and', (...xs) => xs.every(Boolean));
  h('or', (...xs) => xs.some(Boolean));
  h('default', (v, fallback) => (v === null || v === undefined || v === '' ? fallback : v));
  h('json', (v) => new hb.SafeString(jsonForScript(v)));
  h('chart', (c) => {
    if (!isRenderedChart(c)) {
      throw new Error('chart helper: expected a chart made by renderChart() (its SVG is the only trusted markup)');
    }
    const title = escapeHtml(c.title);
    const caption = c.description ? `${title} — ${escapeHtml(c.description)}` : title;
    return new hb.SafeString(
      `<figure class="chart" role="figure" aria-label="${title}">${c.svg}<figcaption>${caption}</figcaption></figure>`,
    );
  });
  h('markdown', (m) => {
    if (!isRenderedMarkdown(m)) throw new Error('markdown helper: expected prose made by renderMarkdown()');
    return new hb.SafeString(m.html);
  });
  hb.registerHelper('styles', function (this: unknown, options: Handlebars.HelperOptions) {
    const data = options.data as { css?: string } | undefined;
    return new hb.SafeString(cssForStyle(data?.css ?? ''));
  });
}

function compileSource(hb: HB, source: string): Template {
  // explicitPartialContext: a partial sees only what it is given (`{{> kpi-card this}}`, hash params),
  // never its caller's context, so an omitted param cannot silently pick up a same-named outer value.
  return hb.compile(source, { preventIndent: true, explicitPartialContext: true });
}

function isoTime(t: Date | string | undefined): string {
  const d = t === undefined ? buildTime() : t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime())) throw new Error(`invalid buildTime: ${String(t)}`);
  return d.toISOString();
}

/**
 * One Handlebars environment per templates directory and content: partials and CSS read, templates
 * compiled once per process (compiling took a third of the reports' time on a small run, and every
 * report and notebook made its own). A caller's extra helpers are passed at render time instead.
 */
interface Environment {
  hb: HB;
  reportPartials: Map<string, Record<string, Template>>;
  baseCss: string[];
  templates: Map<string, { template: Template; css: string; partials: Record<string, Template> }>;
}
const environments = new Map<string, Environment>();
const ENVIRONMENTS_KEPT = 8;

/** The files an environment is built from, as (path, content) — its cache key covers every byte. */
function templateFiles(dir: string): [string, string][] {
  const files: [string, string][] = [];
  const add = (sub: string, names: string[]): void => {
    for (const f of names) files.push([join(sub, f), readFileSync(join(dir, sub, f), 'utf8')]);
  };
  add('partials', hbsFiles(join(dir, 'partials')));
  add('layout', hbsFiles(join(dir, 'layout')));
  add('css', cssFiles(join(dir, 'css')));
  for (const entry of readdirSync(dir).sort()) {
    if (['partials', 'layout', 'css', 'charts'].includes(entry) || !statSync(join(dir, entry)).isDirectory()) continue;
    add(entry, [...hbsFiles(join(dir, entry)), ...cssFiles(join(dir, entry))]);
    add(join(entry, 'partials'), hbsFiles(join(dir, entry, 'partials')));
  }
  return files;
}

function environment(dir: string): Environment {
  const files = templateFiles(dir);
  const hash = createHash('sha256').update(dir);
  for (const [path, text] of files) hash.update(`\0${path}\0${text}`);
  const key = hash.digest('hex');
  const cached = environments.get(key);
  if (cached) return cached;
  const content = new Map(files);
  const hb = Handlebars.create();
  registerHelpers(hb);
  const compiled = (path: string): Template => compileSource(hb, content.get(path)!);
  for (const f of hbsFiles(join(dir, 'partials'))) hb.registerPartial(basename(f, '.hbs'), compiled(join('partials', f)));
  for (const f of hbsFiles(join(dir, 'layout'))) hb.registerPartial(`layout/${basename(f, '.hbs')}`, compiled(join('layout', f)));
  const reportPartials = new Map<string, Record<string, Template>>();
  for (const entry of readdirSync(dir).sort()) {
    if (['partials', 'layout', 'css', 'charts'].includes(entry)) continue;
    const own: Record<string, Template> = {};
    for (const f of hbsFiles(join(dir, entry, 'partials'))) {
      const t = compiled(join(entry, 'partials', f));
      own[basename(f, '.hbs')] = t;
      hb.registerPartial(`${entry}/${basename(f, '.hbs')}`, t);
    }
    reportPartials.set(entry, own);
  }
  const baseCss = cssFiles(join(dir, 'css')).map((f) => content.get(join('css', f))!);
  const env: Environment = { hb, reportPartials, baseCss, templates: new Map() };
  if (environments.size >= ENVIRONMENTS_KEPT) environments.clear();
  environments.set(key, env);
  return env;
}

/** Create a renderer over a templates directory. */
export function createRenderer(options: RendererOptions = {}): Renderer {
  const dir = options.templatesDir ?? defaultTemplatesDir();
  const { hb, reportPartials, baseCss, templates } = environment(dir);
  const helpers = Object.fromEntries(Object.entries(options.helpers ?? {}).map(([name, fn]) => [name, positionalHelper(fn)]));

  function load(name: string) {
    let entry = templates.get(name);
    if (entry) return entry;
    const file = resolveInside(dir, `${name}.hbs`);
    if (!existsSync(file)) throw new Error(`template not found: ${name} (${file})`);
    const report = name.includes('/') ? name.split('/')[0]! : '';
    const reportCss = report ? cssFiles(join(dir, report)).map((f) => readFileSync(join(dir, report, f), 'utf8')) : [];
    entry = {
      template: compileSource(hb, readFileSync(file, 'utf8')),
      css: [...baseCss, ...reportCss].join('\n'),
      partials: reportPartials.get(report) ?? {},
    };
    templates.set(name, entry);
    return entry;
  }

  return {
    render(templateName, viewModel, renderOptions = {}) {
      const { template, css, partials } = load(templateName);
      const buildTime = isoTime(renderOptions.buildTime ?? options.buildTime);
      return template(viewModel, { data: { buildTime, css }, partials, helpers });
    },
    text(source, context) {
      return hb.compile(source, { noEscape: true, strict: true })(context, { helpers });
    },
  };
}
