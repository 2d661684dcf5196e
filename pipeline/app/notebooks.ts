// The example notebooks shipped in notebooks/: `demo` renders them into <run>/notebooks/, and the
// quarterly report links to those that are there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packageRoot } from '../render/paths.js';
import { openNotebook } from '../notebook/index.js';
import { parseNotebook } from '../notebook/parse.js';

export interface NotebookLink { href: string; title: string; description?: string }

export const NOTEBOOKS_DIR = 'notebooks';

/** The shipped notebook files, in name order. */
export function shippedNotebooks(): string[] {
  const dir = join(packageRoot(), NOTEBOOKS_DIR);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => join(dir, f)) : [];
}

/** Links (relative to the run directory) to the shipped notebooks; with `runDir`, only those rendered there. */
export function notebookLinks(runDir?: string): NotebookLink[] {
  return shippedNotebooks().flatMap((file) => {
    const href = `${NOTEBOOKS_DIR}/${basename(file, '.md')}.html`;
    if (runDir && !existsSync(join(runDir, href))) return [];
    const src = parseNotebook(file, readFileSync(file, 'utf8'));
    return [{ href, title: src.title, description: src.description }];
  });
}

/** Render the shipped notebooks against a run; returns the files written. */
export async function renderShippedNotebooks(runDir: string, o: { pdf: boolean; pageFormat: 'A4' | 'Letter' }): Promise<string[]> {
  const nb = await openNotebook(runDir);
  try {
    return await nb.writeNotebooks(shippedNotebooks(), { outDir: join(runDir, NOTEBOOKS_DIR), pdf: o.pdf, pageSize: o.pageFormat });
  } finally {
    nb.close();
  }
}
