// The analyst's notebook API: query a run's workspace, get DataFrames, and publish your own report page
// with the same look, charts and escaping as the shipped reports.
//
//   import { openNotebook } from 'partner-health/notebook';
//   const nb = await openNotebook('reports/demo');
//   const df = await nb.df('SELECT region, avg(composite) AS health FROM health JOIN partners USING (partner_id) GROUP BY 1');
//   await nb.writePage('reports/demo/regions.html', { title: 'Health by region', sections: [{ heading: 'Regions', table: await nb.table(…) }] });
//   await nb.writeNotebooks(['notebooks/engagement-drop.md'], { outDir: 'reports/demo/notebooks', pdf: true });
import type { DataFrame } from 'danfojs-node';
import { openReadOnly, workspaceFile, type Params, type Row } from '../workspace/db.js';
import { nullable, text } from '../workspace/rows.js';
import { htmlToPdf, renderChart, type ChartInput, type PaperFormat, type RenderedChart } from '../render/index.js';
import { renderPage, type PageSpec } from './page.js';
import { autoColumns, type TableSpec } from './table.js';
import { renderNotebookFile, type NotebookRenderOptions, type RenderedPage } from './render-file.js';
import { writeNotebookPages } from './write.js';
import { writeFileAtomic } from '../io/atomic.js';

export type { PageSpec, PageSection } from './page.js';
export type { TableSpec, TableColumn } from './table.js';
export type { RenderedPage, NotebookRenderOptions } from './render-file.js';
export { NotebookError } from './parse.js';

export interface WriteNotebooksOptions extends NotebookRenderOptions {
  outDir: string;
  pdf?: boolean;
}

export interface Notebook {
  /** Run a read-only query; rows come back as plain values (dates as 'YYYY-MM-DD'). */
  sql<T = Row>(query: string, params?: Params): Promise<T[]>;
  /** The same query as a danfo.js DataFrame (danfojs-node is loaded on first use: it takes ~0.5 s). */
  df(query: string, params?: Params): Promise<DataFrame>;
  /** A table section from a query: every column, labelled by its name, numbers right-aligned. */
  table(query: string, params?: Params, caption?: string): Promise<TableSpec>;
  /** A Vega-Lite chart rendered to inline SVG, with a title and a text alternative. */
  chart(input: ChartInput): Promise<RenderedChart>;
  /** A self-contained HTML page in the reports' style; all text is escaped. */
  page(spec: PageSpec): string;
  /** Render and write a page atomically; returns the path. */
  writePage(path: string, spec: PageSpec): Promise<string>;
  /** Render a page to PDF (needs Chromium); returns the path. */
  writePdf(path: string, spec: PageSpec, format?: PaperFormat): Promise<string>;
  /** Render a notebook file (Markdown with sql/chart/table cells) to its pages, in memory. */
  render(file: string, options?: NotebookRenderOptions): Promise<RenderedPage[]>;
  /** Render notebook files and write their pages (and PDFs); nothing is written if any cell fails. */
  writeNotebooks(files: string[], options: WriteNotebooksOptions): Promise<string[]>;
  close(): void;
}

export interface NotebookOptions {
  /** Let queries read and write files (read_csv, COPY … TO); off by default so a query cannot touch the run. */
  fileAccess?: boolean;
}

/** Open a run's output directory (or a workspace file) read-only. */
export async function openNotebook(outDirOrWorkspace: string, opts: NotebookOptions = {}): Promise<Notebook> {
  const ws = await openReadOnly(workspaceFile(outDirOrWorkspace), opts);
  const instance = ws.database;
  const [info] = await ws.rows({ cutoff: text, model: nullable(text), model_version: nullable(text) },
    'SELECT cutoff::VARCHAR AS cutoff, model, model_version FROM run_info');
  const meta = { cutoff: info?.cutoff, model: info ? `${info.model} ${info.model_version}` : undefined };

  const columns = async (query: string, params?: Params): Promise<{ names: string[]; cols: unknown[][] }> => {
    const { names, rows } = await ws.table(query, params);
    return { names, cols: names.map((_, i) => rows.map((r) => r[i])) };
  };

  const nb: Notebook = {
    // the analyst's row type is their own assertion, as in any query API; the rows themselves are plain values
    sql: ws.query as Notebook['sql'],
    async df(query, params) {
      const { names, cols } = await columns(query, params);
      const dfd = await import('danfojs-node');
      // danfo cannot build a frame from empty columns; an empty result is a frame with columns and no rows
      if ((cols[0]?.length ?? 0) === 0) return new dfd.DataFrame([], { columns: names });
      return new dfd.DataFrame(Object.fromEntries(names.map((n, i) => [n, cols[i]!])));
    },
    async table(query, params, caption) {
      const { names, cols } = await columns(query, params);
      const rows = cols[0]?.map((_, r) => Object.fromEntries(names.map((n, i) => [n, cols[i]![r]]))) ?? [];
      return { caption, columns: autoColumns({ names, rows }), rows };
    },
    chart: (input) => renderChart(input),
    page: (spec) => renderPage(spec, meta),
    async writePage(target, spec) {
      await writeFileAtomic(target, nb.page(spec));
      return target;
    },
    async writePdf(target, spec, format) {
      await htmlToPdf({ html: nb.page(spec), outPath: target, title: spec.title, cutoff: meta.cutoff, format });
      return target;
    },
    render: (file, options) => renderNotebookFile(instance, meta, file, options),
    async writeNotebooks(files, options) {
      const pages: RenderedPage[] = [];
      for (const f of files) pages.push(...(await renderNotebookFile(instance, meta, f, options)));
      const names = new Set<string>();
      for (const p of pages) {
        if (names.has(p.path)) throw new Error(`two notebooks would both write ${p.path}; give them different file names`);
        names.add(p.path);
      }
      return writeNotebookPages(options.outDir, pages, { pdf: options.pdf, pageFormat: options.pageSize, cutoff: meta.cutoff });
    },
    close: () => ws.close(),
  };
  return nb;
}
