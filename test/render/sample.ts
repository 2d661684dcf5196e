// Shared fixture for the render tests: a templates dir (the shipped layout/css/partials plus a sample
// report) and a view model full of hostile text.
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChart, type RenderedChart } from '../../pipeline/render/charts.js';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..');
export const FIXTURES = join(HERE, 'fixtures');
export const HOSTILE = `<script>alert("x")</script> & 'q' {{x}}`;
export const BUILD_TIME = '2025-04-02T09:30:00Z';

/** A temporary templates dir: shipped layout, css, partials and charts + fixtures/sample as a report. */
export async function sampleTemplatesDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ph-render-'));
  for (const sub of ['layout', 'css', 'partials', 'charts']) {
    await cp(join(ROOT, 'templates', sub), join(dir, sub), { recursive: true });
  }
  await cp(join(FIXTURES, 'sample'), join(dir, 'sample'), { recursive: true });
  return dir;
}

export function trendRows(): Array<{ date: string; value: number; series: string }> {
  const rows = [];
  for (let m = 0; m < 12; m++) {
    const date = new Date(Date.UTC(2024, m, 1)).toISOString().slice(0, 10);
    rows.push({ date, value: 55 + 20 * Math.sin(m / 2), series: HOSTILE });
    rows.push({ date, value: 70 - m * 2, series: 'Cohort median' });
  }
  return rows;
}

export async function sampleCharts(): Promise<{ trend: RenderedChart; bars: RenderedChart }> {
  const trend = await renderChart({
    spec: 'line-example.vl.json',
    data: { series: trendRows() },
    title: `Score trend ${HOSTILE}`,
    description: `Composite score by month for ${HOSTILE} against the cohort median.`,
  });
  const bars = await renderChart({
    spec: 'bar-example.vl.json',
    chartsDir: FIXTURES,
    data: {
      bars: [
        { partner: HOSTILE, score: 34, band: 'red' },
        { partner: 'Northwind Systems Integration Partners International', score: 58, band: 'yellow' },
        { partner: 'Contoso', score: 81, band: 'green' },
      ],
    },
    title: 'Lowest scores',
    description: 'Composite score of the three lowest-scoring partners.',
    width: 420,
  });
  return { trend, bars };
}

export async function sampleViewModel(): Promise<Record<string, unknown>> {
  const { trend, bars } = await sampleCharts();
  const rows = [
    { partner: HOSTILE, band: 'red', score: 34.25, pipeline: 1_234_567, change: -0.125, since: '2025-01-31' },
    { partner: 'Northwind', band: 'yellow', score: 58, pipeline: 950, change: 0.05, since: '2024-12-31' },
    { partner: 'Contoso', band: 'green', score: 81.5, pipeline: null, change: 0, since: '2024-11-30' },
  ];
  return {
    meta: {
      title: `Quarterly health ${HOSTILE}`,
      subtitle: 'Sample report for the render tests',
      cutoff: '2025-03-31',
      model: `default-v1 ${HOSTILE}`,
    },
    lead: `Lead sentence ${HOSTILE}`,
    hostile: HOSTILE,
    kpis: [
      { label: 'Green', value: '42', band: 'green', delta: '+3 vs last quarter', trend: 'up', good: true },
      { label: 'Yellow', value: '17', band: 'yellow', delta: '−2 vs last quarter', trend: 'down', good: true },
      { label: 'Red', value: '9', band: 'red', delta: '+4 vs last quarter', trend: 'up', good: false },
      { label: 'Pipeline at risk', value: '$3.4M', note: HOSTILE },
    ],
    trend,
    bars,
    table: {
      caption: `Watchlist ${HOSTILE}`,
      columns: [
        { key: 'partner', label: 'Partner' },
        { key: 'band', label: 'Band', format: 'band' },
        { key: 'score', label: 'Score', format: 'num', digits: 1 },
        { key: 'pipeline', label: 'Pipeline', format: 'money' },
        { key: 'change', label: 'Change', format: 'pct', digits: 1 },
        { key: 'since', label: 'Since', format: 'date' },
      ],
      rows,
    },
    empty: [],
    payload: { hostile: HOSTILE, separators: 'a\u2028b\u2029c', nested: [1, 'x</script><!--'] },
  };
}
