// A notebook file: YAML front matter (title, description, params, each) and Markdown whose fenced
// ```sql name=x```, ```chart data=x``` and ```table data=x``` blocks are cells. Other fences stay prose.
// Every part keeps its line in the file, so an error can point at it.
import MarkdownIt from 'markdown-it';
import { parse as parseYaml, YAMLParseError } from 'yaml';

export type ParamValue = string | number | boolean;
export type CellKind = 'sql' | 'chart' | 'table';
export const CELL_KINDS: readonly CellKind[] = ['sql', 'chart', 'table'];

export interface Cell {
  kind: CellKind;
  /** 1-based position among the file's cells. */
  index: number;
  /** 1-based line of the opening fence. */
  line: number;
  /** key=value options of the fence's info string (name, data, limit, title, …). */
  options: Record<string, string>;
  body: string;
}

export interface Prose {
  kind: 'prose';
  line: number;
  text: string;
}

export interface NotebookSource {
  file: string;
  title: string;
  description?: string;
  params: Record<string, ParamValue>;
  /** One page per row of this query (or of this partners column), with the row as params. */
  each?: string;
  blocks: (Prose | Cell)[];
}

/** An error in a notebook, prefixed with file and line (and the cell when there is one). */
export class NotebookError extends Error {
  constructor(readonly file: string, readonly line: number, message: string, readonly cell?: Cell) {
    super(`${file}:${line}: ${cell ? `${cellLabel(cell)}: ` : ''}${message}`);
    this.name = 'NotebookError';
  }
}

/** "sql cell 2 (at_risk)" — the cell's kind, number and name. */
export function cellLabel(cell: Cell): string {
  const name = cell.options.name ?? cell.options.data;
  return `${cell.kind} cell ${cell.index}${name ? ` (${name})` : ''}`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPTION = /^([A-Za-z_][\w.-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))/;

function parseInfo(file: string, line: number, rest: string): Record<string, string> {
  const options: Record<string, string> = {};
  let s = rest.trim();
  while (s) {
    const m = OPTION.exec(s);
    if (!m) throw new NotebookError(file, line, `cannot read fence option ${JSON.stringify(s.split(/\s/)[0])}: expected key=value (quote values with spaces)`);
    options[m[1]!] = m[2] ?? m[3] ?? m[4]!;
    s = s.slice(m[0].length).trim();
  }
  return options;
}

function frontMatter(file: string, text: string): { data: Record<string, unknown>; bodyStart: number } {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') throw new NotebookError(file, 1, 'expected YAML front matter between --- lines, with at least a title');
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) throw new NotebookError(file, 1, 'front matter is not closed by a --- line');
  let data: unknown;
  try {
    data = parseYaml(lines.slice(1, end).join('\n'));
  } catch (err) {
    const line = err instanceof YAMLParseError ? (err.linePos?.[0].line ?? 0) + 1 : 1;
    throw new NotebookError(file, line, `front matter: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new NotebookError(file, 2, 'front matter must be a YAML mapping (title: …)');
  return { data: data as Record<string, unknown>, bodyStart: end + 1 };
}

function checkMeta(file: string, fm: Record<string, unknown>): Omit<NotebookSource, 'file' | 'blocks'> {
  const known = ['title', 'description', 'params', 'each'];
  for (const k of Object.keys(fm)) if (!known.includes(k)) throw new NotebookError(file, 2, `unknown front matter key "${k}" (known: ${known.join(', ')})`);
  if (typeof fm.title !== 'string' || !fm.title.trim()) throw new NotebookError(file, 2, 'front matter needs a title');
  if (fm.description !== undefined && typeof fm.description !== 'string') throw new NotebookError(file, 2, 'description must be text');
  if (fm.each !== undefined && (typeof fm.each !== 'string' || !fm.each.trim())) throw new NotebookError(file, 2, 'each must be a query or a partners column name');
  const params: Record<string, ParamValue> = {};
  const raw = fm.params ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new NotebookError(file, 2, 'params must be a mapping of name: default');
  for (const [k, v] of Object.entries(raw)) {
    if (!NAME.test(k)) throw new NotebookError(file, 2, `param "${k}": names are letters, digits and _`);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new NotebookError(file, 2, `param "${k}": the default must be text, a number or true/false`);
    params[k] = v;
  }
  return { title: fm.title, description: fm.description as string | undefined, params, each: fm.each as string | undefined };
}

let fences: MarkdownIt | undefined;

/** Parse a notebook file's text. Throws NotebookError naming file and line. */
export function parseNotebook(file: string, text: string): NotebookSource {
  const src = text.replace(/\r\n?/g, '\n');
  const { data, bodyStart } = frontMatter(file, src);
  const meta = checkMeta(file, data);
  const lines = src.split('\n');
  const body = lines.slice(bodyStart).join('\n');
  fences ??= new MarkdownIt();
  const blocks: (Prose | Cell)[] = [];
  let next = 0; // next body line not yet assigned to a block
  let index = 0;
  const prose = (to: number) => {
    const t = lines.slice(bodyStart + next, bodyStart + to).join('\n');
    if (t.trim()) blocks.push({ kind: 'prose', line: bodyStart + next + 1, text: t });
  };
  for (const tok of fences.parse(body, {})) {
    if (tok.type !== 'fence' || !tok.map) continue;
    const [kind, ...rest] = tok.info.trim().split(/\s+/);
    if (!CELL_KINDS.includes(kind as CellKind)) continue;
    const [start, end] = tok.map;
    const line = bodyStart + start + 1;
    prose(start);
    const cell: Cell = { kind: kind as CellKind, index: ++index, line, options: parseInfo(file, line, rest.join(' ')), body: tok.content };
    checkCell(file, cell);
    blocks.push(cell);
    next = end;
  }
  prose(lines.length - bodyStart);
  return { file, ...meta, blocks };
}

const ALLOWED: Record<CellKind, string[]> = {
  sql: ['name'],
  chart: ['data', 'title', 'description', 'width', 'height'],
  table: ['data', 'limit', 'caption'],
};

function checkCell(file: string, cell: Cell): void {
  const err = (m: string) => new NotebookError(file, cell.line, m, cell);
  for (const k of Object.keys(cell.options)) {
    if (!ALLOWED[cell.kind].includes(k)) throw err(`unknown option "${k}" (a ${cell.kind} cell takes ${ALLOWED[cell.kind].join(', ')})`);
  }
  const key = cell.kind === 'sql' ? 'name' : 'data';
  const v = cell.options[key];
  if (v === undefined) throw err(`needs ${key}=… (${cell.kind === 'sql' ? 'the name its result is bound to' : 'the name of an earlier sql cell'})`);
  if (!NAME.test(v)) throw err(`${key}=${v}: names are letters, digits and _, not starting with a digit`);
}
