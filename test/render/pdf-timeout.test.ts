// PDFs on a slow machine: the wait allows minutes by default (PARTNER_HEALTH_PDF_TIMEOUT changes it), and a
// timeout says what to do instead of "Timed out after waiting 30000ms".
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openPdfRenderer, pdfTimeoutMs } from '../../pipeline/render/pdf.js';
import { tempDir } from '../helpers/workspace.js';

describe('PDF timeout', () => {
  it('defaults to minutes, not 30 s; PARTNER_HEALTH_PDF_TIMEOUT (seconds) overrides', () => {
    expect(pdfTimeoutMs({})).toBe(300_000);
    expect(pdfTimeoutMs({ PARTNER_HEALTH_PDF_TIMEOUT: '900' })).toBe(900_000);
    expect(pdfTimeoutMs({ PARTNER_HEALTH_PDF_TIMEOUT: 'soon' })).toBe(300_000);
  });

  it('a document that is not ready in time gives an actionable error naming the file', async () => {
    const out = join(tempDir(), 'slow.pdf');
    // a readiness script that never signals ready: the render waits until the timeout
    const html = '<!doctype html><html><head><script data-readiness></script></head><body>slow</body></html>';
    const pdf = await openPdfRenderer({ timeoutMs: 300 });
    try {
      await expect(pdf.render({ html, outPath: out, title: 'Slow' })).rejects.toThrow(
        new RegExp(`Chromium did not finish ${out.replace(/[.]/g, '\\.')} within 0\\.3 s .*PARTNER_HEALTH_PDF_TIMEOUT=<seconds>`),
      );
    } finally {
      await pdf.close();
    }
  });
});
