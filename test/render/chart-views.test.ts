// renderChart draws every chart of one spec shape on one live Vega View (render/chart-views.ts): whatever
// came before, in whatever order, each chart must be byte for byte what a new View draws, with its own
// warnings only.
import { describe, expect, it } from 'vitest';
import { renderChart, renderChartOnNewView, type ChartInput, type VegaLiteSpec } from '../../pipeline/render/charts.js';

const months = (from: string, n: number, f: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + i);
    return { date: d.toISOString().slice(0, 10), value: f(i), series: i % 3 ? 'This partner' : 'Cohort median' };
  });

// Named datasets, one derived by a filter, a clipped line (clip paths), a gradient fill and a temporal
// axis whose ticks differ from chart to chart (axis items are kept by value: their order must not stick).
const SPEC: VegaLiteSpec = {
  width: 300,
  height: 120,
  layer: [
    {
      data: { name: 'series' },
      mark: { type: 'area', opacity: 0.3, color: { gradient: 'linear', stops: [{ offset: 0, color: '#fff' }, { offset: 1, color: '#1f5f8b' }] } },
      encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'value', type: 'quantitative', aggregate: 'mean' } },
    },
    {
      data: { name: 'series' },
      transform: [{ filter: 'datum.value > 40' }],
      mark: { type: 'line', clip: true, point: true },
      encoding: {
        x: { field: 'date', type: 'temporal' },
        y: { field: 'value', type: 'quantitative', scale: { domain: [40, 90] } },
        color: { field: 'series', type: 'nominal' },
      },
    },
    { data: { name: 'marks' }, mark: { type: 'rule', strokeDash: [4, 3] }, encoding: { x: { field: 'date', type: 'temporal' } } },
  ],
};

const chart = (name: string, series: object[], marks: object[]): ChartInput => ({
  spec: SPEC, data: { series, marks }, title: `Chart ${name}`, description: `${series.length} rows, ${marks.length} marks.`,
});

const CHARTS: ChartInput[] = [
  chart('a', months('2024-01-01', 12, (i) => 55 + 20 * Math.sin(i / 2)), [{ date: '2024-06-15' }]),
  chart('b', months('2023-07-01', 5, (i) => 80 - i * 7), []),
  chart('empty', [], [{ date: '2024-02-01' }, { date: '2024-03-01' }]),
  chart('long', months('2021-01-01', 40, (i) => 45 + ((i * 37) % 40)), [{ date: '2022-01-01' }]),
  chart('one', months('2024-05-01', 1, () => 61), []),
];

// A log scale warns when its domain includes zero: only the chart whose rows have a zero.
const LOG_SPEC: VegaLiteSpec = {
  data: { name: 'v' },
  mark: 'point',
  encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative', scale: { type: 'log' } } },
};
const logChart = (rows: object[]): ChartInput => ({ spec: LOG_SPEC, data: { v: rows }, title: 'Log', description: 'Log scale.' });

// The calibration report's gain chart: its zero-based, padded axis keeps a tick at 0 while the rows are
// empty, which on a reused View would come before the new ticks.
const gainChart = (delta: number, lo: number, hi: number): ChartInput => ({
  spec: 'calibration-gain.vl.json',
  data: { gain: [{ delta, lo, hi, tone: lo > 0 ? 'clear' : 'unclear', text: `${delta}` }], zero: [{ x: 0 }] },
  title: 'Gain', description: 'Zero-based axis.',
});

async function fresh(inputs: ChartInput[]) {
  const out = [];
  for (const i of inputs) out.push(await renderChartOnNewView(structuredClone(i)));
  return out;
}

describe('renderChart on a reused View', () => {
  it('draws each chart exactly as a new View does, in any order', { timeout: 60_000 }, async () => {
    const want = await fresh(CHARTS);
    expect(new Set(want.map((c) => c.svg)).size).toBe(CHARTS.length);
    expect(want[0]!.svg).toContain('clip-path=');
    expect(want[0]!.svg).toContain('linearGradient');
    for (const order of [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 2, 3, 1, 1, 4, 0, 3]]) {
      for (const i of order) {
        const got = await renderChart(structuredClone(CHARTS[i]!));
        expect(got.svg, `chart ${i} in order ${order.join(',')}`).toBe(want[i]!.svg);
        expect(got.warnings).toEqual(want[i]!.warnings);
      }
    }
  });

  it('draws charts asked for at once as if one after the other, each with its own warnings', { timeout: 60_000 }, async () => {
    const inputs = [logChart([{ k: 'a', v: 1 }, { k: 'b', v: 10 }]), logChart([{ k: 'a', v: 0 }, { k: 'c', v: 5 }]), logChart([{ k: 'd', v: 100 }])];
    const want = await fresh(inputs);
    expect(want.map((c) => c.warnings.length > 0)).toEqual([false, true, false]);
    const twice = [...inputs, ...inputs, ...CHARTS].map((i) => structuredClone(i));
    const got = await Promise.all(twice.map((i) => renderChart(i)));
    const expected = [...want, ...want, ...(await fresh(CHARTS))];
    expect(got.map((c) => c.svg)).toEqual(expected.map((c) => c.svg));
    expect(got.map((c) => c.warnings)).toEqual(expected.map((c) => c.warnings));
  });

  it('draws a chart whose axis keeps items from the empty rows as a new View does', async () => {
    const inputs = [gainChart(0.023, 0.005, 0.043), gainChart(-0.01, -0.03, 0.012), gainChart(0.2, 0.1, 0.35)];
    const want = await fresh(inputs);
    for (const i of [0, 0, 1, 2, 0, 2, 1]) expect((await renderChart(structuredClone(inputs[i]!))).svg, `chart ${i}`).toBe(want[i]!.svg);
  });

  it('still fails a chart whose rows make Vega fail, and draws the next one right', async () => {
    const bad: ChartInput = {
      spec: { data: { name: 't' }, transform: [{ calculate: 'datum.x.y.z', as: 'w' }], mark: 'point', encoding: { x: { field: 'w', type: 'quantitative' } } },
      data: { t: [{ x: 1 }] }, title: 'Bad', description: 'Reads a field of undefined.',
    };
    const good: ChartInput = { ...bad, data: { t: [{ x: { y: { z: 3 } } }] }, title: 'Good' };
    await expect(renderChart(structuredClone(bad))).rejects.toThrow(/chart "Bad"/);
    expect((await renderChart(structuredClone(good))).svg).toBe((await renderChartOnNewView(structuredClone(good))).svg);
  });
});
