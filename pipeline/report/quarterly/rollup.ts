// Roll-up of the program by manager, region and tier: where the Red partners and the risky pipeline sit.
import type { PartnerRow } from './data.js';
import type { ExpectedAtRisk } from './risk.js';
import type { SegmentField } from './types.js';
import { segmentValues } from './segment.js';

export const ROLLUP_FIELDS: ReadonlyArray<{ field: SegmentField; label: string; caption: string }> = [
  { field: 'manager', label: 'Manager', caption: 'By partner manager' },
  { field: 'region', label: 'Region', caption: 'By region' },
  { field: 'tier', label: 'Tier', caption: 'By tier' },
];

export interface RollupRow {
  value: string;
  partners: number;
  red: number;
  yellow: number;
  green: number;
  unscored: number;
  movedDown: number;
  openPipeline: number;
  pipelineAtRisk: number;
  /** null when the expected amount could not be calibrated. */
  expectedAtRisk: number | null;
}

export interface Rollup {
  tables: Array<{ field: SegmentField; label: string; caption: string; rows: RollupRow[]; total: RollupRow }>;
}

const SEVERITY: Record<string, number> = { green: 0, yellow: 1, red: 2 };

function rollupRow(value: string, rows: PartnerRow[], expected: ExpectedAtRisk): RollupRow {
  const n = (b: string) => rows.filter((r) => r.band === b).length;
  return {
    value,
    partners: rows.length,
    red: n('red'),
    yellow: n('yellow'),
    green: n('green'),
    unscored: rows.filter((r) => r.band === null).length,
    movedDown: rows.filter((r) => r.band && r.prev_band && SEVERITY[r.band]! > SEVERITY[r.prev_band]!).length,
    openPipeline: rows.reduce((a, r) => a + r.open_pipeline, 0),
    pipelineAtRisk: rows.reduce((a, r) => a + (r.band === 'red' || r.band === 'yellow' ? r.open_pipeline : 0), 0),
    expectedAtRisk: expected.amount === null ? null : rows.reduce((a, r) => a + (expected.byPartner[r.partner_id] ?? 0), 0),
  };
}

/** One table per field, values sorted by Red count, then pipeline at risk; partners without a value form a row of their own. */
export function rollup(partners: PartnerRow[], expected: ExpectedAtRisk): Rollup {
  return {
    tables: ROLLUP_FIELDS.map(({ field, label, caption }) => {
      const rows = segmentValues(partners, field).map((v) => rollupRow(v, partners.filter((p) => p[field] === v), expected));
      const missing = partners.filter((p) => !p[field]);
      if (missing.length) rows.push(rollupRow('(none)', missing, expected));
      rows.sort((a, b) => b.red - a.red || b.pipelineAtRisk - a.pipelineAtRisk || a.value.localeCompare(b.value));
      return { field, label, caption, rows, total: rollupRow('All partners', partners, expected) };
    }),
  };
}
