// The three real reports as PDFs: page counts, running header/footer and content checked with poppler.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../pipeline/cli/main.js';
import { findChromium } from '../../pipeline/render/index.js';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { HOSTILE_NAME, withHostileName } from '../fixtures/hostile.js';
import { tempDir } from '../helpers/workspace.js';

const hasChromium = (() => {
  try {
    return Boolean(findChromium());
  } catch {
    return false;
  }
})();

const pages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const text = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

// Skip only on a developer machine without Chromium; CI installs it and must run this.
describe.skipIf(!hasChromium && !process.env.CI)('run --pdf', () => {
  it('renders the quarterly, backtest and calibration PDFs with header, footer and partner pages', async () => {
    const data = tempDir();
    const out = tempDir();
    await writeDemoData(data, withHostileName(generateDemo({ seed: 5, partners: 24, months: 18 })));
    const code = await main(['node', 'partner-health', 'run', '--data', data, '--out', out, '--pdf', '--quiet',
      '--bootstrap', '30', '--partner-pages', 'watchlist', '--max-partner-pages', '3', '--page', 'Letter']);
    expect(code).toBe(0);

    const q = join(out, 'quarterly.pdf');
    const qText = text(q);
    const n = pages(q);
    expect(n).toBeGreaterThanOrEqual(6); // summary, watchlist, heatmap, 3 partner pages, appendix
    expect(qText).toContain('Quarterly partner health report');
    expect(qText).toMatch(/Data cut-off: 2025-12-31/);
    expect(qText).toContain(`Page 1 of ${n}`);
    expect(qText).toContain(`Page ${n} of ${n}`);
    expect(qText).toContain('PARTNER PAGE');
    // Letter paper: 612 × 792 pt
    expect(execFileSync('pdfinfo', [q], { encoding: 'utf8' })).toMatch(/612 x 792 pts/);
    // The hostile partner name is printed as text, never interpreted.
    const html = readFileSync(join(out, 'quarterly.html'), 'utf8');
    expect(html).toContain('Acme &lt;script&gt;alert(');
    expect(html).not.toContain(HOSTILE_NAME);
    expect(qText).toContain('Acme <script>alert(');

    const b = join(out, 'backtest.pdf');
    expect(pages(b)).toBeGreaterThanOrEqual(3);
    const bText = text(b);
    expect(bText).toContain('Backtest: does the health score warn us in time?');
    const bt = JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8'));
    expect(bText).toContain(`AUC ${bt.auc.toFixed(3)}`);

    const c = join(out, 'calibration.pdf');
    expect(pages(c)).toBeGreaterThanOrEqual(1);
    expect(text(c)).toContain('Weight calibration review');
  }, 120_000);
});
