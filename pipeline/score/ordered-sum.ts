// Sums in a fixed order, without sorting. Floating-point addition is not associative, so the sums that
// feed scores add their terms in name order (a thread-dependent order made two runs of one input differ
// in the last digit). `list_sum(list(x ORDER BY name))` does that but sorts inside every group: on 5,000
// partners × 36 months it was 35 s of CPU for dimension scores alone. Here each group's terms are picked
// by their position in name order (one FILTER aggregate per position: a hash aggregate, no sort) into a
// list literal in that order, and list_sum adds it left to right: the same additions, so the same bits.
// A group holds at most one row per name (one signal value per partner-snapshot, one score per dimension).

export interface Positions {
  /** Most signals any one dimension has (the length of a signal sum's list). */
  signalsPerDimension: number;
  /** Number of dimensions (the length of a dimension sum's list). */
  dimensions: number;
}

/** A signal's 1-based rank of name within its dimension (a query: a view in the workspace inlines it; keys.ts keeps it as `pos`). */
export const SIGNAL_POSITION_SQL = 'SELECT signal, row_number() OVER (PARTITION BY dimension ORDER BY signal) AS pos FROM model_signals';
/** A dimension's 1-based rank of name (keys.ts keeps it as `dk`). */
export const DIMENSION_POSITION_SQL = 'SELECT dimension, row_number() OVER (ORDER BY dimension) AS pos FROM model_dimensions';

/**
 * SQL aggregate: Σ `expr` over the group's rows in `pos` order (1 … n), rows failing `where` left out;
 * NULL when no term is non-NULL, like list_sum(list(expr ORDER BY name) FILTER (WHERE where)).
 * `expr`, `pos` and `where` are SQL written by this program, never values.
 */
export function orderedSum(expr: string, pos: string, n: number, where?: string): string {
  const terms = Array.from({ length: Math.max(n, 1) }, (_, i) =>
    `first(${expr}) FILTER (WHERE ${pos} = ${i + 1}${where ? ` AND (${where})` : ''})`);
  return `list_sum([${terms.join(', ')}])`;
}
