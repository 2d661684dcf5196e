// Integer keys inside the score stage. The stage's temporary tables name a partner by `pid` (its rank of
// partner_id), a signal by `sig` (its rank of name) and a dimension by `dk` (its rank of name): joins,
// groupings and windows over millions of rows then hash and compare integers, not strings (on 5,000
// partners × 36 months the string keys were most of the score stage's join and grouping time). Names are
// joined back only in the persisted tables. Ranks of name keep name order: ordering by pid, sig or dk
// orders by partner_id, signal or dimension.
import type { Workspace } from '../workspace/db.js';
import { DIMENSION_POSITION_SQL, SIGNAL_POSITION_SQL, type Positions } from './ordered-sum.js';
import { int } from '../workspace/rows.js';

/**
 * Temp tables `partner_keys(partner_id, pid)`, `snapshot_keys` (partner_snapshots with pid and integer
 * segment keys `type_k`, `tier_k`, `region_k`: a cohort is grouped on integers), `signal_keys` (model_signals
 * with sig, `pos` = rank of name within the dimension and dk) and `dimension_keys` (model_dimensions with dk).
 */
export async function buildKeys(ws: Workspace): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE partner_keys AS
     SELECT partner_id, (row_number() OVER (ORDER BY partner_id))::INTEGER AS pid
     FROM (SELECT DISTINCT partner_id FROM partner_snapshots)`,
  );
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE snapshot_keys AS
     SELECT k.pid, ps.as_of, ps.partner_id, ps.type, ps.tier, ps.region,
            dense_rank() OVER (ORDER BY ps.type)::INTEGER AS type_k, dense_rank() OVER (ORDER BY ps.tier)::INTEGER AS tier_k,
            dense_rank() OVER (ORDER BY ps.region)::INTEGER AS region_k
     FROM partner_snapshots ps JOIN partner_keys k USING (partner_id)`,
  );
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE dimension_keys AS
     SELECT md.*, o.pos::INTEGER AS dk FROM model_dimensions md JOIN (${DIMENSION_POSITION_SQL}) o USING (dimension)`,
  );
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE signal_keys AS
     SELECT ms.*, (row_number() OVER (ORDER BY ms.signal))::INTEGER AS sig, o.pos::INTEGER AS pos, d.dk
     FROM model_signals ms JOIN (${SIGNAL_POSITION_SQL}) o USING (signal) LEFT JOIN dimension_keys d USING (dimension)`,
  );
}

/** The segment of a signal's cohort, as signal_scores names it (`ms`: signal_keys, `sk`: snapshot_keys). */
export const SEGMENT_SQL = `CASE ms.segment WHEN 'type' THEN sk.type WHEN 'tier' THEN sk.tier WHEN 'region' THEN sk.region ELSE 'all' END`;
/** The same segment as an integer, unique within one signal's segment kind (0 for 'all'). */
export const SEGMENT_KEY_SQL = `CASE ms.segment WHEN 'type' THEN sk.type_k WHEN 'tier' THEN sk.tier_k WHEN 'region' THEN sk.region_k ELSE 0 END`;

export const KEY_TABLES = ['partner_keys', 'snapshot_keys', 'dimension_keys', 'signal_keys'] as const;

/** The lengths of the fixed-order sums (ordered-sum.ts), from the key tables. */
export async function positions(ws: Workspace): Promise<Positions> {
  const [n] = await ws.rows({ signals: int, dimensions: int },
    `SELECT coalesce((SELECT max(pos) FROM signal_keys), 0)::INTEGER AS signals,
            coalesce((SELECT max(dk) FROM dimension_keys), 0)::INTEGER AS dimensions`,
  );
  return { signalsPerDimension: n!.signals, dimensions: n!.dimensions };
}
