// The backtest report on a small generated demo: escaped, offline, deterministic, accessible, and it
// quotes the result's own numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest, type BacktestResult } from '../../pipeline/backtest/index.js';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { HOSTILE_NAME } from '../fixtures/hostile.js';
import { buildLabels } from '../../pipeline/label/labels.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import { escapeHtml, fmtNum, fmtPct } from '../../pipeline/render/index.js';
import { buildBacktestView, renderBacktestReport, withBacktestCharts } from '../../pipeline/report/backtest/index.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { scoreDir, siModel, tempDir } from '../helpers/workspace.js';

const BUILD = '2026-01-15T10:00:00Z';

async function backtestOn(partners: number, months: number): Promise<{ ws: Workspace; result: BacktestResult; model: HealthModel }> {
  const dir = tempDir('ph-report-bt-');
  await writeDemoData(dir, generateDemo({ seed: 7, partners, months }));
  const model = await siModel();
  const { ws, cutoff } = await scoreDir(dir, model);
  await buildLabels(ws, { horizonDays: 90, graceDays: 14, cutoff });
  const result = await runBacktest(ws, { horizonDays: 90, graceDays: 14, cutoff, seed: 42, bootstrap: 100 });
  return { ws, result, model };
}

/** Every <figure> opening tag, with the markup up to its closing tag. */
function figures(html: string): string[] {
  return [...html.matchAll(/<figure\b[\s\S]*?<\/figure>/g)].map((m) => m[0]);
}

describe('backtest report on a demo (50 partners, 30 months)', () => {
  let ws: Workspace;
  let result: BacktestResult;
  let model: HealthModel;
  let html: string;
  beforeAll(async () => {
    ({ ws, result, model } = await backtestOn(50, 30));
    // A hostile model name reaches the title, header and subtitle: it must come out as text.
    model = { ...model, name: HOSTILE_NAME };
    html = await renderBacktestReport(result, { model, buildTime: BUILD });
  }, 60_000);
  afterAll(() => ws?.close());

  it('escapes untrusted text and runs no script but the readiness marker', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Sons&#x27; {{x}}');
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toContain('<script data-readiness>');
  });

  it('references no external URL', () => {
    const stripped = html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
    expect(stripped).not.toMatch(/https?:\/\//);
  });

  it('is deterministic for a fixed build time', async () => {
    expect(await renderBacktestReport(result, { model, buildTime: BUILD })).toBe(html);
  });

  it('leads with a plain-language verdict quoting the AUC and its interval', () => {
    const [lo, hi] = result.auc_ci!;
    const sentence = escapeHtml(`ranks partners that go on to miss deals above those that don't ${fmtPct(result.auc)} of the time (AUC ${fmtNum(result.auc, 3)}, 95% CI ${fmtNum(lo, 3)}–${fmtNum(hi, 3)})`);
    expect(html).toContain(sentence);
    expect(html.indexOf(sentence)).toBeLessThan(html.indexOf('<figure'));
    expect(html).toContain(`ROC curve — AUC ${fmtNum(result.auc, 3)}`);
    expect(html).toContain(fmtNum(result.discrimination.deal_level.auc, 3));
  });

  it('shows every section the issue asks for', () => {
    for (const text of [
      'Miss rate by band', 'How far ahead missed deals were flagged', 'Reliability: predicted vs observed', 'AUC over time',
      'How well each dimension predicts on its own', 'Flag Red only', 'Flag Red or Yellow', 'Youden', 'Cost-weighted', 'Capacity',
      'Band migration', 'Backtest population', 'Leakage checks', 'Data window', 'Score distribution stability (PSI)',
    ]) expect(html, text).toContain(text);
    expect(html.match(/class="checks__item is-pass"/g)).toHaveLength(result.leakage_checks.filter((c) => c.passed).length);
    expect(html).toContain(`${result.bootstrap.resamples} bootstrap resamples`);
    expect(html).toContain(`seed ${result.seed}`);
  });

  it('gives every figure a title, a caption and an aria-label', () => {
    const figs = figures(html);
    expect(figs.length).toBe(7);
    for (const f of figs) {
      expect(f).toMatch(/^<figure[^>]*\saria-label="[^"]+"/);
      expect(f).toMatch(/<figcaption>[^<]+<\/figcaption>/);
      expect(f).toMatch(/<svg[^>]*\srole="img"[^>]*\saria-label="[^"]+"/);
      expect(f).toContain('<title>');
    }
  });

  it('renders every chart without Vega warnings (no dropped encodings or empty scales)', async () => {
    const { charts } = await withBacktestCharts(buildBacktestView(result, { model }));
    for (const [key, chart] of Object.entries(charts)) expect(chart?.warnings ?? [], key).toEqual([]);
  });
});

describe('backtest report on thin data (8 partners, 24 months)', () => {
  it('still renders, with the numbers it has', async () => {
    const { ws, result, model } = await backtestOn(8, 24);
    try {
      const html = await renderBacktestReport(result, { model, buildTime: BUILD });
      expect(html).toContain('The verdict');
      expect(html).toContain(`${result.counts.snapshots.toLocaleString('en-US')} partner-month snapshots`);
      for (const f of figures(html)) expect(f).toContain('<figcaption>');
    } finally {
      ws.close();
    }
  }, 60_000);
});
