// Argument parsers and option groups shared by the sub-commands.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { PartnerPagesMode, SegmentField } from '../report/quarterly/types.js';
import type { ReportLayoutOptions } from '../app/reports.js';

export const isoDate = (v: string): string => {
  const d = new Date(v + 'T00:00:00Z');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
    throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got '${v}'`);
  }
  return v;
};

export const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a non-negative integer, got '${v}'`);
  return n;
};

export const quarterArg = (v: string): string => {
  if (!/^\d{4}Q[1-4]$/.test(v)) throw new InvalidArgumentError(`expected a quarter as YYYYQn (e.g. 2025Q4), got '${v}'`);
  return v;
};

const SEGMENT_FIELDS: readonly SegmentField[] = ['type', 'tier', 'region', 'manager'];
export function segmentArg(v: string): { field: SegmentField; value: string } {
  const i = v.indexOf('=');
  const field = v.slice(0, i) as SegmentField;
  if (i < 1 || !SEGMENT_FIELDS.includes(field) || i === v.length - 1) {
    throw new InvalidArgumentError(`expected FIELD=VALUE with FIELD one of ${SEGMENT_FIELDS.join(', ')}, got '${v}'`);
  }
  return { field, value: v.slice(i + 1) };
}

export interface LabelFlags { horizon: number; grace: number; seed: number; bootstrap: number; quiet: boolean }
export interface LayoutFlags {
  pdf: boolean; page: 'A4' | 'Letter'; quarter?: string; partnerPages: PartnerPagesMode;
  segment?: { field: SegmentField; value: string }; maxPartnerPages?: number; seed: number; quiet: boolean;
}

/** --horizon, --grace, --seed, --bootstrap, --quiet */
export function labelOptions(cmd: Command): Command {
  return cmd
    .option('--horizon <days>', 'label horizon H in days', positiveInt, 90)
    .option('--grace <days>', 'grace period G in days', positiveInt, 14)
    .option('--seed <n>', 'seed for bootstrap resampling', positiveInt, 20240101)
    .option('--bootstrap <n>', 'bootstrap resamples', positiveInt, 200)
    .option('--quiet', 'print nothing but errors', false);
}

/** --pdf, --page, --quarter, --partner-pages, --segment, --max-partner-pages */
export function layoutOptions(cmd: Command): Command {
  return cmd
    .option('--pdf', 'also render the PDF reports', false)
    .addOption(new Option('--page <format>', 'PDF page size').choices(['A4', 'Letter']).default('A4'))
    .option('--quarter <YYYYQn>', 'quarter of the quarterly report (default: latest complete quarter)', quarterArg)
    .addOption(new Option('--partner-pages <which>', 'partner pages in the quarterly report').choices(['all', 'watchlist', 'none']).default('all'))
    .option('--segment <field=value>', 'partner pages only for one segment, e.g. region=EMEA (type, tier, region, manager)', segmentArg)
    .option('--max-partner-pages <n>', 'at most this many partner pages, in watchlist order (large programs)', positiveInt, 250);
}

export function layout(f: LayoutFlags): Omit<ReportLayoutOptions, 'cutoff'> {
  return {
    pdf: f.pdf, pageFormat: f.page, quarter: f.quarter, partnerPages: f.partnerPages, segment: f.segment,
    maxPartnerPages: f.maxPartnerPages, seed: f.seed,
  };
}
