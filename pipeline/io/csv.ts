// RFC 4180 CSV fields: a field containing a comma, quote, CR or LF is quoted, its quotes doubled.

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field; null and undefined are empty, non-finite numbers are empty. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
