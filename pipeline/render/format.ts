// Number, percent, money and date formatting for reports: fixed locale (en-US) and time zone (UTC),
// so output never depends on the machine that renders it. Missing values render as an em dash.

export const MISSING = '—';

function toNumber(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function digitsOf(value: unknown, fallback: number): number {
  const d = toNumber(value);
  return d === undefined ? fallback : Math.max(0, Math.min(10, Math.trunc(d)));
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat('en-US', options)));
  return f;
}

/** 1234.5 → "1,235" (digits 0) or "1,234.5" (digits 1). */
export function fmtNum(value: unknown, digits?: unknown): string {
  const n = toNumber(value);
  if (n === undefined) return MISSING;
  const d = digitsOf(digits, 0);
  return numberFormat(`n${d}`, { minimumFractionDigits: d, maximumFractionDigits: d }).format(n);
}

/** A fraction as a percentage: 0.125 → "13%" (digits 0) or "12.5%" (digits 1). */
export function fmtPct(value: unknown, digits?: unknown): string {
  const n = toNumber(value);
  if (n === undefined) return MISSING;
  return `${fmtNum(n * 100, digitsOf(digits, 0))}%`;
}

/** Compact money: 1_234_567 → "$1.2M", 950 → "$950", -4200 → "-$4.2K". */
export function fmtMoney(value: unknown, currency?: unknown): string {
  const n = toNumber(value);
  if (n === undefined) return MISSING;
  const cur = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : 'USD';
  return numberFormat(`m${cur}`, {
    style: 'currency',
    currency: cur,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(n);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const d = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const pad = (n: number) => String(n).padStart(2, '0');

export type DateStyle = 'medium' | 'iso' | 'month' | 'quarter' | 'datetime';

/**
 * Dates in UTC. Styles: "medium" 31 Mar 2025 (default), "iso" 2025-03-31, "month" Mar 2025,
 * "quarter" Q1 2025 (the vocabulary's one quarter label), "datetime" 2025-03-31 14:05 UTC. Unparseable input is returned as text.
 */
export function fmtDate(value: unknown, style?: unknown): string {
  const d = toDate(value);
  if (!d) return value === null || value === undefined || value === '' ? MISSING : String(value);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  switch (style) {
    case 'iso':
      return `${y}-${pad(m + 1)}-${pad(day)}`;
    case 'month':
      return `${MONTHS[m]} ${y}`;
    case 'quarter':
      return `Q${Math.floor(m / 3) + 1} ${y}`;
    case 'datetime':
      return `${y}-${pad(m + 1)}-${pad(day)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
    default:
      return `${day} ${MONTHS[m]} ${y}`;
  }
}

export type Band = 'green' | 'yellow' | 'red';

export function normalizeBand(value: unknown): Band | undefined {
  const b = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return b === 'green' || b === 'yellow' || b === 'red' ? b : undefined;
}

/** CSS class for a band: "band-green" | "band-yellow" | "band-red" | "band-none". */
export function bandClass(value: unknown): string {
  return `band-${normalizeBand(value) ?? 'none'}`;
}

/** Display label for a band: "Green" | "Yellow" | "Red" | "—". */
export function bandLabel(value: unknown): string {
  const b = normalizeBand(value);
  return b ? b[0]!.toUpperCase() + b.slice(1) : MISSING;
}

/** The cell formats a report or notebook table column may name. */
export const CELL_FORMATS = ['text', 'num', 'pct', 'money', 'date', 'band'] as const;
export type CellFormat = (typeof CELL_FORMATS)[number];

/** Format one table cell by a column's `format` and `digits`. */
export function fmtCell(value: unknown, format?: unknown, digits?: unknown): string {
  switch (format) {
    case 'num':
      return fmtNum(value, digits);
    case 'pct':
      return fmtPct(value, digits);
    case 'money':
      return fmtMoney(value);
    case 'date':
      return fmtDate(value);
    case 'band':
      return bandLabel(value);
    default:
      return value === null || value === undefined || value === '' ? MISSING : String(value);
  }
}

export function isNumericFormat(format: unknown): boolean {
  return format === 'num' || format === 'pct' || format === 'money';
}
