// Integer keys inside the score stage. The stage's temporary tables name a partner by `pid` (its rank of
// partner_id), a signal by `sig` (its rank of name) and a dimension by `dk` (its rank of name): joins,
// groupings and windows over millions of rows then hash and compare integers, not strings (on 5,000
// partners × 36 months the string keys were most of the score stage's join and grouping time). Names are
// joined back only in the persisted tables and views. Ranks of name keep name order: ordering by pid, sig or
// dk orders by partner_id, signal or dimension.
import type { Workspace } from '../workspace/db.js';
import { DIMENSION_POSITION_SQL, SIGNAL_POSITION_SQL, type Positions } from './ordered-sum.js';
import { int } from '../workspace/rows.js';

/**
 * Tables `partner_keys(partner_id, pid, type, tier, region, type_k, tier_k, region_k)` (a partner's
 * segments and their integer keys: a cohort is grouped on integers) and `signal_keys` (model_signals with
 * sig, `pos` = rank of name within the dimension and dk), kept in the workspace because the
 * `signal_scores` view names its rows through them; temp tables `snapshot_keys(pid, as_of)` (the
 * partner_snapshots) and `dimension_keys` (model_dimensions with dk). A partner's segments are the same at every
 * snapshot (partner_snapshots takes them from partners), so the steps that need only them or the
 * partner_id join the 5,000 partners on pid, not the 170,000 snapshots on (pid, as_of): on M that hash
 * join was ~0.7 CPU s of writing signal_scores.
 */
export async function buildKeys(ws: Workspace): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TABLE partner_keys AS
     SELECT partner_id, (row_number() OVER (ORDER BY partner_id))::INTEGER AS pid, type, tier, region,
            dense_rank() OVER (ORDER BY type)::INTEGER AS type_k, dense_rank() OVER (ORDER BY tier)::INTEGER AS tier_k,
            dense_rank() OVER (ORDER BY region)::INTEGER AS region_k
     FROM (SELECT DISTINCT partner_id, type, tier, region FROM partner_snapshots)`,
  );
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE snapshot_keys AS
     SELECT k.pid, ps.as_of FROM partner_snapshots ps JOIN partner_keys k USING (partner_id)`,
  );
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE dimension_keys AS
     SELECT md.*, o.pos::INTEGER AS dk FROM model_dimensions md JOIN (${DIMENSION_POSITION_SQL}) o USING (dimension)`,
  );
  await ws.exec(
    `CREATE OR REPLACE TABLE signal_keys AS
     SELECT ms.*, (row_number() OVER (ORDER BY ms.signal))::INTEGER AS sig, o.pos::INTEGER AS pos, d.dk
     FROM model_signals ms JOIN (${SIGNAL_POSITION_SQL}) o USING (signal) LEFT JOIN dimension_keys d USING (dimension)`,
  );
}

/** The segment of a signal's cohort, as signal_scores names it (`ms`: signal_keys, `sk`: partner_keys). */
export const SEGMENT_SQL = `CASE ms.segment WHEN 'type' THEN sk.type WHEN 'tier' THEN sk.tier WHEN 'region' THEN sk.region ELSE 'all' END`;
/** The same segment as an integer, unique within one signal's segment kind (0 for 'all'). */
const SEGMENT_KEY_SQL = `CASE ms.segment WHEN 'type' THEN sk.type_k WHEN 'tier' THEN sk.tier_k WHEN 'region' THEN sk.region_k ELSE 0 END`;

/** A date's month as one integer (year × 12 + month): month ends one apart differ by 1. */
export const monthIndex = (date: string): string => `(year(${date}) * 12 + month(${date}))::INTEGER`;

/**
 * SQL: one BIGINT per cohort (snapshot × signal × segment): the month number, sig and SEGMENT_KEY_SQL packed
 * with the bounds of the last two from `COHORT_BOUNDS_SQL` (`b`), so no two cohorts share a key. The
 * cohort's groupings, its window partition and the join back to its rows then hash and sort one integer,
 * not three columns (on M ~0.3 CPU s of the percentile ranks). Snapshots are month ends: one per month.
 * `asOf` is the snapshot column, `ms` signal_keys, `sk` partner_keys.
 */
export function cohortKeySql(asOf: string): string {
  return `(${monthIndex(asOf)}::BIGINT * b.sigs + ms.sig) * b.segs + ${SEGMENT_KEY_SQL}`;
}
/** One row: `sigs` > every sig, `segs` > every segment key. */
export const COHORT_BOUNDS_SQL = `SELECT (SELECT max(sig) + 1 FROM signal_keys)::BIGINT AS sigs,
       (SELECT greatest(max(type_k), max(tier_k), max(region_k)) + 1 FROM partner_keys)::BIGINT AS segs`;

/** The key tables only the stage's own steps read (the other two name the signal_scores view's rows). */
export const STEP_KEY_TABLES = ['snapshot_keys', 'dimension_keys'] as const;

/** The lengths of the fixed-order sums (ordered-sum.ts), from the key tables. */
export async function positions(ws: Workspace): Promise<Positions> {
  const [n] = await ws.rows({ signals: int, dimensions: int },
    `SELECT coalesce((SELECT max(pos) FROM signal_keys), 0)::INTEGER AS signals,
            coalesce((SELECT max(dk) FROM dimension_keys), 0)::INTEGER AS dimensions`,
  );
  return { signalsPerDimension: n!.signals, dimensions: n!.dimensions };
}
