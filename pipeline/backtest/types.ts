// Shape of backtest.json: plain JSON (no NaN/Infinity — "not computable" is null), snake_case keys.

import type { DecisionSettings } from '../decision/thresholds.js';
import type { LabelOptions } from '../label/labels.js';
import type { ChallengerResult } from './challenger.js';

export type { ChallengerResult };

export type BandName = 'green' | 'yellow' | 'red';
export type Interval = [number, number];

/** What every stage that evaluates labels needs: the label definition, a seed and bootstrap resamples. */
export interface EvaluationOptions extends LabelOptions {
  seed: number;
  bootstrap?: number;
}

export interface BacktestOptions extends EvaluationOptions {
  /** Partner-bootstrap resamples (default 200). */
  bootstrap?: number;
  /** Confidence level of every interval (default 0.95). */
  level?: number;
  /** Miss cost and capacity share of the threshold table (default DECISION_DEFAULTS). */
  decision?: DecisionSettings;
  /** Months of labelled snapshots used only to train the out-of-time Platt mapping (default 12). */
  trainingMonths?: number;
  /** Threads for the deal-level and dimension bootstraps (default: one per core for big programs); results do not depend on it. */
  threads?: number | undefined;
}

export interface BacktestCounts {
  snapshots: number;
  censored: number;
  unscored: number;
  no_due_deal: number;
  population: number;
  positives: number;
  due_deals: number;
  missed_deals: number;
  /** Distinct deals missed at one snapshot or more. */
  distinct_missed_deals: number;
  /** With deal history: distinct deals the same rule misses against the final close dates alone (null without history). */
  distinct_missed_deals_final_dates: number | null;
}

export interface RocPointOut {
  fpr: number;
  tpr: number;
  /** Flag rows with risk ≥ threshold; null for the "flag nobody" corner. */
  threshold: number | null;
}

export interface DealLevel {
  /** Due deal × snapshot rows, each scored with its partner's risk at the snapshot. */
  n: number;
  positives: number;
  auc: number | null;
  auc_ci: Interval | null;
  amount_weighted_auc: number | null;
  amount_weighted_auc_ci: Interval | null;
  due_amount: number;
  missed_amount: number;
}

export interface Discrimination {
  auc: number | null;
  auc_ci: Interval | null;
  gini: number | null;
  gini_ci: Interval | null;
  ks: number | null;
  pr_auc: number | null;
  base_rate: number | null;
  se_delong: number | null;
  se_hanley_mcneil: number | null;
  roc: RocPointOut[];
  /** Distinct-threshold points before downsampling. */
  roc_points_total: number;
  deal_level: DealLevel;
}

export interface BandRow {
  band: BandName;
  n: number;
  positives: number;
  rate: number | null;
  ci_jeffreys: Interval | null;
  ci_bootstrap: Interval | null;
  lift: number | null;
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number | null;
  recall: number | null;
  fpr: number | null;
  flagged_share: number | null;
}

export interface BandsResult {
  green_min: number | null;
  red_below: number | null;
  base_rate: number | null;
  rows: BandRow[];
  /** Miss rates strictly rise Green → Yellow → Red (false when a band is empty). */
  monotonic: boolean;
  /** Confusion tables at the two band cut-offs: flag Red only, or Red + Yellow. */
  red: Confusion;
  red_or_yellow: Confusion;
}

export interface ThresholdChoice extends Confusion {
  /** Flag a partner-month when its composite is below this (null: flag nobody). */
  composite_below: number | null;
  /** Why this cut is no usable warning line (e.g. it flags 98.6% of partner-months), else null. */
  degenerate: string | null;
}

export interface Thresholds {
  youden: ThresholdChoice & { youden_j: number };
  cost_weighted: ThresholdChoice & { cost_missed_warning: number; cost_false_alarm: number; cost: number; cost_at_red: number; cost_at_red_or_yellow: number };
  capacity: {
    /** Share of the partners scored each month that the team works. */
    share: number;
    /** k in a typical month: capacityK(median partners scored per labelled month, share). */
    k: number;
    /** Distinct scored partners in the labelled window. */
    partners: number;
    months: number;
    /** Partner-snapshots flagged, over all scored partners (not only the population). */
    flagged: number;
    flagged_in_population: number;
    tp: number;
    precision: number | null;
    recall: number | null;
  };
}

export interface CalibrationFold {
  quarter: string;
  test_from: string;
  /** Latest training snapshot; its label was known (as_of + H + G ≤ test_from). */
  train_last_as_of: string | null;
  train_n: number;
  train_positives: number;
  test_n: number;
  test_positives: number;
  a: number | null;
  b: number | null;
}

export interface ReliabilityBinOut {
  bin: number;
  n: number;
  events: number;
  mean_predicted: number;
  observed_rate: number;
  lo: number;
  hi: number;
}

export interface CalibrationResult {
  method: 'platt_out_of_time';
  training_months: number;
  folds: CalibrationFold[];
  /** Out-of-time predictions pooled over the test quarters. */
  n: number;
  positives: number;
  brier: number | null;
  brier_skill: number | null;
  log_loss: number | null;
  intercept: number | null;
  slope: number | null;
  reliability: ReliabilityBinOut[];
  hosmer_lemeshow: { statistic: number; df: number; p: number | null; groups: number } | null;
  note: string | null;
}

export interface LeadTimeBin {
  label: string;
  from: number;
  to: number | null;
  count: number;
}

export interface LeadTimeResult {
  definition: string;
  missed_deals: number;
  flagged: number;
  not_flagged: number;
  quantiles: { p10: number; p25: number; p50: number; p75: number; p90: number } | null;
  histogram: LeadTimeBin[];
  /** Shares of all missed deals (not-flagged deals count as not ahead). */
  share_ge_30: number | null;
  share_ge_60: number | null;
  share_ge_90: number | null;
  false_alarms: { count: number; partner_months: number; per_partner_month: number | null };
}

export interface QuarterAuc {
  quarter: string;
  n: number;
  positives: number;
  auc: number | null;
  /** DeLong interval, only when both classes have ≥ 5 rows. */
  auc_ci: Interval | null;
}

export interface PsiQuarter {
  quarter: string;
  n: number;
  psi: number;
  label: 'stable' | 'shift' | 'major';
}

export interface StabilityResult {
  auc_by_quarter: QuarterAuc[];
  psi: { baseline_from: string | null; baseline_to: string | null; baseline_n: number; quarters: PsiQuarter[] };
  migration: { states: string[]; counts: number[][]; shares: (number | null)[][]; transitions: number };
}

export interface DimensionAuc {
  dimension: string;
  label: string;
  weight: number;
  n: number;
  positives: number;
  auc: number | null;
  /** Partner-bootstrap interval (like the composite's). */
  auc_ci: Interval | null;
  /**
   * Dimension vs composite on rows where both exist: the difference with its partner-bootstrap interval
   * (what the report judges by), and the paired DeLong z and p, which treat rows as independent and so
   * overstate the evidence (reference only).
   */
  vs_composite: { n: number; auc_dimension: number; auc_composite: number; diff: number; diff_ci: Interval | null; z: number; p: number } | null;
}

export interface LeakageCheck {
  check: string;
  passed: boolean;
  detail: string;
}

export interface BacktestResult {
  auc: number | null;
  auc_ci: Interval | null;
  population: number;
  positives: number;
  horizon_days: number;
  grace_days: number;
  cutoff: string;
  level: number;
  seed: number;
  bootstrap: { resamples: number; usable: number; partners: number };
  model: { name: string; version: string };
  data_window: { first_snapshot: string | null; last_snapshot: string | null; first_labelled_snapshot: string | null; last_labelled_snapshot: string | null };
  counts: BacktestCounts;
  discrimination: Discrimination;
  bands: BandsResult;
  thresholds: Thresholds;
  calibration: CalibrationResult;
  lead_time: LeadTimeResult;
  stability: StabilityResult;
  dimensions: DimensionAuc[];
  /** The naive challenger (own recent miss rate) on the same partner-months, and whether the score beats it. */
  challenger: ChallengerResult;
  leakage_checks: LeakageCheck[];
}
