import { describe, expect, it } from 'vitest';
import { csvQuote, csvHeader, csvLines } from '../../pipeline/demo/csv.js';
import { parseCsv } from './parseCsv.js';

describe('csvQuote (RFC 4180)', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvQuote('Northwind Systems')).toBe('Northwind Systems');
    expect(csvQuote(42.5)).toBe('42.5');
    expect(csvQuote('')).toBe('');
    expect(csvQuote(undefined)).toBe('');
  });
  it('quotes commas, quotes and line breaks, doubling embedded quotes', () => {
    expect(csvQuote('Baker, Lowe')).toBe('"Baker, Lowe"');
    expect(csvQuote('say "hi"')).toBe('"say ""hi"""');
    expect(csvQuote('a\nb')).toBe('"a\nb"');
    expect(csvQuote('a\r\nb')).toBe('"a\r\nb"');
  });
  it('does not quote characters that are only dangerous in HTML', () => {
    expect(csvQuote(`<b>'x'</b> & {{y}}`)).toBe(`<b>'x'</b> & {{y}}`);
  });
});

describe('csvLines', () => {
  it('round-trips awkward values through a CSV reader', () => {
    const rows = [
      { partner_id: 'P1', started_on: '2025-01-02', playbook: 'outreach_call' as const, owner: 'A, B', note: 'line1\nline2 "q"' },
    ];
    const text = csvHeader('interventions') + csvLines('interventions', rows);
    expect(parseCsv(text)).toEqual([
      ['partner_id', 'started_on', 'playbook', 'owner', 'note'],
      ['P1', '2025-01-02', 'outreach_call', 'A, B', 'line1\nline2 "q"'],
    ]);
  });
});
