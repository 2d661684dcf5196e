import { describe, expect, it } from 'vitest';
import { cssForStyle, escapeHtml, jsonForScript } from '../../pipeline/render/escape.js';
import { bandClass, bandLabel, fmtCell, fmtDate, fmtMoney, fmtNum, fmtPct } from '../../pipeline/render/format.js';

describe('formatters', () => {
  it('formats numbers and percentages', () => {
    expect(fmtNum(1234.5)).toBe('1,235');
    expect(fmtNum(1234.5, 1)).toBe('1,234.5');
    expect(fmtNum('12')).toBe('12');
    expect(fmtNum(null)).toBe('—');
    expect(fmtNum(Number.NaN)).toBe('—');
    expect(fmtPct(0.125)).toBe('13%');
    expect(fmtPct(0.125, 1)).toBe('12.5%');
    expect(fmtPct(undefined)).toBe('—');
  });

  it('formats money compactly', () => {
    expect(fmtMoney(1_234_567)).toBe('$1.2M');
    expect(fmtMoney(950)).toBe('$950');
    expect(fmtMoney(12_300)).toBe('$12.3K');
    expect(fmtMoney(2_500_000_000)).toBe('$2.5B');
    expect(fmtMoney(-4200)).toBe('-$4.2K');
    expect(fmtMoney(0)).toBe('$0');
    expect(fmtMoney(1500, 'EUR')).toBe('€1.5K');
    expect(fmtMoney(null)).toBe('—');
  });

  it('formats dates in UTC', () => {
    expect(fmtDate('2025-03-31')).toBe('31 Mar 2025');
    expect(fmtDate('2025-03-31', 'iso')).toBe('2025-03-31');
    expect(fmtDate('2025-03-31', 'month')).toBe('Mar 2025');
    expect(fmtDate('2025-03-31', 'quarter')).toBe('Q1 2025');
    expect(fmtDate('2025-04-02T09:30:00Z', 'datetime')).toBe('2025-04-02 09:30 UTC');
    expect(fmtDate(new Date(Date.UTC(2024, 1, 29)))).toBe('29 Feb 2024');
    expect(fmtDate('not a date')).toBe('not a date');
    expect(fmtDate(null)).toBe('—');
  });

  it('maps bands to classes and labels, rejecting anything else', () => {
    expect(bandClass('green')).toBe('band-green');
    expect(bandClass(' RED ')).toBe('band-red');
    expect(bandClass('" onclick="x')).toBe('band-none');
    expect(bandLabel('yellow')).toBe('Yellow');
    expect(bandLabel(undefined)).toBe('—');
    expect(fmtCell('red', 'band')).toBe('Red');
    expect(fmtCell(0.5, 'pct')).toBe('50%');
    expect(fmtCell('', 'text')).toBe('—');
  });
});

describe('escaping', () => {
  it('escapes HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href&#x3D;&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
  });

  it('makes JSON safe for a script element', () => {
    const value = { s: '</script><!-- & \u2028\u2029', n: [1, null] };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
    expect(jsonForScript(undefined)).toBe('null');
  });

  it('keeps CSS from closing its style element', () => {
    expect(cssForStyle('a{} </style><script>')).toBe('a{} <\\/style><script>');
  });
});
