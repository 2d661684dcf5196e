// HTML → PDF / PNG with a system Chromium via puppeteer-core. Offline: every request that is not
// data: or about: is aborted. Output files are written atomically.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// puppeteer-core is loaded when a PDF is printed: importing it costs ~0.3 s of every command's start
import type { Browser, Page } from 'puppeteer-core';
import { writeFileAtomic } from '../io/atomic.js';
import { escapeHtml } from './escape.js';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage', // containers often have a tiny /dev/shm
  '--font-render-hinting=none', // same glyph positions on every machine
];

/** Page margins; keep in step with `@page` in templates/css/report.css. */
export const PDF_MARGIN = { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' };

/**
 * Find a Chromium binary: $PUPPETEER_EXECUTABLE_PATH, $CHROME_PATH, then the usual system paths.
 * Throws an Error that says how to install one.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string {
  const candidates = [env.PUPPETEER_EXECUTABLE_PATH, env.CHROME_PATH, ...CHROMIUM_CANDIDATES];
  for (const c of candidates) if (c && exists(c)) return c;
  throw new Error(
    'No Chromium found for PDF rendering (looked at $PUPPETEER_EXECUTABLE_PATH, $CHROME_PATH, ' +
      `${CHROMIUM_CANDIDATES.join(', ')}). Install one, e.g. \`apt-get install -y chromium\` ` +
      '(Debian/Ubuntu), or set PUPPETEER_EXECUTABLE_PATH to the path of a Chrome/Chromium binary.',
  );
}

export type PaperFormat = 'A4' | 'Letter';

export interface PdfOptions {
  html: string;
  outPath: string;
  /** Shown in the running header of every page. */
  title: string;
  /** Data cut-off shown in the header ("Data cut-off: …"). */
  cutoff?: string;
  format?: PaperFormat;
}

export interface ScreenshotOptions {
  html: string;
  outPath: string;
  width?: number;
  height?: number;
  fullPage?: boolean;
}

export interface PdfRenderer {
  render(options: PdfOptions): Promise<void>;
  screenshot(options: ScreenshotOptions): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  executablePath?: string;
  env?: NodeJS.ProcessEnv;
  /** Timeout for loading and readiness, per document (ms). */
  timeoutMs?: number;
}

const HEADER_STYLE =
  'box-sizing:border-box;width:100%;padding:0 14mm;font-family:Arial,Helvetica,"Liberation Sans",sans-serif;' +
  'font-size:9px;color:#52606d;display:flex;justify-content:space-between;gap:12px;';

/** Puppeteer header template: report title and data cut-off, escaped. */
export function headerTemplate(title: string, cutoff?: string): string {
  const right = cutoff ? `<span>Data cut-off: ${escapeHtml(cutoff)}</span>` : '<span></span>';
  return `<div style='${HEADER_STYLE}'><span>${escapeHtml(title)}</span>${right}</div>`;
}

/** Puppeteer footer template: "Page N of M". */
export function footerTemplate(): string {
  return (
    `<div style='${HEADER_STYLE}justify-content:flex-end;'>` +
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
  );
}

async function offlinePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('about:')) void request.continue();
    else void request.abort('blockedbyclient');
  });
  return page;
}

/** Load the HTML and wait for the layout's readiness signal (fonts loaded) when it has one. */
async function load(page: Page, html: string, timeout: number): Promise<void> {
  await page.setContent(html, { waitUntil: 'load', timeout });
  await page.waitForFunction(
    () => !document.querySelector('script[data-readiness]') || document.documentElement.dataset.ready === '1',
    { timeout },
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * A large document (a quarterly report with hundreds of partner pages and charts) takes longer to lay out
 * and print: the timeout grows by this many milliseconds per megabyte of HTML beyond the base.
 */
export const PDF_TIMEOUT_MS_PER_MB = 20_000;
const timeoutFor = (base: number, html: string): number => base + Math.round((html.length / 2 ** 20) * PDF_TIMEOUT_MS_PER_MB);

/**
 * How long Chromium may take per document. A loaded 2-core machine needs minutes for a long quarterly
 * report, so the default is generous; PARTNER_HEALTH_PDF_TIMEOUT (seconds) changes it.
 */
export function pdfTimeoutMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env.PARTNER_HEALTH_PDF_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 300_000;
}

/** A timeout from Chromium, in words that say what to do. */
function slowPdf(err: unknown, outPath: string, timeout: number): Error {
  if ((err as Error).name !== 'TimeoutError') return err as Error;
  return new Error(`Chromium did not finish ${outPath} within ${timeout < 10_000 ? (timeout / 1000).toFixed(1) : Math.round(timeout / 1000)} s (a busy or slow machine, or a very long report): ` +
    'try again when the machine is less loaded, shorten the report (--partner-pages watchlist, --max-partner-pages N), ' +
    'or allow more time with PARTNER_HEALTH_PDF_TIMEOUT=<seconds>');
}

/** Launch one Chromium to render several documents; always `close()` it. */
export async function openPdfRenderer(options: OpenOptions = {}): Promise<PdfRenderer> {
  const executablePath = options.executablePath ?? findChromium(options.env);
  const timeout = options.timeoutMs ?? pdfTimeoutMs(options.env ?? process.env);
  const userDataDir = await mkdtemp(join(tmpdir(), 'partner-health-chromium-'));
  let browser: Browser;
  try {
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, userDataDir });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new Error(`could not start Chromium at ${executablePath}: ${(err as Error).message}`, { cause: err });
  }

  async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await offlinePage(browser);
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  return {
    render: (o) =>
      withPage(async (page) => {
        const docTimeout = timeoutFor(timeout, o.html);
        await load(page, o.html, docTimeout).catch((err: unknown) => { throw slowPdf(err, o.outPath, docTimeout); });
        const bytes = await page.pdf({
          format: o.format ?? 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: headerTemplate(o.title, o.cutoff),
          footerTemplate: footerTemplate(),
          margin: PDF_MARGIN,
          timeout: docTimeout,
        }).catch((err: unknown) => { throw slowPdf(err, o.outPath, docTimeout); });
        await writeFileAtomic(o.outPath, bytes);
      }),
    screenshot: (o) =>
      withPage(async (page) => {
        await page.setViewport({ width: o.width ?? 1280, height: o.height ?? 900, deviceScaleFactor: 1 });
        await page.emulateMediaType('screen');
        await load(page, o.html, timeout);
        const bytes = await page.screenshot({ type: 'png', fullPage: o.fullPage ?? true });
        await writeFileAtomic(o.outPath, bytes);
      }),
    async close() {
      try {
        await browser.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Render one PDF (launches and closes Chromium). */
export async function htmlToPdf(options: PdfOptions & OpenOptions): Promise<void> {
  const renderer = await openPdfRenderer(options);
  try {
    await renderer.render(options);
  } finally {
    await renderer.close();
  }
}

/** Render one PNG screenshot (launches and closes Chromium), for visual checks. */
export async function screenshot(options: ScreenshotOptions & OpenOptions): Promise<void> {
  const renderer = await openPdfRenderer(options);
  try {
    await renderer.screenshot(options);
  } finally {
    await renderer.close();
  }
}
