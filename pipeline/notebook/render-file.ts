// Notebook file → pages: one page, or with `each:` one page per row (the row's values as params) plus
// an index. Everything is rendered in memory; nothing is written here.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from '../workspace/db.js';
import { createRenderer, type Renderer } from '../render/index.js';
import { NotebookError, parseNotebook, type NotebookSource, type ParamValue } from './parse.js';
import { resolveParams } from './params.js';
import { first, runPage, selectRows } from './run.js';

export interface RenderedPage {
  /** Where the page goes, relative to the output directory: "name.html" or "name/slug.html". */
  path: string;
  title: string;
  html: string;
  /** False for an `each:` index, which gets no PDF. */
  printable: boolean;
}

export interface WorkspaceMeta { cutoff?: string; model?: string }

export interface NotebookRenderOptions {
  /** Overrides of the front-matter params (strings are typed like the default). */
  params?: Record<string, string | ParamValue>;
  /** Fixed build time for reproducible output. */
  buildTime?: Date | string;
  pageSize?: 'A4' | 'Letter';
}

/** Render one notebook file against an open workspace. Throws NotebookError (file, cell, line). */
export async function renderNotebookFile(
  db: Database, meta: WorkspaceMeta, file: string, opts: NotebookRenderOptions = {},
): Promise<RenderedPage[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read notebook ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  const src = parseNotebook(file, text);
  const params = resolveParams(file, src.params, opts.params);
  const renderer = createRenderer({ buildTime: opts.buildTime, helpers: { first } });
  const stem = basename(file, extname(file));
  const pageMeta = (title: string) => ({ title, subtitle: src.description, cutoff: meta.cutoff, model: meta.model, pageSize: opts.pageSize });
  const page = (title: string, p: Record<string, ParamValue>, back?: { href: string; label: string }) =>
    withConnection(db, async (conn, tables) => renderer.render('notebook/notebook', { meta: pageMeta(title), back, blocks: await runPage(src, conn, p, renderer, tables) }));

  if (src.each === undefined) return [{ path: `${stem}.html`, title: src.title, html: await page(src.title, params), printable: true }];

  const rows = await withConnection(db, (conn) => eachRows(conn, src, params, text));
  const slugs = new Set<string>();
  const pages: RenderedPage[] = [];
  for (const row of rows) {
    const label = Object.values(row).map(String).join(' · ');
    const slug = uniqueSlug(label, slugs);
    const title = `${src.title}: ${label}`;
    const html = await page(title, { ...params, ...row }, { href: `../${stem}.html`, label: src.title });
    pages.push({ path: `${stem}/${slug}.html`, title, html, printable: true });
  }
  const index = renderer.render('notebook/index', {
    meta: pageMeta(src.title),
    pages: pages.map((p, i) => ({ href: p.path, label: Object.values(rows[i]!).map(String).join(' · ') })),
  });
  return [{ path: `${stem}.html`, title: src.title, html: index, printable: false }, ...pages];
}

type Conn = Awaited<ReturnType<Database['connect']>>;

/** A fresh connection per page: its temporary result tables vanish with it. */
async function withConnection<T>(db: Database, fn: (conn: Conn, tables: ReadonlySet<string>) => Promise<T>): Promise<T> {
  const conn = await db.connect();
  try {
    const reader = await conn.runAndReadAll('SELECT lower(table_name) AS t FROM information_schema.tables');
    return await fn(conn, new Set(reader.getRowsJS().map((r) => String(r[0]))));
  } finally {
    conn.closeSync();
  }
}

const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The rows of `each:` — a query, or a partners column (its distinct values). */
async function eachRows(conn: Conn, src: NotebookSource, params: Record<string, ParamValue>, text: string): Promise<Record<string, ParamValue>[]> {
  const line = text.split('\n').findIndex((l) => /^each\s*:/.test(l)) + 1 || 2;
  const each = src.each!.trim();
  let sql = each;
  if (COLUMN.test(each)) {
    const cols = await selectRows(conn, `SELECT column_name FROM information_schema.columns WHERE table_name = 'partners' AND column_name = $c`, { c: each });
    if (!cols.rows.length) throw new NotebookError(src.file, line, `each: ${each} is not a column of partners; give a column name or a SELECT`);
    sql = `SELECT DISTINCT "${each}" FROM partners WHERE "${each}" IS NOT NULL ORDER BY 1`; // identifier checked above
  }
  try {
    const r = await selectRows(conn, sql, params);
    if (!r.rows.length) throw new Error('the query returned no rows, so there are no pages to write');
    return r.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, asParam(v)])));
  } catch (err) {
    throw new NotebookError(src.file, line, `each: ${(err as Error).message.split('\n')[0]}`);
  }
}

function asParam(v: unknown): ParamValue {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : v === null ? '' : String(v);
}

function uniqueSlug(label: string, seen: Set<string>): string {
  const base = label.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'page';
  let slug = base;
  for (let i = 2; seen.has(slug); i++) slug = `${base}-${i}`;
  seen.add(slug);
  return slug;
}

export type { Renderer };
