// Shapes of the calibration stage: its options and the JSON-serialisable result (calibration.json).
// Every number in the result is finite or null, never NaN/Infinity, so JSON.stringify round-trips it.
import type { Band } from '../model/types.js';
import type { EvaluationOptions, Interval } from '../backtest/types.js';
import type { FittedWeights } from './fit.js';
import type { DecisionSettings } from '../decision/thresholds.js';
import type { FitUnit } from './exposure.js';

export type { Interval };
export type Verdict = 'adopt' | 'keep' | 'insufficient';

export interface CalibrationOptions extends EvaluationOptions {
  /** Partner-bootstrap resamples for the weight CIs and the AUC-gain CI (default 200). */
  bootstrap?: number;
  /** Shrinkage strengths tried by the walk-forward CV (default DEFAULT_LAMBDA_GRID). */
  lambdaGrid?: number[];
  /** Below this many partners in the population the verdict is 'insufficient' (default 30). */
  minPartners?: number;
  /** Below this many positive partner-snapshots the verdict is 'insufficient' (default 50). */
  minPositives?: number;
  /** Fit on partner-months (default) or on due deals (exposure-aware). */
  fitUnit?: FitUnit;
  /** Miss cost and capacity share of the cut-off proposals (default DECISION_DEFAULTS). */
  decision?: DecisionSettings;
  /** A training window needs this many positives and negatives before it may feed a fold (default 20). */
  minTrainClass?: number;
  /** Worker threads for the bootstrap refits (default: one per core on large data; results do not depend on it). */
  threads?: number;
  /** Called after each bootstrap refit, e.g. for a progress bar. */
  onRefit?: (done: number, total: number) => void;
}

export interface FoldSummary {
  fold: number;
  /** Calendar quarter of the test snapshots, e.g. '2024-Q3'. */
  test_quarter: string;
  test_start: string;
  test_end: string;
  /** Latest training snapshot allowed: test_start − H − G (training rows satisfy as_of + H + G ≤ test_start). */
  purge_boundary: string;
  train_rows: number;
  train_positives: number;
  test_rows: number;
  test_positives: number;
  /**
   * Scored out of time only when its training window holds ≥ 2 earlier test quarters for the inner CV;
   * otherwise the fold only trains (it is an inner fold of later ones) and λ/weights/AUCs are null.
   */
  out_of_time: boolean;
  /** λ used for this fold's fit, picked by the inner walk-forward CV on its training rows. */
  lambda: number | null;
  weights: Record<string, number> | null;
  auc_current: number | null;
  auc_proposed: number | null;
}

export interface LambdaPoint {
  lambda: number;
  /** Mean over folds of the out-of-time log loss. */
  mean: number;
  /** Standard error of that mean over folds. */
  se: number;
  /** Standard error of the per-fold difference to the best λ (what the one-SE rule uses). */
  se_vs_best: number;
}

export interface ProbabilityMetrics {
  auc: number | null;
  log_loss: number | null;
  brier: number | null;
  calibration_intercept: number | null;
  calibration_slope: number | null;
}

/** The final fit as calibration.json shows it: the solver's result with weights keyed by dimension. */
export type WeightFit = Omit<FittedWeights, 'w'> & {
  /** Unrounded solver output (proposed_weights are rounded to 4 decimals). */
  weights_exact: Record<string, number>;
};

export interface GridOptimum {
  step: number;
  points: number;
  weights: Record<string, number>;
  /** In-sample AUC on the whole population: a second opinion, not an out-of-time number. */
  auc: number;
  auc_current: number | null;
  auc_proposed: number | null;
}

export interface CutoffProposal {
  /** 'current' is the model's own cut-offs, evaluated on the same out-of-time rows for comparison. */
  method: 'current' | 'youden' | 'cost' | 'capacity';
  /** Proposed Red threshold (composite below it is Red), fitted on all labelled rows. */
  red_below: number;
  /** Green threshold kept from the model, raised to red_below when the new Red cut would exceed it. */
  green_min: number;
  /** Pooled out-of-time evaluation with thresholds fitted on each fold's training rows (out-of-time rows). */
  oot_flagged: number;
  oot_flagged_share: number | null;
  /** Why the cut is not a usable option (e.g. it flags 98.6% of out-of-time rows), else null. */
  degenerate: string | null;
  oot_precision: number | null;
  oot_recall: number | null;
  /** Miss rate among flagged (= precision) and among the rest. */
  oot_miss_rate_red: number | null;
  oot_miss_rate_rest: number | null;
  /** Partners at the latest snapshot whose band would differ from their current band. */
  partners_changing_band: number;
}

export interface BandCutoffs {
  /** Which composite the thresholds apply to: the proposed weights when adopted, else the current ones. */
  score: 'proposed' | 'current';
  /** The decision settings (the same values the backtest used). */
  miss_cost: number;
  capacity: number;
  /** Partners worked in the latest month at that capacity share. */
  capacity_k: number;
  /** The model's cut-offs, evaluated out of time like the proposals. */
  current: CutoffProposal;
  methods: CutoffProposal[];
}

export interface BandChange {
  partner_id: string;
  name: string;
  current_composite: number | null;
  current_band: Band | null;
  proposed_composite: number | null;
  proposed_band: Band | null;
}

export interface BandReassignments {
  as_of: string;
  partners: number;
  changed: number;
  /** Counts by (current band → proposed band); 'unscored' when a partner has no band. */
  matrix: Array<{ from: Band | 'unscored'; to: Band | 'unscored'; count: number }>;
  changes: BandChange[];
}

export interface CalibrationResult {
  current_weights: Record<string, number>;
  proposed_weights: Record<string, number>;
  weight_ci: Record<string, Interval | null>;
  oot_auc_current: number | null;
  oot_auc_proposed: number | null;
  delta_auc_ci: Interval | null;
  verdict: Verdict;
  reason: string;

  model: { name: string; version: string };
  cutoff: string;
  horizon_days: number;
  grace_days: number;
  seed: number;
  data_window: { first_snapshot: string | null; last_snapshot: string | null };
  population: number;
  positives: number;
  partners: number;
  requirements: { min_partners: number; min_positives: number; calibration_slope: Interval };
  bootstrap: { requested: number; weight_resamples: number; auc_resamples: number };
  folds: FoldSummary[];
  lambda: { grid: number[]; chosen: number | null; rule: string; curve: LambdaPoint[] };
  fit: WeightFit | null;
  oot: {
    rows: number;
    positives: number;
    current: ProbabilityMetrics;
    proposed: ProbabilityMetrics;
    delta_auc: number | null;
    delong: { diff: number; se: number; z: number; p: number } | null;
  } | null;
  grid_optimum: GridOptimum | null;
  /** What one fit row is: a partner-month (default) or a due deal (exposure-aware); folds, OOT AUCs and the bootstrap count these rows. */
  fit_unit: { unit: FitUnit; rows: string; n: number; positives: number };
  /** The decision settings of this run (also when there is too little data for cut-off proposals). */
  decision: { miss_cost: number; capacity: number };
  band_cutoffs: BandCutoffs | null;
  band_reassignments: BandReassignments | null;
  notes: string[];
}
