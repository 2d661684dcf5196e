// Argument parsers: each checks one kind of value and says what it expected.
import { InvalidArgumentError } from 'commander';
import { LABEL_LIMITS, SEGMENT_FIELDS, type SegmentField } from '../settings.js';

export const isoDate = (v: string): string => {
  const d = new Date(v + 'T00:00:00Z');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
    throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got '${v}'`);
  }
  return v;
};

/** An integer ≥ 0 (a seed, a grace period, a page limit). */
export const nonNegativeInt = (v: string): number => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a non-negative integer, got '${v}'`);
  return n;
};

/** An integer ≥ 1 (a count of partners or months, a horizon, a row limit). */
export const positiveInt = (v: string): number => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got '${v}'`);
  return n;
};

/** An integer in [min, max], for --horizon and --grace (limits in pipeline/settings.ts). */
const boundedInt = (what: string, { min, max }: { min: number; max: number }) => (v: string): number => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected ${what} as whole days from ${min} to ${max}, got '${v}'`);
  return n;
};
export const horizonArg = boundedInt('the horizon', LABEL_LIMITS.horizonDays);
export const graceArg = boundedInt('the grace period', LABEL_LIMITS.graceDays);

export const positiveNumber = (v: string): number => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got '${v}'`);
  return n;
};

/** A share in (0, 1], as 0.1 or as a percentage, 10%. */
export const shareArg = (v: string): number => {
  const t = v.trim();
  const n = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (t === '' || t === '%' || !Number.isFinite(n) || n <= 0 || n > 1) {
    throw new InvalidArgumentError(`expected a share between 0 and 1 (e.g. 0.1) or a percentage (10%), got '${v}'`);
  }
  return n;
};

/** Bootstrap resamples: enough for a percentile interval to mean something. */
export const bootstrapArg = (v: string): number => {
  const n = nonNegativeInt(v);
  if (n < 10) throw new InvalidArgumentError(`expected at least 10 bootstrap resamples, got ${n}`);
  return n;
};

export const quarterArg = (v: string): string => {
  if (!/^\d{4}Q[1-4]$/.test(v)) throw new InvalidArgumentError(`expected a quarter as YYYYQn (e.g. 2025Q4), got '${v}'`);
  return v;
};

export function eachArg(v: string): SegmentField {
  if (!SEGMENT_FIELDS.includes(v as SegmentField)) throw new InvalidArgumentError(`expected one of ${SEGMENT_FIELDS.join(', ')}, got '${v}'`);
  return v as SegmentField;
}

export function segmentArg(v: string): { field: SegmentField; value: string } {
  const i = v.indexOf('=');
  const field = v.slice(0, i) as SegmentField;
  if (i < 1 || !SEGMENT_FIELDS.includes(field) || i === v.length - 1) {
    throw new InvalidArgumentError(`expected FIELD=VALUE with FIELD one of ${SEGMENT_FIELDS.join(', ')}, got '${v}'`);
  }
  return { field, value: v.slice(i + 1) };
}
