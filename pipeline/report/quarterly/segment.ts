// A segment of the program (one manager, region, tier or type): the same report input, cut to its partners.
import type { QuarterlyData, PartnerRow } from './data.js';
import type { SegmentField } from './types.js';

export interface Segment {
  field: SegmentField;
  value: string;
}

/** Keep only the segment's partners in every per-partner table (order kept). */
export function filterSegment(data: QuarterlyData, seg: Segment | undefined): QuarterlyData {
  if (!seg) return data;
  const partners = segmentPartners(data.partners, seg);
  const ids = new Set(partners.map((p) => p.partner_id));
  const mine = <T extends { partner_id: string }>(rows: T[]) => rows.filter((r) => ids.has(r.partner_id));
  return {
    ...data,
    partners,
    history: mine(data.history),
    dimensionHistory: mine(data.dimensionHistory),
    dimensions: mine(data.dimensions),
    signals: mine(data.signals),
    evidence: mine(data.evidence),
    dueDeals: mine(data.dueDeals),
    closedDeals: mine(data.closedDeals),
    interventions: mine(data.interventions),
  };
}

/** The segment's partners (all of them without a segment), order kept. */
export function segmentPartners(partners: PartnerRow[], seg: Segment | undefined): PartnerRow[] {
  return seg ? partners.filter((p) => p[seg.field] === seg.value) : partners;
}

/** The distinct values of a segment field, sorted (partners without one are left out). */
export function segmentValues(partners: PartnerRow[], field: SegmentField): string[] {
  return [...new Set(partners.map((p) => p[field]).filter((v): v is string => v !== null && v !== ''))].sort();
}

export function segmentLabel(seg: Segment): string {
  return `${seg.field[0]!.toUpperCase()}${seg.field.slice(1)} ${seg.value}`;
}
