// Argument parsers and option groups shared by the sub-commands.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { PartnerPagesMode, SegmentField } from '../report/quarterly/types.js';
import type { ReportLayoutOptions } from '../app/reports.js';
import { DEFAULT_SETTINGS, LABEL_LIMITS, type RunSettings } from '../app/settings.js';
import { FIT_UNITS, type FitUnit } from '../tune/exposure.js';

export const isoDate = (v: string): string => {
  const d = new Date(v + 'T00:00:00Z');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
    throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got '${v}'`);
  }
  return v;
};

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

export const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a non-negative integer, got '${v}'`);
  return n;
};

/** An integer in [min, max], for --horizon and --grace (limits in app/settings). */
const boundedInt = (what: string, { min, max }: { min: number; max: number }) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected ${what} as whole days from ${min} to ${max}, got '${v}'`);
  return n;
};
export const horizonArg = boundedInt('the horizon', LABEL_LIMITS.horizonDays);
export const graceArg = boundedInt('the grace period', LABEL_LIMITS.graceDays);

export const quarterArg = (v: string): string => {
  if (!/^\d{4}Q[1-4]$/.test(v)) throw new InvalidArgumentError(`expected a quarter as YYYYQn (e.g. 2025Q4), got '${v}'`);
  return v;
};

const SEGMENT_FIELDS: readonly SegmentField[] = ['type', 'tier', 'region', 'manager'];
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

export interface LabelFlags { horizon: number; grace: number; seed: number; bootstrap: number; quiet: boolean; missCost: number; capacity: number; fit: FitUnit }
export interface LayoutFlags {
  pdf: boolean; page: 'A4' | 'Letter'; quarter?: string; partnerPages: PartnerPagesMode;
  segment?: { field: SegmentField; value: string }; each?: SegmentField; maxPartnerPages?: number; seed: number; quiet: boolean;
}

/**
 * --horizon, --grace, --seed, --bootstrap, --quiet. `run` gets the defaults; commands that rework an
 * earlier run get none, so what they are not told keeps the run's own setting.
 */
export function labelOptions(cmd: Command, defaults = true): Command {
  const d = <T>(v: T): T | undefined => (defaults ? v : undefined);
  const keep = defaults ? '' : ' (default: as the run had it)';
  return cmd
    .option('--horizon <days>', `label horizon H in days${keep}`, horizonArg, d(DEFAULT_SETTINGS.horizonDays))
    .option('--grace <days>', `grace period G in days${keep}`, graceArg, d(DEFAULT_SETTINGS.graceDays))
    .option('--seed <n>', `seed for bootstrap resampling${keep}`, positiveInt, d(DEFAULT_SETTINGS.seed))
    .option('--bootstrap <n>', `bootstrap resamples${keep}`, bootstrapArg, d(DEFAULT_SETTINGS.bootstrap))
    .option('--miss-cost <x>', `cost of a missed warning in false alarms, for the cost-weighted cut-off${keep}`, positiveNumber, d(DEFAULT_SETTINGS.missCost))
    .option('--capacity <share>', `share of the partners scored each month a team can work, for the capacity cut-off${keep}`, shareArg, d(DEFAULT_SETTINGS.capacity))
    .addOption(new Option('--fit <unit>', `calibration rows: one per due deal (exposure-aware) or one per partner-month${keep}`).choices([...FIT_UNITS]).default(d(DEFAULT_SETTINGS.fitUnit)))
    .option('--quiet', 'print nothing but errors', false);
}

/** --pdf, --page, --quarter, --partner-pages, --segment, --max-partner-pages (defaults as for labelOptions). */
export function layoutOptions(cmd: Command, defaults = true): Command {
  const keep = defaults ? '' : ' (default: as the run had it)';
  const withDefault = (o: Option, v: unknown): Option => (defaults ? o.default(v) : o);
  cmd.option('--pdf', `also render the PDF reports${keep}`, defaults ? false : undefined);
  if (!defaults) cmd.option('--no-pdf', 'do not render PDFs (and remove those of the run)');
  return cmd
    .addOption(withDefault(new Option('--page <format>', `PDF page size${keep}`).choices(['A4', 'Letter']), DEFAULT_SETTINGS.pageFormat))
    .option('--quarter <YYYYQn>', 'quarter of the quarterly report (default: latest complete quarter)', quarterArg)
    .addOption(withDefault(new Option('--partner-pages <which>', `partner pages in the quarterly report${keep}`).choices(['all', 'watchlist', 'none']), DEFAULT_SETTINGS.partnerPages))
    .option('--segment <field=value>', 'the quarterly report for one segment only, e.g. region=EMEA (type, tier, region, manager)', segmentArg)
    .option('--each <field>', 'also one quarterly pack per manager, region, tier or type, plus an index page', eachArg)
    .option('--max-partner-pages <n>', `at most this many partner pages, in watchlist order (large programs)${keep}`, positiveInt, defaults ? DEFAULT_SETTINGS.maxPartnerPages : undefined);
}

/** The settings the flags name (undefined where a rework command was not told). */
export function given(f: Partial<LabelFlags & LayoutFlags>): Partial<RunSettings> {
  return {
    horizonDays: f.horizon, graceDays: f.grace, seed: f.seed, bootstrap: f.bootstrap, pdf: f.pdf, pageFormat: f.page,
    quarter: f.quarter, partnerPages: f.partnerPages, segment: f.segment, each: f.each, maxPartnerPages: f.maxPartnerPages,
    missCost: f.missCost, capacity: f.capacity, fitUnit: f.fit,
  };
}

export function layout(f: LayoutFlags): Omit<ReportLayoutOptions, 'cutoff'> {
  return {
    pdf: f.pdf, pageFormat: f.page, quarter: f.quarter, partnerPages: f.partnerPages, segment: f.segment, each: f.each,
    maxPartnerPages: f.maxPartnerPages, seed: f.seed,
  };
}

/** Bootstrap resamples: enough for a percentile interval to mean something. */
export const bootstrapArg = (v: string): number => {
  const n = positiveInt(v);
  if (n < 10) throw new InvalidArgumentError(`expected at least 10 bootstrap resamples, got ${n}`);
  return n;
};
