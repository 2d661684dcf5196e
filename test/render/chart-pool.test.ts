// renderCharts: over worker threads, the same SVGs in the same order as one by one in this thread, each
// trusted by the `chart` helper; a chart that fails names its error.
import { describe, expect, it } from 'vitest';
import { isRenderedChart, type ChartInput } from '../../pipeline/render/charts.js';
import { renderCharts } from '../../pipeline/render/chart-pool.js';
import { FIXTURES, HOSTILE, trendRows } from './sample.js';

function inputs(n: number): ChartInput[] {
  return Array.from({ length: n }, (_, i): ChartInput => i % 2
    ? { spec: 'line-example.vl.json', data: { series: trendRows().map((r) => ({ ...r, value: r.value + i })) }, title: `Trend ${i} ${HOSTILE}`, description: `Chart ${i}.` }
    : { spec: 'bar-example.vl.json', chartsDir: FIXTURES, data: { bars: [{ partner: `P${i}`, score: 10 + i, band: 'red' }] }, title: `Bars ${i}`, description: `Chart ${i}.` });
}

describe('renderCharts', () => {
  it('gives the same charts, in input order, with two threads as with one', { timeout: 120_000 }, async () => {
    const list = inputs(9);
    const seen: number[] = [];
    const one = await renderCharts(list, { threads: 1 });
    const two = await renderCharts(list, { threads: 2, onChart: (i) => seen.push(i) });
    expect(two.map((c) => c.svg)).toEqual(one.map((c) => c.svg));
    expect(two.map((c) => c.title)).toEqual(list.map((c) => c.title));
    expect(two.every(isRenderedChart)).toBe(true);
    expect(seen.sort((a, b) => a - b)).toEqual(list.map((_, i) => i));
    expect(new Set(one.map((c) => c.svg)).size).toBe(9);
  });

  it('fails with the failing chart\'s error', { timeout: 120_000 }, async () => {
    const bad: ChartInput = { spec: 'no-such-chart.vl.json', title: 'Missing', description: 'A spec file that is not there.' };
    await expect(renderCharts([...inputs(2), bad], { threads: 2 })).rejects.toThrow(/no-such-chart\.vl\.json/);
  });
});
