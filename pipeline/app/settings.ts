// The settings a run was published with, stored in its workspace, so `backtest`, `tune` and `report`
// change only what they are told to and keep the rest (horizon, grace, seed, report layout, PDFs).
import type { Workspace } from '../workspace/db.js';
import type { PartnerPagesMode, SegmentField } from '../report/quarterly/types.js';
import { DECISION_DEFAULTS } from '../decision/thresholds.js';
import { DEFAULT_GRACE_DAYS, DEFAULT_HORIZON_DAYS } from '../label/labels.js';
import { DEFAULT_FIT_UNIT, type FitUnit } from '../tune/exposure.js';

export interface RunSettings {
  horizonDays: number;
  graceDays: number;
  seed: number;
  bootstrap: number;
  pdf: boolean;
  pageFormat: 'A4' | 'Letter';
  quarter?: string;
  partnerPages: PartnerPagesMode;
  segment?: { field: SegmentField; value: string };
  /** Also write one quarterly pack per value of this field. */
  each?: SegmentField;
  maxPartnerPages: number;
  /** Decision settings (pipeline/decision): a miss costs missCost false alarms; a team works `capacity` of scored partners a month. */
  missCost: number;
  capacity: number;
  /** Calibration fits on due deals (exposure-aware) or on partner-months. */
  fitUnit: FitUnit;
}

/**
 * Label windows that mean something: a horizon of 1 day to 3 years, a grace of 0 days to 1 year. Outside
 * them (--horizon 0, --grace 100000) every snapshot is censored and the backtest is empty.
 */
export const LABEL_LIMITS = { horizonDays: { min: 1, max: 1095 }, graceDays: { min: 0, max: 365 } } as const;

export const DEFAULT_SETTINGS: RunSettings = {
  horizonDays: DEFAULT_HORIZON_DAYS, graceDays: DEFAULT_GRACE_DAYS, seed: 20240101, bootstrap: 200, pdf: false, pageFormat: 'A4', partnerPages: 'all', maxPartnerPages: 250,
  ...DECISION_DEFAULTS,
  fitUnit: DEFAULT_FIT_UNIT,
};

export async function writeSettings(ws: Workspace, s: RunSettings): Promise<void> {
  await ws.exec('CREATE OR REPLACE TABLE run_settings AS SELECT $json AS settings', { json: JSON.stringify(s) });
}

/** Stored settings (defaults where a workspace predates them), overridden by the flags that were given. */
export async function resolveSettings(ws: Workspace, given: Partial<RunSettings>): Promise<RunSettings> {
  const [t] = await ws.query<{ n: number }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'run_settings'`);
  const stored = t!.n > 0 ? ((await ws.query<{ settings: string }>('SELECT settings FROM run_settings'))[0]?.settings ?? '{}') : '{}';
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_SETTINGS, ...(JSON.parse(stored) as Partial<RunSettings>), ...defined };
}
