// Quarterly report rendering: attach the Vega-Lite charts to the view model, then Handlebars → HTML.
import { createRenderer, renderChart, renderCharts, type ChartInput, type RenderedChart } from '../../render/index.js';
import { plural } from '../common/index.js';
import { buildQuarterlyView } from './view.js';
import { scoreText } from '../../decision/score-text.js';
import type { QuarterlyData } from './data.js';
import type { PartnerPage, QuarterlyOptions, QuarterlyView } from './types.js';
import type { WithDataQuality } from '../common/data-quality.js';

export interface QuarterlyRenderOptions extends QuarterlyOptions, WithDataQuality {
  /** Fixed build time for reproducible output. */
  buildTime?: Date | string;
  /** Templates root (default: the package's templates/). */
  templatesDir?: string;
  /** Analyst notebooks rendered beside the report, linked at its end. */
  notebooks?: { href: string; title: string; description?: string }[];
  /** Called after each partner page's charts, e.g. for a progress bar (the long part of a big report). */
  onPartnerPage?: (done: number, total: number) => void;
  /** Threads drawing the partner pages' charts (default: one per core for a big report). */
  threads?: number;
}

type PageWithCharts = PartnerPage & { charts: { trend: RenderedChart; dimensionTrend: RenderedChart | null; dimensions: RenderedChart | null } };

/** The view model plus rendered charts: what `templates/quarterly/report.hbs` receives. */
export type QuarterlyRenderModel = Omit<QuarterlyView, 'partnerPages'> & {
  charts: { bandMix: RenderedChart };
  partnerPages: Omit<QuarterlyView['partnerPages'], 'pages'> & { pages: PageWithCharts[] };
};

type PageChartInputs = { [K in keyof PageWithCharts['charts']]: null extends PageWithCharts['charts'][K] ? ChartInput | null : ChartInput };

function pageChartInputs(view: QuarterlyView, p: PartnerPage, chartsDir?: string): PageChartInputs {
  const { green_min: g, red_below: r } = view.methodology.cutoffs;
  // Only interventions inside the charted window, or the time axis would stretch to reach them.
  const shown = p.interventions.filter((i) => i.started_on >= (p.trend[0]?.as_of ?? ''));
  const trend: ChartInput = {
    spec: 'quarterly-partner-trend.vl.json',
    chartsDir,
    data: {
      bands: [
        { band: 'red', label: 'Red', y0: 0, y1: r, ym: r / 2 },
        { band: 'yellow', label: 'Yellow', y0: r, y1: g, ym: (r + g) / 2 },
        { band: 'green', label: 'Green', y0: g, y1: 100, ym: (g + 100) / 2 },
      ],
      interventions: shown.map((i) => ({ date: i.started_on, playbook: i.playbook })),
      trend: p.trend,
    },
    title: 'Composite health score, last eight quarters',
    description: p.trendText + (shown.length ? ` Dashed lines: ${plural(shown.length, 'intervention')} (${shown.map((i) => `${i.playbook} ${i.started_on}`).join('; ')}).` : ''),
  };
  const dimensionTrend = p.dimensionTrend.length
    ? {
        spec: 'quarterly-dimension-trend.vl.json',
        chartsDir,
        data: { trend: p.dimensionTrend, interventions: shown.map((i) => ({ date: i.started_on })) },
        title: 'Dimension scores, last eight quarters',
        description: p.dimensionTrendText,
      }
    : null;
  const scored = p.dimensions.filter((d) => d.score !== null || d.cohort_median !== null);
  const dimensions = scored.length
    ? {
        spec: 'quarterly-dimensions.vl.json',
        chartsDir,
        data: {
          gaps: scored
            .filter((d) => d.score !== null && d.cohort_median !== null)
            .map((d) => ({ label: d.label, lo: Math.min(d.score!, d.cohort_median!), hi: Math.max(d.score!, d.cohort_median!) })),
          points: scored.flatMap((d) => [
            ...(d.cohort_median !== null ? [{ label: d.label, series: 'Cohort median', score: d.cohort_median }] : []),
            ...(d.score !== null ? [{ label: d.label, series: 'This partner', score: d.score }] : []),
          ]),
        },
        title: `Dimensions vs the median of ${p.cohortLabel}`,
        description: p.dimensionsText,
      }
    : null;
  return { trend, dimensionTrend, dimensions };
}

/** Render every chart of the report (one band-mix chart, two per partner page). */
export async function withCharts(
  view: QuarterlyView, chartsDir?: string, onPage: (done: number, total: number) => void = () => {}, threads?: number,
): Promise<QuarterlyRenderModel> {
  const bandMix = await renderChart({
    spec: 'quarterly-band-mix.vl.json',
    chartsDir,
    data: { mix: view.bandMix.rows },
    title: 'Band mix over the last eight quarters',
    description: `Partners per band at each month end. ${view.bandMix.text}`,
  });
  // Every page's charts drawn in one batch (over threads when there are many); a page counts as done
  // when its last chart is.
  const KEYS = ['trend', 'dimensionTrend', 'dimensions'] as const;
  const wanted = view.partnerPages.pages.map((p) => pageChartInputs(view, p, chartsDir));
  const inputs: ChartInput[] = [];
  const pageOf: number[] = [];
  wanted.forEach((w, i) => {
    for (const k of KEYS) {
      if (w[k]) {
        inputs.push(w[k]!);
        pageOf.push(i);
      }
    }
  });
  const left = wanted.map((w) => KEYS.filter((k) => w[k]).length);
  let pagesDone = 0;
  const onChart = (c: number): void => {
    if (--left[pageOf[c]!]! === 0) onPage(++pagesDone, wanted.length);
  };
  const charts = await renderCharts(inputs, { threads, onChart });
  let next = 0; // charts come back in input order: trend, dimension trend, dimensions, page by page
  const drawn = (i: ChartInput | null): RenderedChart | null => (i ? charts[next++]! : null);
  const pages: PageWithCharts[] = view.partnerPages.pages.map((p, i) => ({
    ...p,
    charts: { trend: drawn(wanted[i]!.trend)!, dimensionTrend: drawn(wanted[i]!.dimensionTrend), dimensions: drawn(wanted[i]!.dimensions) },
  }));
  return { ...view, charts: { bandMix }, partnerPages: { ...view.partnerPages, pages } };
}

/** Build the quarterly view from the report data and render it to a self-contained HTML document. */
export async function renderQuarterlyReport(data: QuarterlyData, opts: QuarterlyRenderOptions): Promise<string> {
  const view = buildQuarterlyView(data, opts);
  const chartsDir = opts.templatesDir ? `${opts.templatesDir}/charts` : undefined;
  const model = await withCharts(view, chartsDir, opts.onPartnerPage, opts.threads);
  // Scores beside a band chip go through the one score + band helper (69.62 prints 69.6 beside Yellow).
  const cuts = view.methodology.cutoffs;
  const renderer = createRenderer({ templatesDir: opts.templatesDir, buildTime: opts.buildTime, helpers: { scoreText: (x: unknown) => scoreText(typeof x === 'number' ? x : null, cuts) } });
  return renderer.render('quarterly/report', { ...model, notebooks: opts.notebooks ?? [], dataQuality: opts.dataQuality ?? null });
}
