// The calibration report on small generated demos: a 'keep'/'adopt' run with hostile partner names (the
// band-reassignment table prints them) and an 'insufficient' run that still says what is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { HOSTILE_NAME } from '../fixtures/hostile.js';
import { buildLabels } from '../../pipeline/label/labels.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import { fmtNum } from '../../pipeline/render/index.js';
import { buildCalibrationView, renderCalibrationReport, withCalibrationCharts } from '../../pipeline/report/calibration/index.js';
import { runCalibration, type CalibrationResult } from '../../pipeline/tune/index.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { scoreDir, siModel, tempDir } from '../helpers/workspace.js';

const BUILD = '2026-01-15T10:00:00Z';
const ESCAPED = 'Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Sons&#x27; {{x}}';

async function calibrationOn(partners: number, months: number, hostileAll: boolean) {
  const data = generateDemo({ seed: 7, partners, months });
  // Every partner gets the hostile name, so whichever partners change band, the table prints one.
  if (hostileAll) data.partners.forEach((p, i) => (p.name = `${HOSTILE_NAME} #${i}`));
  const dir = tempDir('ph-report-cal-');
  await writeDemoData(dir, data);
  const model = await siModel();
  const { ws, cutoff } = await scoreDir(dir, model);
  await buildLabels(ws, { horizonDays: 90, graceDays: 14, cutoff });
  const result = await runCalibration(ws, model, { horizonDays: 90, graceDays: 14, cutoff, seed: 42, bootstrap: 30 });
  return { ws, model, result };
}

function figures(html: string): string[] {
  return [...html.matchAll(/<figure\b[\s\S]*?<\/figure>/g)].map((m) => m[0]);
}

function expectSafe(html: string): void {
  expect(html).not.toContain('<script>alert');
  expect(html.match(/<script\b/g)).toHaveLength(1);
  expect(html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/https?:\/\//);
  for (const f of figures(html)) {
    expect(f).toMatch(/^<figure[^>]*\saria-label="[^"]+"/);
    expect(f).toMatch(/<figcaption>[^<]+<\/figcaption>/);
  }
}

describe('calibration report on a demo (50 partners, 30 months)', () => {
  let ws: Workspace;
  let model: HealthModel;
  let result: CalibrationResult;
  let html: string;
  beforeAll(async () => {
    ({ ws, model, result } = await calibrationOn(50, 30, true));
    html = await renderCalibrationReport(result, { model, buildTime: BUILD });
  }, 60_000);
  afterAll(() => ws?.close());

  it('has a real proposal to review', () => {
    expect(result.verdict).not.toBe('insufficient');
    expect(result.band_reassignments!.changes.length).toBeGreaterThan(0);
  });

  it('escapes partner names in the band reassignments and stays offline', () => {
    expectSafe(html);
    const changes = html.slice(html.indexOf('Partners whose band would change'));
    expect(changes).toContain(ESCAPED);
    expect(changes.match(/Acme &lt;script&gt;/g)!.length).toBe(Math.min(60, result.band_reassignments!.changes.length));
  });

  it('is deterministic for a fixed build time', async () => {
    expect(await renderCalibrationReport(result, { model, buildTime: BUILD })).toBe(html);
  });

  it('states the verdict and reason first, then the evidence with the result\'s numbers', () => {
    const verdict = html.indexOf('class="verdict__headline"');
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(html.indexOf('<figure'));
    expect(html).toContain(result.verdict === 'adopt' ? 'Adopt the proposed weights' : 'Keep the current weights');
    expect(html).toContain(result.reason.replace(/'/g, '&#x27;').replace(/=/g, '&#x3D;'));
    expect(html).toContain(fmtNum(result.oot_auc_current, 3));
    expect(html).toContain(fmtNum(result.oot_auc_proposed, 3));
    for (const text of ['Current vs proposed dimension weights', 'Out-of-time AUC by test quarter', 'AUC gain', 'Paired DeLong test',
      'Choosing the shrinkage strength', 'Walk-forward folds', 'grid search', 'Band cut-off proposals', 'Model diff', 'Provenance']) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain('dimensions › engagement › weight');
  });

  it('reconciles the paired DeLong p-value with the partner-bootstrap interval inside the verdict bullet', () => {
    const bullet = (r: CalibrationResult) => buildCalibrationView(r, { model }).verdict.points.find((p) => p.includes('paired DeLong'));
    // The issue's case: DeLong p = 0.015 beside a bootstrap interval that includes 0.
    const disagreeing: CalibrationResult = { ...result, delta_auc_ci: [-0.004, 0.03], oot: { ...result.oot!, delong: { ...result.oot!.delong!, p: 0.015 } } };
    expect(bullet(disagreeing)).toMatch(
      /has a 95% partner-bootstrap CI of −0\.004 to \+0\.030; the paired DeLong test's p = 0\.015 looks stronger only because it counts every out-of-time row as independent, so the verdict goes by the interval, which resamples whole partners\.$/,
    );
    const agreeing: CalibrationResult = { ...result, delta_auc_ci: [0.004, 0.03], oot: { ...result.oot!, delong: { ...result.oot!.delong!, p: 0.015 } } };
    expect(bullet(agreeing)).toMatch(/has a 95% partner-bootstrap CI of \+0\.004 to \+0\.030, and the paired DeLong test agrees \(p = 0\.015\)\.$/);
  });

  it('renders every chart without Vega warnings', async () => {
    const { charts } = await withCalibrationCharts(buildCalibrationView(result, { model }));
    expect(Object.values(charts).filter(Boolean).length).toBe(4);
    for (const [key, chart] of Object.entries(charts)) expect(chart?.warnings ?? [], key).toEqual([]);
  });
});

describe('calibration report with too little data (8 partners)', () => {
  it("says 'not enough evidence', with the numbers that are missing", async () => {
    const { ws, model, result } = await calibrationOn(8, 24, false);
    try {
      expect(result.verdict).toBe('insufficient');
      const html = await renderCalibrationReport(result, { model, buildTime: BUILD });
      expectSafe(html);
      expect(html).toContain('Not enough evidence to recalibrate yet');
      expect(html).toContain('What is missing');
      expect(html).toContain(`<td class="num">${result.partners}</td><td class="num">${result.requirements.min_partners}</td>`);
      expect(html).toContain(`<td class="num">${result.positives}</td><td class="num">${result.requirements.min_positives}</td>`);
      expect(html).toContain('Current dimension weights (no proposal)');
      expect(html).not.toContain('Partners whose band would change');
    } finally {
      ws.close();
    }
  }, 60_000);
});
