// "The deal_timeline row current at T" as an equi-join on deal_id with the row's validity span, for
// queries that match many (deal, T) pairs. It is the ASOF JOIN's match (latest valid_from ≤ T) because
// valid_from is unique per deal (deal_timeline keeps one row per deal and day), but on M (1.35M due-deal
// candidates against 187k timeline rows) DuckDB's ASOF JOIN took 5.6–7.6 s where this takes ~1.8 s:
// a deal has only a couple of timeline rows, so the equi-join fans out little.

/** deal_timeline with `valid_to`, the next row's valid_from (NULL on a deal's last row). */
export const TIMELINE_SPANS = `(SELECT *, lead(valid_from) OVER (PARTITION BY deal_id ORDER BY valid_from) AS valid_to FROM deal_timeline)`;

/** Join condition: timeline row `k` (from TIMELINE_SPANS) is deal `dealId`'s state as known at day `t`. */
export function currentAt(k: string, dealId: string, t: string): string {
  return `${k}.deal_id = ${dealId} AND ${k}.valid_from <= ${t} AND (${k}.valid_to IS NULL OR ${t} < ${k}.valid_to)`;
}
