// The vocabulary declared once: quarters (parse, one label, start/end, index) and named number formats.
import { describe, expect, it } from 'vitest';
import { FORMATS, fmt, interval, plural, type FormatName } from '../pipeline/vocabulary/number-formats.js';
import { parseQuarter, quarterEnd, quarterFromIndex, quarterId, quarterIndex, quarterLabel, quarterOf, quarterStart, shiftQuarter } from '../pipeline/vocabulary/quarter.js';

describe('quarters', () => {
  it.each(['2025Q4', '2025-Q4', '2025 q4', 'Q4 2025', ' q4 2025 '])('parses %j', (t) => {
    expect(parseQuarter(t)).toEqual({ year: 2025, q: 4 });
  });
  it.each(['2025Q5', 'Q0 2025', '25Q1', '2025-12', ''])('refuses %j', (t) => {
    expect(() => parseQuarter(t)).toThrow(/expected YYYYQn/);
  });
  it.each([
    ['2024-02-29', 'Q1 2024', '2024Q1', '2024-01-01', '2024-03-31'],
    ['2025-12-31', 'Q4 2025', '2025Q4', '2025-10-01', '2025-12-31'],
    ['2023-07-01', 'Q3 2023', '2023Q3', '2023-07-01', '2023-09-30'],
  ])('%s is in %s', (iso, label, id, start, end) => {
    const q = quarterOf(iso);
    expect([quarterLabel(q), quarterId(q), quarterStart(q), quarterEnd(q)]).toEqual([label, id, start, end]);
    expect(quarterFromIndex(quarterIndex(q))).toEqual(q);
  });
  it('shifts across years', () => {
    expect(quarterLabel(shiftQuarter({ year: 2025, q: 1 }, -1))).toBe('Q4 2024');
    expect(quarterLabel(shiftQuarter({ year: 2025, q: 4 }, 2))).toBe('Q2 2026');
  });
});

describe('number formats', () => {
  it.each(Object.entries(FORMATS))('%s renders its example', (name, f) => {
    expect(fmt(name as FormatName, f.example[0])).toBe(f.example[1]);
  });
  it.each([
    ['weight', 0.4, '40%'], ['weight', 0.2357, '23.6%'], ['weight', 1, '100%'],
    ['auc_delta', -0.0164, '−0.016'], ['auc_delta', 0, '0.000'], ['points', 15, '+15.0'],
    ['rate', null, '—'], ['auc', Number.NaN, '—'], ['count', 5415, '5,415'], ['lift', 1.5, '1.50×'],
    ['p_value', 0.0004, 'p < 0.001'], ['p_value', 0.2, 'p = 0.200'], ['ratio', 5, '5'], ['count_change', 3, '+3'], ['count_change', 0, '0'],
    ['stat', -0.4046, '−0.40'], ['auc', '0.5', '0.500'], ['month', '2023-01-31', 'Jan 2023'], ['quarter', '2025-07-01', 'Q3 2025'],
    ['date', null, '—'], ['days', 61, '61 d'], ['weight', 0.0004, '0%'],
  ] as const)('%s of %s is %s', (name, v, out) => {
    expect(fmt(name, v)).toBe(out);
  });
  it.each([[1, 'deal', '1 deal'], [2, 'deal', '2 deals'], [0, 'deal', '0 deals'], [1146, 'partner-month', '1,146 partner-months']] as const)(
    'plural(%i, %s) = %s', (n, one, out) => expect(plural(n, one)).toBe(out),
  );
  it('irregular plurals', () => expect(plural(3, 'company', 'companies')).toBe('3 companies'));
});

describe('intervals', () => {
  it.each([
    ['auc', [0.5804, 0.6611], '0.580–0.661'],
    ['share', [0.751, 0.849], '75%–85%'],
    ['rate', [0.2131, 0.3119], '21.3%–31.2%'],
    ['money', [9_900_000, 11_500_000], '$9.9M–$11.5M'],
    // a signed format, or a negative end, reads "to": "−0.088–0.204" would misread
    ['auc_delta', [-0.0041, 0.0769], '−0.004 to +0.077'],
    ['auc', [-0.0882, 0.2041], '−0.088 to 0.204'],
  ] as const)('%s %j is %s', (name, ci, out) => expect(interval(name, ci)).toBe(out));
  it('a missing interval is an em dash', () => expect(interval('auc', null)).toBe('—'));
});
