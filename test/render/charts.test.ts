import { describe, expect, it } from 'vitest';
import { isRenderedChart, renderChart } from '../../pipeline/render/charts.js';
import { estimateTextWidth } from '../../pipeline/render/text-metrics.js';
import { BAND_COLORS, chartTheme, withTheme } from '../../pipeline/render/theme.js';
import { FIXTURES, HOSTILE, sampleCharts, trendRows } from './sample.js';

describe('renderChart', () => {
  it('renders an accessible SVG with role, aria-label, title and desc', async () => {
    const { trend } = await sampleCharts();
    expect(isRenderedChart(trend)).toBe(true);
    expect(trend.svg.startsWith('<svg role="img" aria-label="Score trend &lt;script&gt;')).toBe(true);
    expect(trend.svg).toMatch(/^<svg[^>]*>\s*<title>Score trend &lt;script&gt;alert\(&quot;x&quot;\)/);
    expect(trend.svg).toContain('<desc>Composite score by month');
    expect(trend.svg).toContain('viewBox=');
    expect(trend.warnings).toEqual([]);
  });

  it('escapes hostile text from the data, title and description', async () => {
    const { trend, bars } = await sampleCharts();
    for (const svg of [trend.svg, bars.svg]) {
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toContain('</script>');
      expect(svg).not.toMatch(/\son[a-z]+=/i);
    }
    // The legend shows the series name: escaped in a text node.
    expect(trend.svg).toContain('&lt;script&gt;alert("x")&lt;/script&gt; &amp; \'q\' {{x}}</text>');
    // The bar chart's band axis truncates the long hostile label, still escaped.
    expect(bars.svg).toMatch(/>&lt;script&gt;alert\("x"\)&lt;\/script&gt; &amp;[^<]*…<\/text>/);
  });

  it('is deterministic and gives each chart its own ids', async () => {
    const a = await sampleCharts();
    const b = await sampleCharts();
    expect(a.trend.svg).toBe(b.trend.svg);
    expect(a.bars.svg).toBe(b.bars.svg);
    const clipped = await renderChart({
      spec: { data: { name: 't' }, mark: { type: 'line', clip: true }, encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'value', type: 'quantitative', scale: { domain: [50, 60] } } } },
      data: { t: trendRows() },
      title: 'Clipped',
      description: 'Uses a clip path.',
    });
    const ids = [...clipped.svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(id).toMatch(/^c[0-9a-f]{10}-\d+$/);
      expect(clipped.svg).toContain(`url(#${id})`);
    }
  });

  it('binds named datasets, a lone `values` key, and loads spec files from the charts dir', async () => {
    // a spec file read from the charts dir, its named dataset bound
    const fromFile = await renderChart({
      spec: 'bar-example.vl.json',
      chartsDir: FIXTURES,
      data: { bars: [{ partner: 'Acme', score: 72, band: 'green' }] },
      title: 'From file',
      description: 'A spec file from the charts dir.',
      width: 200,
      height: 100,
    });
    expect(fromFile.svg).toContain('>Acme</text>');
    expect(fromFile.svg).toContain('Composite score');
    const c = await renderChart({
      spec: { mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } } },
      data: { values: [{ k: 'alpha', v: 1 }, { k: 'beta', v: 2 }] },
      title: 'Inline',
      description: 'Values bound to a spec without data.',
      width: 200,
      height: 100,
    });
    expect(c.svg).toContain('>alpha</text>');
    await expect(
      renderChart({ spec: '../../package.json', chartsDir: FIXTURES, title: 'T', description: 'D' }),
    ).rejects.toThrow(/outside/);
  });

  it('refuses network and missing or unknown datasets', async () => {
    const base = { title: 'T', description: 'D' };
    await expect(
      renderChart({ ...base, spec: { data: { url: 'https://example.com/x.json' }, mark: 'point' } }),
    ).rejects.toThrow(/url/);
    await expect(renderChart({ ...base, spec: { data: { name: 'missing' }, mark: 'point' } })).rejects.toThrow(
      /dataset "missing" was not provided/,
    );
    await expect(
      renderChart({ ...base, spec: { data: { name: 'a' }, mark: 'point' }, data: { a: [], typo: [] } }),
    ).rejects.toThrow(/"typo" is not used/);
    await expect(
      renderChart({
        ...base,
        spec: { data: { values: [{ u: 'https://example.com/i.png' }] }, mark: 'image', encoding: { url: { field: 'u', type: 'nominal' } } },
      }),
    ).rejects.toThrow(/active content|refused|offline/);
  });

  it('requires a title', async () => {
    await expect(renderChart({ spec: { mark: 'point' }, title: ' ', description: '' })).rejects.toThrow(/title/);
  });
});

describe('theme and text metrics', () => {
  it('merges spec config over the theme', () => {
    const merged = withTheme({ axis: { labelFontSize: 14 }, range: { category: ['#000'] } });
    expect((merged.axis as Record<string, unknown>).labelFontSize).toBe(14);
    expect((merged.axis as Record<string, unknown>).labelFont).toBe((chartTheme().axis as Record<string, unknown>).labelFont);
    expect((merged.range as Record<string, unknown>).category).toEqual(['#000']);
    expect(BAND_COLORS).toEqual({ green: '#2e7d32', yellow: '#f9a825', red: '#c62828' });
  });

  it('estimates Helvetica/Arial widths, far closer than Vega’s 0.8 em per character', () => {
    // Chromium canvas with Liberation Sans (Arial metrics) at 11px: 45.26, 82.53 and bold 89.25.
    // (render.pdf.test.ts checks more strings against a live Chromium.)
    expect(estimateTextWidth('Jan 2024', 11)).toBeCloseTo(45.26, 1);
    expect(estimateTextWidth('Composite score', 11)).toBeCloseTo(82.53, 1);
    expect(estimateTextWidth('Composite score', 11, true)).toBeCloseTo(89.25, 1);
    expect(0.8 * 11 * 'Composite score'.length).toBe(132); // Vega's fallback: 60% too wide
  });

  it('truncates long band-axis labels at the theme limit instead of widening the chart', async () => {
    const c = await renderChart({
      spec: { data: { name: 's' }, mark: 'bar', encoding: { y: { field: 'k', type: 'nominal' }, x: { field: 'v', type: 'quantitative' } } },
      data: { s: [{ k: HOSTILE, v: 1 }] },
      title: 'T',
      description: 'D',
    });
    const width = Number(/width="(\d+(?:\.\d+)?)"/.exec(c.svg)?.[1]);
    // 480 (continuous width) + labelLimit 160 + ticks, padding and axis title.
    expect(width).toBeGreaterThan(480 + 100);
    expect(width).toBeLessThanOrEqual(480 + 160 + 60);
    expect(c.svg).toMatch(/…<\/text>/);
  });
});
