// Every flag that sets a Settings field, declared once: its key, syntax, parser and which commands take
// it. Commands add their groups with addSettingFlags and read the parsed values back with settingsFrom,
// so there is one flag → settings mapping. Adding a flag: a row here, the field and its default in
// pipeline/settings.ts, and the code that reads it.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_SETTINGS, FIT_UNITS, type GivenSettings, type Settings } from '../settings.js';
import type { DecisionSettings } from '../decision/thresholds.js';
import { DEFAULT_MODEL } from '../app/run.js';
import { bootstrapArg, eachArg, graceArg, horizonArg, isoDate, nonNegativeInt, positiveInt, positiveNumber, quarterArg, segmentArg, shareArg } from './args.js';

/** `run` inputs, the label definition and resampling, the report layout. */
export type FlagGroup = 'run' | 'label' | 'layout';

/** A field of Settings, or `group.field` inside one of its groups. */
export type SettingKey = Exclude<keyof Settings, 'decision'> | `decision.${keyof DecisionSettings}`;

interface SettingFlag {
  key: SettingKey;
  flags: string;
  description: string;
  groups: FlagGroup[];
  parse?: (v: string) => unknown;
  choices?: string[];
  /** For a boolean: what its `--no-` form does in a rework command. */
  off?: string;
  /** Default shown and used by `run` when DEFAULT_SETTINGS has none. */
  runDefault?: unknown;
}

export const SETTING_FLAGS: SettingFlag[] = [
  { key: 'modelPath', flags: '--model <file>', description: 'health-score model file', groups: ['run'], parse: (v) => resolve(v), runDefault: DEFAULT_MODEL },
  { key: 'cutoff', flags: '--cutoff <date>', description: 'data cutoff (default: latest date in signals and deals)', groups: ['run'], parse: isoDate },
  { key: 'skipInvalidRows', flags: '--skip-invalid-rows', description: 'set rows that fail a check aside in rejected_rows.csv and go on (default: refuse the input)', groups: ['run'] },
  { key: 'maxInvalidShare', flags: '--max-invalid-share <share>', description: 'with --skip-invalid-rows, refuse a file when more than this share of its rows fail (0.05 or 5%)', groups: ['run'], parse: shareArg },
  { key: 'horizonDays', flags: '--horizon <days>', description: 'label horizon H in days', groups: ['label'], parse: horizonArg },
  { key: 'graceDays', flags: '--grace <days>', description: 'grace period G in days', groups: ['label'], parse: graceArg },
  { key: 'seed', flags: '--seed <n>', description: 'seed for bootstrap resampling', groups: ['label', 'layout'], parse: nonNegativeInt },
  { key: 'bootstrap', flags: '--bootstrap <n>', description: 'bootstrap resamples', groups: ['label'], parse: bootstrapArg },
  { key: 'trainingMonths', flags: '--training-months <n>', description: "months of labelled snapshots that only train the backtest's out-of-time calibration", groups: ['label'], parse: positiveInt },
  { key: 'decision.missCost', flags: '--miss-cost <x>', description: 'cost of a missed warning in false alarms, for the cost-weighted cut-off', groups: ['label'], parse: positiveNumber },
  { key: 'decision.capacity', flags: '--capacity <share>', description: 'share of the partners scored each month a team can work, for the capacity cut-off', groups: ['label'], parse: shareArg },
  { key: 'fitUnit', flags: '--fit <unit>', description: 'calibration rows: one per due deal (exposure-aware) or one per partner-month', groups: ['label'], choices: [...FIT_UNITS] },
  { key: 'threads', flags: '--threads <n>', description: "worker threads for the backtest's bootstraps, calibration's fits, the expected-at-risk refits and the partner pages' charts (default: one per core for a large program; the results are the same for any number)", groups: ['label'], parse: positiveInt },
  { key: 'pdf', flags: '--pdf', description: 'also render the PDF reports', groups: ['layout'], off: 'do not render PDFs (and remove those of the run)' },
  { key: 'pageFormat', flags: '--page <format>', description: 'PDF page size', groups: ['layout'], choices: ['A4', 'Letter'] },
  { key: 'quarter', flags: '--quarter <YYYYQn>', description: 'quarter of the quarterly report (default: latest complete quarter)', groups: ['layout'], parse: quarterArg },
  { key: 'partnerPages', flags: '--partner-pages <which>', description: 'partner pages in the quarterly report', groups: ['layout'], choices: ['all', 'watchlist', 'none'] },
  { key: 'segment', flags: '--segment <field=value>', description: 'the quarterly report for one segment only, e.g. region=EMEA (type, tier, region, manager)', groups: ['layout'], parse: segmentArg },
  { key: 'each', flags: '--each <field>', description: 'also one quarterly pack per manager, region, tier or type, plus an index page', groups: ['layout'], parse: eachArg },
  { key: 'maxPartnerPages', flags: '--max-partner-pages <n>', description: 'at most this many partner pages, in watchlist order (large programs)', groups: ['layout'], parse: nonNegativeInt },
];

/**
 * Add the flags of `groups` to `cmd`. `run` gets the defaults; commands that rework an earlier run
 * (`defaults: false`) get none, so what they are not told keeps the run's own setting.
 */
export function addSettingFlags(cmd: Command, groups: FlagGroup[], defaults: boolean): Command {
  for (const f of SETTING_FLAGS.filter((s) => s.groups.some((g) => groups.includes(g)))) {
    const value = f.runDefault ?? defaultOf(f.key);
    const kept = !defaults && value !== undefined;
    const o = new Option(f.flags, f.description + (kept ? ' (default: as the run had it)' : ''));
    if (f.parse) o.argParser(f.parse);
    if (f.choices) o.choices(f.choices);
    if (defaults && value !== undefined) o.default(value);
    cmd.addOption(o);
    // A boolean a rework command keeps by omission can be turned off explicitly.
    if (!defaults && f.off) cmd.addOption(new Option(`--no-${f.flags.slice(2)}`, f.off));
  }
  return cmd;
}

function defaultOf(key: SettingKey): unknown {
  const [group, field] = key.split('.') as [keyof Settings, string?];
  const v: unknown = DEFAULT_SETTINGS[group];
  return field === undefined ? v : (v as Record<string, unknown>)[field];
}

/** The one flag → settings mapping: the fields the flags set (none where a rework command was not told). */
export function settingsFrom(opts: Record<string, unknown>): GivenSettings {
  const out: Record<string, unknown> = {};
  for (const f of SETTING_FLAGS) {
    const v = opts[new Option(f.flags).attributeName()];
    if (v === undefined) continue;
    const [group, field] = f.key.split('.') as [string, string?];
    if (field === undefined) out[group] = v;
    else out[group] = { ...(out[group] as object | undefined), [field]: v };
  }
  return out as GivenSettings;
}
