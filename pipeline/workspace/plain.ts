// The one rule for turning DuckDB results into plain JS values: BIGINT (and other 64-bit and wider
// integers) → number, DATE → 'YYYY-MM-DD', TIMESTAMP → ISO text (just the date at midnight), everything
// else as @duckdb/node-api's JS conversion gives it. Values nested in LISTs and STRUCTs keep that JS
// conversion, as they always have.
import { DuckDBTypeId, JSDuckDBValueConverter, type DuckDBDateValue, type DuckDBResultReader, type DuckDBValueConverter } from '@duckdb/node-api';

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
/** Columns of plain values by name. */
export const plainColumns = (reader: DuckDBResultReader): Record<string, unknown[]> => reader.convertColumnsObject(plainValue);
