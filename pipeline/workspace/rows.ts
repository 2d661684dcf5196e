// Typed rows from a query: a schema names each column's converter, and a value of the wrong type is an
// error naming the column, the row and the query, instead of a cast that lets a wrong type through.

/** Reads one value of a column; `what` is the expectation used in the error message. */
export interface Column<T> {
  what: string;
  read(v: unknown): T | typeof WRONG;
}

export const WRONG: unique symbol = Symbol('wrong type');

export type Schema = Record<string, Column<unknown>>;
export type RowOf<S extends Schema> = { [K in keyof S]: S[K] extends Column<infer T> ? T : never };

const column = <T>(what: string, read: (v: unknown) => T | typeof WRONG): Column<T> => ({ what, read });

/** Text (VARCHAR). */
export const text = column('text', (v) => (typeof v === 'string' ? v : WRONG));
/** Any number (DOUBLE, DECIMAL, or an integer). */
export const num = column('a number', (v) => (typeof v === 'number' ? v : WRONG));
/** An integer (INTEGER, BIGINT as a number: counts here fit in 2^53). */
export const int = column('an integer', (v) => (typeof v === 'number' && Number.isInteger(v) ? v : WRONG));
/** A boolean (BOOLEAN). */
export const bool = column('a boolean', (v) => (typeof v === 'boolean' ? v : WRONG));
/** A date as 'YYYY-MM-DD' (DATE, or a VARCHAR holding one). */
export const date = column('a date (YYYY-MM-DD)', (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : WRONG));

/** The same column, or NULL. */
export function nullable<T>(c: Column<T>): Column<T | null> {
  return column(`${c.what} or NULL`, (v) => (v === null || v === undefined ? null : c.read(v)));
}

/** A LIST of values of one column type. */
export function list<T>(c: Column<T>): Column<T[]> {
  return column(`a list of ${c.what}`, (v) => {
    if (!Array.isArray(v)) return WRONG;
    const out: T[] = [];
    for (const x of v) {
      const r = c.read(x);
      if (r === WRONG) return WRONG;
      out.push(r);
    }
    return out;
  });
}

/** One of a fixed set of strings (a band, a verdict). */
export function oneOf<const T extends string>(values: readonly T[]): Column<T> {
  return column(`one of ${values.join(', ')}`, (v) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : WRONG));
}

/**
 * Check and convert a column-oriented result (see Workspace.columns) against `schema`; extra columns are
 * dropped. Each column is read and checked in one pass, and each row object is made once.
 */
export function checkColumns<S extends Schema>(schema: S, cols: Readonly<Record<string, readonly unknown[]>>, sql: string): RowOf<S>[] {
  const names = Object.keys(schema);
  const first = Object.values(cols)[0];
  const n = first ? first.length : 0;
  const checked = names.map((name) => {
    const values = cols[name];
    if (!values) {
      if (n === 0) return [];
      throw new Error(`query result has no column '${name}' (${firstLine(sql)})`);
    }
    const read = schema[name]!.read;
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = read(values[i]);
      if (v === WRONG) {
        throw new Error(`query result column '${name}', row ${i + 1}: expected ${schema[name]!.what}, got ${JSON.stringify(values[i])} (${firstLine(sql)})`);
      }
      out[i] = v;
    }
    return out;
  });
  const rows: RowOf<S>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = checked[c]![i];
    rows[i] = row as RowOf<S>;
  }
  return rows;
}

function firstLine(sql: string): string {
  const line = sql.trim().split('\n')[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
