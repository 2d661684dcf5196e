// Every number format the reports print, declared once as data (in the spirit of Evidence's
// builtInFormats): a name, how it renders and an example. Reports ask for a format by name, so the
// same kind of figure — an AUC, a weight, a miss rate — reads the same on every page.
import { fmtMoney, fmtNum, fmtPct, MISSING } from './format.js';

export interface NumberFormat {
  kind: 'num' | 'pct' | 'signed' | 'money';
  digits: number;
  /** Drop a trailing ".0" (weights: 40%, 23.6%). */
  trim?: boolean;
  suffix?: string;
  example: [number, string];
}

export const FORMATS = {
  count: { kind: 'num', digits: 0, example: [1146, '1,146'] },
  score: { kind: 'num', digits: 0, example: [72.4, '72'] },
  score_near_cut: { kind: 'num', digits: 1, example: [69.62, '69.6'] },
  points: { kind: 'signed', digits: 1, example: [-15.25, '−15.3'] },
  auc: { kind: 'num', digits: 3, example: [0.6834, '0.683'] },
  auc_delta: { kind: 'signed', digits: 3, example: [0.0281, '+0.028'] },
  rate: { kind: 'pct', digits: 1, example: [0.2431, '24.3%'] },
  share: { kind: 'pct', digits: 0, example: [0.523, '52%'] },
  weight: { kind: 'pct', digits: 1, trim: true, example: [0.2357, '23.6%'] },
  lift: { kind: 'num', digits: 2, suffix: '×', example: [0.93, '0.93×'] },
  money: { kind: 'money', digits: 1, example: [17_800_000, '$17.8M'] },
  slope: { kind: 'num', digits: 2, example: [1.034, '1.03'] },
} as const satisfies Record<string, NumberFormat>;

export type FormatName = keyof typeof FORMATS;

function signed(x: number, digits: number): string {
  const body = fmtNum(Math.abs(x), digits);
  const r = Number(x.toFixed(digits));
  return r > 0 ? `+${body}` : r < 0 ? `−${body}` : body;
}

/** A value in a named format; missing or non-finite values print as an em dash. */
export function fmt(name: FormatName, value: number | null | undefined): string {
  const f: NumberFormat = FORMATS[name];
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  let s: string;
  switch (f.kind) {
    case 'num': s = fmtNum(value, f.digits); break;
    case 'pct': s = fmtPct(value, f.digits); break;
    case 'signed': s = signed(value, f.digits); break;
    case 'money': s = fmtMoney(value); break;
  }
  if (f.trim) s = s.replace(/\.0(?=%|$)/, '');
  return s + (f.suffix ?? '');
}

/** "1 deal", "2 deals"; `many` for irregular plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtNum(n, 0)} ${n === 1 ? one : many}`;
}
