// The band rules, once: the order they apply in, what each tests (as SQL for scoring, as TypeScript for
// calibration's what-if bands), and the reason printed beside a band. Scoring generates its CASE from
// this table, calibration evaluates it in memory, and the reports describe the rules from it; a test
// checks the SQL and TypeScript halves of every rule agree.
import type { Band, HealthModel } from '../model/types.js';

export interface BandParams {
  green_min: number;
  red_below: number;
  min_coverage: number;
  drop_points: number | null;
  trend_months: number;
  all_red_below: number | null;
}

/** Months the drop rule looks back when the model has no drop rule (trend is still reported). */
export const DEFAULT_TREND_MONTHS = 3;

export function bandParams(model: HealthModel, thresholds?: { green_min: number; red_below: number }): BandParams {
  return {
    green_min: thresholds?.green_min ?? model.bands.green_min,
    red_below: thresholds?.red_below ?? model.bands.red_below,
    min_coverage: model.min_coverage,
    drop_points: model.bands.drop_downgrade?.points ?? null,
    trend_months: model.bands.drop_downgrade?.months ?? DEFAULT_TREND_MONTHS,
    all_red_below: model.bands.all_dimensions_red?.below ?? null,
  };
}

/** What a rule looks at for one partner-snapshot. */
export interface BandInputs {
  composite: number | null;
  /** composite − composite `trend_months` earlier, or null. */
  trend: number | null;
  dimsScored: number;
  bestDimension: number;
}

export type BandRuleId = 'not_scored' | 'all_dimensions_red' | 'below_red' | 'dropped' | 'green' | 'between';

interface BandRule {
  id: BandRuleId;
  band: Band | null;
  /** Over columns t.composite, t.trend, t.dims_scored, t.best_dimension_score and parameters p.* (model_params). */
  sql: string;
  test: (x: BandInputs, p: BandParams) => boolean;
  /** Why a partner is in this band (scores.csv band_reason, report chips). */
  reason: (p: BandParams) => string;
  /** The rule as a sentence for the methodology, or null when the model does not use it. */
  sentence: (p: BandParams) => string | null;
}

const pts = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const atOrAboveGreen = (x: BandInputs, p: BandParams): boolean => x.composite !== null && x.composite >= p.green_min;

/** In order: the first rule that holds sets the band. */
export const BAND_RULES: readonly BandRule[] = [
  {
    id: 'not_scored', band: null,
    sql: 't.composite IS NULL',
    test: (x) => x.composite === null,
    reason: (p) => `not scored: less than ${pct(p.min_coverage)} of the model's weight has data`,
    sentence: (p) => `Not scored when less than ${pct(p.min_coverage)} of the model's weight has data.`,
  },
  {
    id: 'all_dimensions_red', band: 'red',
    sql: 'p.all_red_below IS NOT NULL AND t.dims_scored >= 2 AND t.best_dimension_score < p.all_red_below',
    test: (x, p) => p.all_red_below !== null && x.dimsScored >= 2 && x.bestDimension < p.all_red_below,
    reason: (p) => `every dimension below ${pts(p.all_red_below ?? 0)}`,
    sentence: (p) => (p.all_red_below === null ? null : `Red if every scored dimension (at least two) is below ${pts(p.all_red_below)}.`),
  },
  {
    id: 'below_red', band: 'red',
    sql: 't.composite < p.red_below',
    test: (x, p) => x.composite! < p.red_below,
    reason: (p) => `score below ${pts(p.red_below)}`,
    sentence: (p) => `Red if the composite score is below ${pts(p.red_below)}.`,
  },
  {
    id: 'dropped', band: 'yellow',
    sql: 't.composite >= p.green_min AND p.drop_points IS NOT NULL AND t.trend <= -p.drop_points',
    test: (x, p) => atOrAboveGreen(x, p) && p.drop_points !== null && x.trend !== null && x.trend <= -p.drop_points,
    reason: (p) => `at or above ${pts(p.green_min)} but dropped ${pts(p.drop_points ?? 0)}+ points in ${p.trend_months} months`,
    sentence: (p) => (p.drop_points === null ? null
      : `Yellow, even at ${pts(p.green_min)} or above, if the score dropped ${pts(p.drop_points)} points or more in ${p.trend_months} months.`),
  },
  {
    id: 'green', band: 'green',
    sql: 't.composite >= p.green_min',
    test: atOrAboveGreen,
    reason: (p) => `score at or above ${pts(p.green_min)}`,
    sentence: (p) => `Green at ${pts(p.green_min)} or above.`,
  },
  {
    id: 'between', band: 'yellow',
    sql: 'TRUE',
    test: () => true,
    reason: (p) => `score between ${pts(p.red_below)} and ${pts(p.green_min)}`,
    sentence: (p) => `Yellow between ${pts(p.red_below)} and ${pts(p.green_min)}.`,
  },
];

export function bandRule(x: BandInputs, p: BandParams): BandRule {
  return BAND_RULES.find((r) => r.test(x, p))!;
}

/** SQL CASE naming the first rule that holds (columns as in BandRule.sql). */
export function bandRuleCaseSql(): string {
  return `CASE ${BAND_RULES.map((r) => `WHEN ${r.sql} THEN '${r.id}'`).join(' ')} END`;
}

/** Rows of the `band_rules` table: rule, band, reason (joined by scoring so reasons are not SQL text). */
export function bandRuleRows(p: BandParams): Array<[BandRuleId, Band | null, string]> {
  return BAND_RULES.map((r) => [r.id, r.band, r.reason(p)]);
}

/** The model's rules in plain sentences, in the order they apply (the scored ones first). */
export function bandRuleSentences(p: BandParams): string[] {
  const s = BAND_RULES.map((r) => r.sentence(p)).filter((x): x is string => x !== null);
  return [...s.slice(1), s[0]!]; // "not scored" reads best last
}
