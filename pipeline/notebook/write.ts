// Write rendered notebook pages (and their PDFs) into an output directory. Everything is rendered and
// printed into a staging directory first, then moved into place, so a failure writes no page at all;
// pages an earlier `each:` run wrote for rows that are gone are removed.
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openPdfRenderer, type PaperFormat } from '../render/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { RenderedPage } from './render-file.js';

export interface WriteOptions {
  pdf?: boolean;
  pageFormat?: PaperFormat;
  /** Data cut-off shown in the PDF header. */
  cutoff?: string;
}

const pdfName = (p: string) => p.replace(/\.html$/, '.pdf');

/** Write `pages` under `outDir`; returns the files written. */
export async function writeNotebookPages(outDir: string, pages: RenderedPage[], o: WriteOptions = {}): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(join(outDir, '.notebook-'));
  const files: string[] = [];
  try {
    for (const p of pages) {
      await writeFileAtomic(join(staging, p.path), p.html);
      files.push(p.path);
    }
    if (o.pdf) {
      const pdf = await openPdfRenderer();
      try {
        for (const p of pages.filter((x) => x.printable)) {
          await pdf.render({ html: p.html, outPath: join(staging, pdfName(p.path)), title: p.title, cutoff: o.cutoff, format: o.pageFormat });
          files.push(pdfName(p.path));
        }
      } finally {
        await pdf.close();
      }
    }
    for (const f of files) {
      await mkdir(dirname(join(outDir, f)), { recursive: true });
      await rename(join(staging, f), join(outDir, f));
    }
    await removeStale(outDir, files);
    return files.map((f) => join(outDir, f));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** In each page subdirectory written now, drop .html/.pdf files this render did not write. */
async function removeStale(outDir: string, written: string[]): Promise<void> {
  const keep = new Set(written);
  const dirs = new Set(written.filter((f) => f.includes('/')).map((f) => dirname(f)));
  for (const d of dirs) {
    if (!existsSync(join(outDir, d))) continue;
    for (const f of await readdir(join(outDir, d))) {
      if (/\.(html|pdf)$/.test(f) && !keep.has(`${d}/${f}`)) await rm(join(outDir, d, f), { force: true });
    }
  }
}
