import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../pipeline/render/html.js';
import {
  CHROMIUM_ARGS, findChromium, footerTemplate, headerTemplate, openPdfRenderer, type PdfRenderer,
} from '../../pipeline/render/pdf.js';
import { estimateTextWidth } from '../../pipeline/render/text-metrics.js';
import { BUILD_TIME, HOSTILE, sampleTemplatesDir, sampleViewModel } from './sample.js';

describe('findChromium', () => {
  const only = (...paths: string[]) => (p: string) => paths.includes(p);

  it('follows the discovery order', () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: '/opt/a/chrome', CHROME_PATH: '/opt/b/chrome' };
    expect(findChromium(env, only('/opt/a/chrome', '/opt/b/chrome', '/usr/bin/chromium'))).toBe('/opt/a/chrome');
    expect(findChromium(env, only('/opt/b/chrome', '/usr/bin/chromium'))).toBe('/opt/b/chrome');
    expect(findChromium({}, only('/usr/bin/chromium', '/usr/bin/google-chrome'))).toBe('/usr/bin/chromium');
    expect(findChromium({}, only('/usr/bin/chromium-browser'))).toBe('/usr/bin/chromium-browser');
    expect(findChromium({}, only('/usr/bin/google-chrome'))).toBe('/usr/bin/google-chrome');
  });

  it('says how to install one when nothing is found', () => {
    const run = () => findChromium({ PUPPETEER_EXECUTABLE_PATH: '/nope' }, () => false);
    expect(run).toThrow(/apt-get install -y chromium/);
    expect(run).toThrow(/PUPPETEER_EXECUTABLE_PATH/);
  });
});

describe('header and footer templates', () => {
  it('escapes the title and cut-off', () => {
    const h = headerTemplate(HOSTILE, '2025-03-31 <b>');
    expect(h).not.toMatch(/<script|<b>/);
    expect(h).toContain('&lt;script&gt;alert(&quot;x&quot;)');
    expect(h).toContain('Data cut-off: 2025-03-31 &lt;b&gt;');
    expect(footerTemplate()).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
  });
});

function chromiumOrUndefined(): string | undefined {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
}

// Skip only on a developer machine without Chromium; in CI (env CI set) these tests must run.
const chromium = chromiumOrUndefined();
const skipBrowser = !chromium && !process.env.CI;

function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
  }));
}

const pdftotext = (file: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' });

describe.skipIf(skipBrowser)('PDF and screenshots with Chromium', () => {
  let out: string;
  let html: string;
  let pdf: PdfRenderer;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'ph-pdf-'));
    const renderer = createRenderer({ templatesDir: await sampleTemplatesDir(), buildTime: BUILD_TIME });
    html = renderer.render('sample/report', await sampleViewModel());
    pdf = await openPdfRenderer();
  });

  afterAll(async () => {
    await pdf?.close();
  });

  it('renders a 3-page A4 PDF with running header and page numbers', async () => {
    const file = join(out, 'sample.pdf');
    await pdf.render({ html, outPath: file, title: `Quarterly health ${HOSTILE}`, cutoff: '2025-03-31', format: 'A4' });
    const info = pdfinfo(file);
    expect(Number(info.Pages)).toBe(3);
    expect(info['Page size']).toContain('(A4)');
    const text = pdftotext(file);
    expect(text).toContain(`Quarterly health ${HOSTILE}`); // header shows the title as text, not markup
    expect(text).toContain('Data cut-off: 2025-03-31');
    expect(text).toContain('Page 1 of 3');
    expect(text).toContain('Page 3 of 3');
    expect(pdftotext(file, 2)).toContain('Watchlist');
    expect(pdftotext(file, 3)).toContain('Appendix');
    // Written atomically: nothing but the PDF in the directory.
    expect((await readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reuses the browser for a Letter PDF', async () => {
    const file = join(out, 'letter.pdf');
    await pdf.render({ html, outPath: file, title: 'Letter', cutoff: '2025-03-31', format: 'Letter' });
    expect(pdfinfo(file)['Page size']).toMatch(/^612 x 792/);
  });

  it('takes a full-page screenshot', async () => {
    const file = join(out, 'sample.png');
    await pdf.screenshot({ html, outPath: file, width: 1280 });
    const png = await readFile(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.readUInt32BE(20)).toBeGreaterThan(900);
  });

  it('makes no network requests', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const base = `http://127.0.0.1:${port}`;
      const page = `<!doctype html><html><head><link rel="stylesheet" href="${base}/a.css"></head><body>
        <img src="${base}/b.png"><iframe src="${base}/c.html"></iframe><script src="${base}/d.js"></script>
        <script>fetch("${base}/e").catch(() => {});</script><p>offline</p></body></html>`;
      await pdf.render({ html: page, outPath: join(out, 'offline.pdf'), title: 'Offline' });
      await pdf.screenshot({ html: page, outPath: join(out, 'offline.png'), width: 400, fullPage: false });
      expect(hits).toBe(0);
      expect(pdftotext(join(out, 'offline.pdf'))).toContain('offline');
    } finally {
      server.close();
    }
  });

  it('estimates chart text widths like Chromium draws them (Arial metrics)', async () => {
    const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const samples = ['Jan 2024', 'Composite score', 'Northwind Systems Integration', 'Score (0–100)', HOSTILE, 'WMW iii 0123'];
      for (const bold of [false, true]) {
        const widths = await page.evaluate((texts: string[], b: boolean) => {
          const ctx = document.createElement('canvas').getContext('2d')!;
          ctx.font = `${b ? 'bold ' : ''}11px Arial, Helvetica, "Liberation Sans", Arimo, sans-serif`;
          return texts.map((t) => ctx.measureText(t).width);
        }, samples, bold);
        samples.forEach((s, i) => {
          const est = estimateTextWidth(s, 11, bold);
          expect(Math.abs(est - widths[i]!) / widths[i]!, `${s} (bold ${bold})`).toBeLessThan(0.03);
        });
      }
    } finally {
      await browser.close();
    }
  });
});
