// Run one notebook page: each sql cell's SELECT is checked, bound to the params and kept as a temporary
// table (so later cells query it by name); chart and table cells draw from those results; prose gets its
// {{…}} expressions evaluated. Every failure is a NotebookError naming the file, the cell and the line.
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { parse as parseYaml } from 'yaml';
import { MISSING, bandScale, markdownSlot, renderChart, renderMarkdown, type RenderedChart, type RenderedMarkdown, type Renderer, type VegaLiteSpec } from '../render/index.js';
import { plainRows } from '../workspace/plain.js';
import { NotebookError, type Cell, type NotebookSource, type ParamValue, type Prose } from './parse.js';
import { chosenColumns, tableFromResult, type Result, type TableSpec } from './table.js';

export interface PageBlock {
  prose?: RenderedMarkdown;
  chart?: RenderedChart;
  table?: TableSpec;
}

/** `first rows "col"`: the first row's value of a column ("—" when there is no row). */
export function first(rows: unknown, column: unknown): unknown {
  const row = Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;
  if (row === undefined) return MISSING;
  return typeof column === 'string' ? (row[column] ?? MISSING) : row;
}

/** Run a single read-only SELECT with its $params bound (never spliced) and return its rows. */
export async function selectRows(
  conn: DuckDBConnection, sql: string, params: Record<string, ParamValue>, into?: string,
): Promise<Result> {
  const text = sql.trim().replace(/;\s*$/, '');
  const statements = await conn.extractStatements(text);
  if (statements.count !== 1) throw new Error(`expected one SELECT statement, found ${statements.count}`);
  const prepared = await statements.prepare(0);
  if (prepared.statementType !== StatementType.SELECT) throw new Error('only SELECT queries may run in a notebook (the workspace is read-only)');
  const values: Record<string, ParamValue> = {};
  for (let i = 1; i <= prepared.parameterCount; i++) {
    const name = prepared.parameterName(i);
    if (/^\d+$/.test(name)) throw new Error('use named parameters ($name), not ? or $1');
    if (!(name in params)) throw new Error(`$${name} is not a parameter of this notebook (params: ${Object.keys(params).join(', ') || 'none'})`);
    values[name] = params[name]!;
  }
  // the checked statement, materialised so later cells can query it by name
  const query = into ? `CREATE TEMP TABLE "${into}" AS ${text}` : text;
  const run = await conn.runAndReadAll(query, values);
  const reader = into ? await conn.runAndReadAll(`SELECT * FROM "${into}"`) : run;
  const names = reader.columnNames();
  const rows = plainRows(reader).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
  return { names, rows };
}

/** DuckDB reports "LINE n:" within the query; turn that into the line of the notebook file. */
function sqlError(file: string, cell: Cell, err: Error): NotebookError {
  const m = /\nLINE (\d+):/.exec(err.message);
  const line = m ? cell.line + Number(m[1]) : cell.line;
  return new NotebookError(file, line, err.message.split(/\n+LINE \d+:/)[0]!.replace(/\s*\n\s*/g, ' '), cell);
}

const MUSTACHE = /\{\{\{?[\s\S]*?\}?\}\}/g;

function prose(block: Prose, file: string, renderer: Renderer, context: object): RenderedMarkdown {
  const slots: string[] = [];
  const source = block.text.replace(MUSTACHE, (m, offset: number) => {
    const line = block.line + (block.text.slice(0, offset).match(/\n/g)?.length ?? 0);
    const inner = m.slice(2).trimStart();
    if (inner.startsWith('!')) return '';
    if (m.startsWith('{{{') || inner.startsWith('&')) throw new NotebookError(file, line, `${m}: unescaped output is not allowed; use {{…}}`);
    if (/^[#/^>]|^else\b/.test(inner)) throw new NotebookError(file, line, `${m}: prose takes expressions such as {{name.length}} or {{first name "column"}}, not blocks or partials`);
    try {
      slots.push(renderer.text(m, context));
    } catch (err) {
      throw new NotebookError(file, line, `${m}: ${(err as Error).message.split('\n')[0]}`);
    }
    return markdownSlot(slots.length - 1);
  });
  return renderMarkdown(source, slots);
}

function yamlBody(cell: Cell): unknown {
  try {
    return cell.body.trim() ? parseYaml(cell.body) : undefined;
  } catch (err) {
    throw new Error(`cannot read the cell body as JSON or YAML: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
}

async function chart(cell: Cell, result: Result, text: (s: string) => string): Promise<RenderedChart> {
  const spec = yamlBody(cell);
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new Error('expected a Vega-Lite spec (a JSON or YAML mapping)');
  const s = { ...(spec as Record<string, unknown>) };
  if (s.data !== undefined) throw new Error(`remove "data" from the spec: the rows come from data=${cell.options.data}`);
  const title = cell.options.title ?? (typeof s.title === 'string' ? s.title : undefined);
  const description = cell.options.description ?? (typeof s.description === 'string' ? s.description : undefined);
  if (!title) throw new Error('a chart needs a title (title="…" on the fence, or "title" in the spec)');
  if (!description) throw new Error('a chart needs a description, its text alternative (description="…" or "description" in the spec)');
  if (typeof s.title === 'string') delete s.title; // shown once, in the caption
  delete s.description;
  useBandColours(s.encoding);
  const size = (k: 'width' | 'height') => (cell.options[k] === undefined ? undefined : positive(cell.options[k]!, k));
  if (s.width === undefined && cell.options.width === undefined) s.width = DEFAULT_WIDTH;
  return renderChart({
    spec: s as unknown as VegaLiteSpec, data: { values: result.rows }, title: text(title), description: text(description),
    width: size('width'), height: size('height'),
  });
}

/** The reports' chart width (as in templates/charts): wide enough for labels, scaled down on phones. */
const DEFAULT_WIDTH = 640;

/** `scale: bands` on a channel means the reports' Green/Yellow/Red colours (one home: the theme). */
function useBandColours(encoding: unknown): void {
  if (typeof encoding !== 'object' || encoding === null) return;
  for (const channel of Object.values(encoding as Record<string, unknown>)) {
    const c = channel as { scale?: unknown } | null;
    if (c && typeof c === 'object' && c.scale === 'bands') c.scale = bandScale();
  }
}

function positive(v: string, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${what}=${v}: expected a positive whole number`);
  return n;
}

/** Run every cell of one page in order on `conn` (a fresh connection: temp tables are per connection). */
export async function runPage(
  src: NotebookSource, conn: DuckDBConnection, params: Record<string, ParamValue>, renderer: Renderer, workspaceTables: ReadonlySet<string>,
): Promise<PageBlock[]> {
  const results = new Map<string, Result>();
  const context = (): object => ({ params, ...Object.fromEntries([...results].map(([k, r]) => [k, r.rows])) });
  const blocks: PageBlock[] = [];
  for (const block of src.blocks) {
    if (block.kind === 'prose') {
      blocks.push({ prose: prose(block, src.file, renderer, context()) });
      continue;
    }
    const cell = block;
    const fail = (err: unknown) => new NotebookError(src.file, cell.line, (err as Error).message, cell);
    if (cell.kind === 'sql') {
      const name = cell.options.name!;
      if (name === 'params' || results.has(name) || workspaceTables.has(name.toLowerCase())) {
        throw fail(new Error(`name=${name} is taken (${name === 'params' ? 'the parameters' : results.has(name) ? 'an earlier cell' : 'a workspace table'}); choose another`));
      }
      try {
        results.set(name, await selectRows(conn, cell.body, params, name));
      } catch (err) {
        throw sqlError(src.file, cell, err as Error);
      }
      continue;
    }
    const data = cell.options.data!;
    const result = results.get(data);
    if (!result) throw fail(new Error(`data=${data}: no earlier sql cell is named ${data}${results.size ? ` (earlier: ${[...results.keys()].join(', ')})` : ''}`));
    const text = (s: string) => renderer.text(s, context());
    try {
      if (cell.kind === 'chart') blocks.push({ chart: await chart(cell, result, text) });
      else {
        const limit = cell.options.limit === undefined ? undefined : positive(cell.options.limit, 'limit');
        const caption = cell.options.caption === undefined ? undefined : text(cell.options.caption);
        blocks.push({ table: tableFromResult(result, chosenColumns(result, yamlBody(cell)), limit, caption) });
      }
    } catch (err) {
      throw err instanceof NotebookError ? err : fail(err);
    }
  }
  return blocks;
}
