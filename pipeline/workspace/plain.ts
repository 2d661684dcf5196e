// The one rule for turning DuckDB results into plain JS values: BIGINT (and other 64-bit and wider
// integers) → number, DATE → 'YYYY-MM-DD', TIMESTAMP → ISO text (just the date at midnight), everything
// else as @duckdb/node-api's JS conversion gives it. Values nested in LISTs and STRUCTs keep that JS
// conversion, as they always have.
import { DuckDBTypeId, JSDuckDBValueConverter, type DuckDBDataChunk, type DuckDBDateValue, type DuckDBResultReader, type DuckDBValueConverter, type DuckDBVector } from '@duckdb/node-api';

/** The plain form of a value @duckdb/node-api's JS conversion gave. */
export function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return v;
}

const js = (value: Parameters<DuckDBValueConverter<unknown>>[0], type: Parameters<DuckDBValueConverter<unknown>>[1]): unknown =>
  JSDuckDBValueConverter(value, type, JSDuckDBValueConverter);

// A report reads a few hundred thousand dates that are mostly the same few dozen month ends: each day's
// text is made once (a JS Date and its ISO text cost about a microsecond a value). Bounded, as a query
// may return any number of distinct days.
const dayText = new Map<number, string>();
const DAY_TEXT_LIMIT = 100_000;

/** DuckDB value → plain JS value (see the top of this file); a converter for the result readers. */
export const plainValue: DuckDBValueConverter<unknown> = (value, type) => {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BOOLEAN:
      return js(value, type);
    case DuckDBTypeId.DATE: {
      const days = (value as DuckDBDateValue).days;
      let text = dayText.get(days);
      if (text === undefined) {
        text = toPlain(js(value, type)) as string; // out of a JS Date's range: the same error as before
        if (dayText.size < DAY_TEXT_LIMIT) dayText.set(days, text);
      }
      return text;
    }
    default:
      return toPlain(js(value, type));
  }
};

/** Rows as objects of plain values. */
export const plainRowObjects = (reader: DuckDBResultReader): Record<string, unknown>[] => reader.convertRowObjects(plainValue);
/** Rows as arrays of plain values, in column order. */
export const plainRows = (reader: DuckDBResultReader): unknown[][] => reader.convertRows(plainValue);
/**
 * How @duckdb/node-api 1.5 keeps a flat vector (private fields, checked at run time before use): its values
 * as a typed array and its validity as 64-bit words, bit i of the array set when value i is not NULL.
 */
interface FlatVector {
  items?: unknown;
  validity?: { data?: unknown; offset?: unknown };
}

/** Validity as 32-bit words (null: no NULLs), or undefined when the vector is not kept as FlatVector says. */
function validityWords(v: FlatVector): Uint32Array | null | undefined {
  const val = v.validity;
  if (!val || val.offset !== 0) return undefined;
  if (val.data === null) return null;
  if (!(val.data instanceof BigUint64Array)) return undefined;
  return new Uint32Array(val.data.buffer, val.data.byteOffset, val.data.length * 2);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Append vector `v`'s plain values to `out`. DOUBLE, INTEGER, BIGINT and DATE values are read straight from the
 * vector's typed array, a NULL from its validity bits: the library's getItem tests each value's bit with
 * BigInt arithmetic, and that was most of the cost of reading M's calibration dataset (16 columns × 170k
 * rows: 0.42–0.50 CPU s, 0.16–0.27 this way). The values are the same; a DATE whose day is not in the
 * text cache, text values and any other type (or a vector not kept as expected) go through plainValue.
 */
function appendPlain(v: DuckDBVector, out: unknown[]): void {
  const type = v.type;
  const n = v.itemCount;
  const flat = v as unknown as FlatVector;
  const id = type.typeId;
  const items = flat.items;
  const numeric = (id === DuckDBTypeId.DOUBLE && items instanceof Float64Array) || (id === DuckDBTypeId.INTEGER && items instanceof Int32Array)
    || (id === DuckDBTypeId.BIGINT && items instanceof BigInt64Array);
  const bits = LITTLE_ENDIAN && (numeric || id === DuckDBTypeId.VARCHAR || id === DuckDBTypeId.DATE) ? validityWords(flat) : undefined;
  if (numeric && bits !== undefined && (items as ArrayLike<unknown>).length === n) {
    if (items instanceof BigInt64Array) {
      for (let i = 0; i < n; i++) out.push(bits === null || (bits[i >>> 5]! >>> (i & 31)) & 1 ? Number(items[i]!) : null);
    } else {
      const xs = items as Float64Array | Int32Array;
      for (let i = 0; i < n; i++) out.push(bits === null || (bits[i >>> 5]! >>> (i & 31)) & 1 ? xs[i]! : null);
    }
    return;
  }
  if (id === DuckDBTypeId.DATE && items instanceof Int32Array && bits !== undefined && items.length === n) {
    // a day whose text is made already (plainValue's cache) is taken from there; another goes through plainValue
    for (let i = 0; i < n; i++) {
      if (bits !== null && !((bits[i >>> 5]! >>> (i & 31)) & 1)) out.push(null);
      else out.push(dayText.get(items[i]!) ?? plainValue(v.getItem(i), type, plainValue));
    }
    return;
  }
  if (bits) {
    // text: a NULL is known from its bit; a value is decoded by the library
    for (let i = 0; i < n; i++) out.push((bits[i >>> 5]! >>> (i & 31)) & 1 ? plainValue(v.getItem(i), type, plainValue) : null);
    return;
  }
  for (let i = 0; i < n; i++) out.push(plainValue(v.getItem(i), type, plainValue));
}

/** Columns of plain values by name (`names`: the result's deduplicated column names), from its chunks. */
export function plainColumns(names: readonly string[], chunks: readonly DuckDBDataChunk[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const name of names) out[name] = [];
  for (const chunk of chunks) {
    for (let c = 0; c < names.length; c++) appendPlain(chunk.getColumnVector(c), out[names[c]!]!);
  }
  return out;
}
