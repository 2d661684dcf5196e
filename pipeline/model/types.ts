// Health-score model files: what a reviewed JSON model says about signals, dimensions, bands and playbooks.

export type Aggregation = 'sum' | 'mean' | 'last' | 'trend';
export type Direction = 'higher' | 'lower';
export const BANDS = ['green', 'yellow', 'red'] as const;
export type Band = (typeof BANDS)[number];

export interface Normalization {
  /** cohort_percentile: midrank percentile among partners of the same segment at the same snapshot.
   *  linear: `floor` maps to 0 and `target` to 100 (clamped); for lower-is-better put floor above target. */
  method: 'cohort_percentile' | 'linear';
  segment?: 'all' | 'type' | 'tier' | 'region';
  floor?: number;
  target?: number;
}

export interface SignalSpec {
  dimension: string;
  aggregation: Aggregation;
  /** Window length in days for sum/mean/trend; staleness limit for `last`. */
  window_days: number;
  direction: Direction;
  normalization: Normalization;
  /** Relative weight within its dimension (the weights of one dimension sum to 1). */
  weight: number;
  description?: string;
}

export interface DimensionSpec {
  label: string;
  weight: number;
  description?: string;
}

export interface BandRules {
  green_min: number;
  red_below: number;
  /** A drop of at least `points` over `months` snapshots downgrades Green to Yellow. */
  drop_downgrade?: { points: number; months: number };
  /** Every scored dimension below `below` makes the partner Red (disengaged across the board). */
  all_dimensions_red?: { below: number };
}

export interface Playbook {
  band: 'yellow' | 'red';
  /** Weakest dimension this playbook answers; '*' matches any. */
  weakest: string;
  playbook: string;
  action: string;
}

export interface Provenance {
  [key: string]: unknown;
}

export interface HealthModel {
  name: string;
  version: string;
  description: string;
  dimensions: Record<string, DimensionSpec>;
  signals: Record<string, SignalSpec>;
  bands: BandRules;
  /** Share of model weight that must be present for a composite score (0–1). */
  min_coverage: number;
  playbooks: Playbook[];
  provenance?: Provenance;
}

/** Signals computed from `deals` as known at each snapshot (not read from `signals`). */
export const DEAL_DERIVED_SIGNALS = ['deals_registered', 'pipeline_amount', 'pipeline_trend', 'win_rate', 'days_to_close', 'close_date_pushes'] as const;
