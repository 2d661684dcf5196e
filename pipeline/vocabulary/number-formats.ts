// Every format the reports print, declared once as data (in the spirit of Evidence's builtInFormats): a
// name, how it renders and an example the table-driven test checks. Reports, templates (`{{fmt "auc" x}}`)
// and the stages' own sentences ask for a format by name, so the same kind of figure — an AUC, a weight,
// a miss rate, an amount, a month — reads the same on every page. Fixed locale (en-US) and time zone
// (UTC): output never depends on the machine that renders it. Missing values print as an em dash.

export const MISSING = '—';

type Kind = 'num' | 'pct' | 'signed' | 'money' | 'p' | 'date';
export type DateStyle = 'medium' | 'iso' | 'month' | 'quarter' | 'datetime';

export interface NamedFormat {
  kind: Kind;
  digits: number;
  /** Drop a trailing ".0" (weights: 40%, 23.6%). */
  trim?: boolean;
  suffix?: string;
  style?: DateStyle;
  example: [number | string, string];
}

export const FORMATS = {
  count: { kind: 'num', digits: 0, example: [1146, '1,146'] },
  score: { kind: 'num', digits: 0, example: [72.4, '72'] },
  /** A score or a cut on the composite to one decimal (cut-off tables, trends): 40.0, 89.8. */
  score_1: { kind: 'num', digits: 1, example: [89.75, '89.8'] },
  points: { kind: 'signed', digits: 1, example: [-15.25, '−15.3'] },
  /** A change in a count: +3, −2, 0. */
  count_change: { kind: 'signed', digits: 0, example: [-2, '−2'] },
  /** A ratio set by the user, e.g. the miss cost: 5, 2.5. */
  ratio: { kind: 'num', digits: 1, trim: true, example: [2.5, '2.5'] },
  auc: { kind: 'num', digits: 3, example: [0.6834, '0.683'] },
  auc_delta: { kind: 'signed', digits: 3, example: [0.0281, '+0.028'] },
  /** Other statistics read to two decimals: calibration slope and intercept, z, Youden's J. */
  stat: { kind: 'num', digits: 2, example: [1.034, '1.03'] },
  p_value: { kind: 'p', digits: 3, example: [0.0149, 'p = 0.015'] },
  rate: { kind: 'pct', digits: 1, example: [0.2431, '24.3%'] },
  share: { kind: 'pct', digits: 0, example: [0.523, '52%'] },
  weight: { kind: 'pct', digits: 1, trim: true, example: [0.2357, '23.6%'] },
  lift: { kind: 'num', digits: 2, suffix: '×', example: [0.93, '0.93×'] },
  money: { kind: 'money', digits: 1, example: [17_800_000, '$17.8M'] },
  days: { kind: 'num', digits: 0, suffix: ' d', example: [38.4, '38 d'] },
  date: { kind: 'date', digits: 0, style: 'medium', example: ['2025-12-31', '31 Dec 2025'] },
  month: { kind: 'date', digits: 0, style: 'month', example: ['2024-01-31', 'Jan 2024'] },
  quarter: { kind: 'date', digits: 0, style: 'quarter', example: ['2025-11-30', 'Q4 2025'] },
  /** Machine-readable forms: a `<time datetime>` attribute, a build stamp. */
  iso_date: { kind: 'date', digits: 0, style: 'iso', example: ['2025-12-31T00:00:00Z', '2025-12-31'] },
  datetime: { kind: 'date', digits: 0, style: 'datetime', example: ['2025-03-31T14:05:00Z', '2025-03-31 14:05 UTC'] },
} as const satisfies Record<string, NamedFormat>;

export type FormatName = keyof typeof FORMATS;

export function isFormatName(x: unknown): x is FormatName {
  return typeof x === 'string' && Object.hasOwn(FORMATS, x);
}

/** Whether a named format prints a number (right-aligned, tabular figures in tables). */
export function isNumericName(name: FormatName): boolean {
  return FORMATS[name].kind !== 'date';
}

function toNumber(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
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

/** 1234.5 → "1,235" (digits 0) or "1,234.5" (digits 1). The primitive behind every numeric format. */
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
    style: 'currency', currency: cur, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1,
  }).format(n);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const d = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

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
    case 'iso': return `${y}-${pad(m + 1)}-${pad(day)}`;
    case 'month': return `${MONTHS[m]} ${y}`;
    case 'quarter': return `Q${Math.floor(m / 3) + 1} ${y}`;
    case 'datetime': return `${y}-${pad(m + 1)}-${pad(day)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
    default: return `${day} ${MONTHS[m]} ${y}`;
  }
}

/** Signed with a real minus sign (−0.016, never a hyphen); a value that rounds to 0 has no sign. */
function signed(x: number, digits: number): string {
  const body = fmtNum(Math.abs(x), digits);
  const r = Number(x.toFixed(digits));
  return r > 0 ? `+${body}` : r < 0 ? `−${body}` : body;
}

/** A value in a named format; missing or non-finite values print as an em dash. */
export function fmt(name: FormatName, value: unknown): string {
  const f: NamedFormat = FORMATS[name];
  if (f.kind === 'date') return fmtDate(value, f.style);
  const n = toNumber(value);
  if (n === undefined) return MISSING;
  let s: string;
  switch (f.kind) {
    case 'num': s = fmtNum(n, f.digits).replace(/^-/, '−'); break;
    case 'pct': s = fmtPct(n, f.digits).replace(/^-/, '−'); break;
    case 'signed': s = signed(n, f.digits); break;
    case 'money': s = fmtMoney(n); break;
    case 'p': s = n < 10 ** -f.digits ? `p < ${fmtNum(10 ** -f.digits, f.digits)}` : `p = ${fmtNum(n, f.digits)}`; break;
  }
  if (f.trim) s = s.replace(/\.0(?=%|$)/, '');
  return s + (f.suffix ?? '');
}

/**
 * An interval in a named format, the one way reports print one: "0.580–0.661", "64%–90%", "$9.9M–$11.5M";
 * signed formats, whose ends carry their own signs, and intervals with a negative end read "−0.004 to +0.077".
 */
export function interval(name: FormatName, ci: readonly [number, number] | null | undefined): string {
  if (!ci) return MISSING;
  // a dash after a minus sign misreads ("−0.014–0.255"): signed ends read "… to …"
  const words = FORMATS[name].kind === 'signed' || ci[0] < 0 || ci[1] < 0;
  return words ? `${fmt(name, ci[0])} to ${fmt(name, ci[1])}` : `${fmt(name, ci[0])}–${fmt(name, ci[1])}`;
}

/** "1 deal", "2 deals"; `many` for irregular plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtNum(n, 0)} ${n === 1 ? one : many}`;
}
