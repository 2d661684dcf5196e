// The one settings type: every knob a command can be given, with its default, in one place. The CLI
// builds it once from its flags (cli/flags.ts); stages and reports read the fields they need from it
// (their option types are structural subsets of it, so it is passed as is, never re-mapped by hand).
// A run stores its settings in its workspace, so `backtest`, `tune` and `report` change only what they
// are told to and keep the rest.
import { DECISION_DEFAULTS, type DecisionSettings } from './decision/thresholds.js';

export type PartnerPagesMode = 'all' | 'watchlist' | 'none';
export type SegmentField = 'type' | 'tier' | 'region' | 'manager';
export const SEGMENT_FIELDS: readonly SegmentField[] = ['type', 'tier', 'region', 'manager'];
export type PageFormat = 'A4' | 'Letter';
/** What calibration fits on: one row per due deal (exposure-aware) or one per partner-month (pipeline/tune/exposure.ts). */
export type FitUnit = 'deal' | 'partner_month';
export const FIT_UNITS: readonly FitUnit[] = ['deal', 'partner_month'];

export interface Settings {
  /** Health-score model file (only `run` reads it; later commands use the model stored with the run). */
  modelPath?: string;
  /** Data cutoff (default: latest date in signals and deals; later commands use the run's). */
  cutoff?: string;
  /** Set rows that fail a row-level check aside (rejected_rows.csv) instead of refusing the input (only `run`). */
  skipInvalidRows: boolean;
  /** With skipInvalidRows: the largest share of a file's rows that may be set aside before the file is refused. */
  maxInvalidShare: number;
  /** Label horizon H and grace G in days. */
  horizonDays: number;
  graceDays: number;
  /** Seed of every bootstrap, and the partner-bootstrap resamples. */
  seed: number;
  bootstrap: number;
  /** Months of labelled snapshots that only train the backtest's out-of-time calibration (default: the backtest's). */
  trainingMonths?: number;
  /** Where the cost-weighted and capacity cut-offs are drawn (pipeline/decision). */
  decision: DecisionSettings;
  /** Calibration fits on due deals (exposure-aware) or on partner-months. */
  fitUnit: FitUnit;
  /** Worker threads for the backtest's bootstraps, calibration's fits, the expected-at-risk refits and the partner pages' charts (default: one per core when the work is big). Results do not depend on it. */
  threads?: number;
  /** Report layout. */
  pdf: boolean;
  pageFormat: PageFormat;
  quarter?: string;
  partnerPages: PartnerPagesMode;
  segment?: { field: SegmentField; value: string };
  /** Also write one quarterly pack per value of this field, plus an index page. */
  each?: SegmentField;
  maxPartnerPages: number;
}

/**
 * Label windows that mean something: a horizon of 1 day to 3 years, a grace of 0 days to 1 year. Outside
 * them (--horizon 0, --grace 100000) every snapshot is censored and the backtest is empty.
 */
export const LABEL_LIMITS = { horizonDays: { min: 1, max: 1095 }, graceDays: { min: 0, max: 365 } } as const;

export const DEFAULT_SETTINGS: Settings = {
  skipInvalidRows: false, maxInvalidShare: 0.05,
  horizonDays: 90, graceDays: 14, seed: 20240101, bootstrap: 200, decision: DECISION_DEFAULTS, fitUnit: 'partner_month' /* why: pipeline/tune/exposure.ts */,
  pdf: false, pageFormat: 'A4', partnerPages: 'all', maxPartnerPages: 250,
};

/** The groups of settings (objects merged field by field). */
const GROUPS = ['decision'] as const;

/** Given settings, possibly partial within a group, as the flags or a stored run give them. */
export type GivenSettings = Partial<Omit<Settings, (typeof GROUPS)[number]>> & { [G in (typeof GROUPS)[number]]?: Partial<Settings[G]> };

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The settings of one invocation: stored ones (or the defaults), overridden by those that were given. */
export function mergeSettings(base: GivenSettings, given: GivenSettings): Settings {
  const out = { ...DEFAULT_SETTINGS, ...defined(base), ...defined(given) } as Settings;
  for (const g of GROUPS) out[g] = { ...DEFAULT_SETTINGS[g], ...defined(base[g] ?? {}), ...defined(given[g] ?? {}) };
  return out;
}

/** What a run keeps for later commands: not the model path or cutoff (the run's own model and cutoff are stored with it). */
export function storedSettings(s: Settings): Settings {
  const { modelPath: _model, cutoff: _cutoff, ...rest } = s;
  return rest;
}
