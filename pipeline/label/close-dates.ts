// The one wording of which close dates the labels measured slips against (CLI summary and reports).

/**
 * With deal history: what it changed ("with history: N missed deals; against final close dates alone: M").
 * Without: a plain warning that slips were measured against final close dates and are probably undercounted.
 */
export function closeDateBasis(missedDeals: number, missedDealsFinalDates: number | null): string {
  if (missedDealsFinalDates === null) {
    return 'Slips are measured against the final expected close dates (no deal_history input), ' +
      'so deals whose close date was pushed out look on time: misses are probably undercounted.';
  }
  return `Slips are measured against the close date as known at each snapshot (from deal_history): ` +
    `with history: ${missedDeals} missed deal${missedDeals === 1 ? '' : 's'}; against final close dates alone: ${missedDealsFinalDates}.`;
}
