// Reads what calibration needs from the workspace: every scored-or-not partner-snapshot with its
// dimension scores (model order), dimension coverage, current composite/band and label (if in the
// backtest population). Population rows are the ones the weights are fitted and evaluated on.
import { BANDS, type Band, type HealthModel } from '../model/types.js';
import type { Workspace } from '../workspace/db.js';
import { date, int, list, nullable, num, oneOf, text } from '../workspace/rows.js';

export interface SnapshotRow {
  partner_id: string;
  name: string;
  as_of: string;
  /** Dimension scores 0–100 in model order; NaN when the dimension is unscored. */
  x: number[];
  /** Dimension coverage 0–1 in model order (share of the dimension's signal weight with data). */
  cov: number[];
  composite: number | null;
  band: Band | null;
  /** 0/1 when the snapshot is in the backtest population (`labels`), else null. */
  label: 0 | 1 | null;
  /** Due and missed deals behind the label (null outside the population). */
  due_deals: number | null;
  missed_deals: number | null;
}

export interface Dataset {
  dims: string[];
  /** Current model weights in `dims` order. */
  w0: number[];
  /** All partner-snapshots, sorted by partner_id then as_of. */
  rows: SnapshotRow[];
  /** Indices into `rows` of the population (labelled, scored, ≥ 1 dimension available), same order. */
  population: number[];
}

const SNAPSHOT_ROW = {
  partner_id: text, name: nullable(text), as_of: date, n_dims: int,
  composite: nullable(num), band: nullable(oneOf(BANDS)), label: nullable(int),
  due_deals: nullable(int), missed_deals: nullable(int),
};

// A snapshot is read when it has at least one dimension score of the workspace's model dimensions.
const SCORED = `FROM partner_snapshots ps
     JOIN dimension_scores d ON d.partner_id = ps.partner_id AND d.as_of = ps.as_of
     JOIN model_dimensions md ON md.dimension = d.dimension`;

/** Numbers (or NULL) of one numeric column read by ws.columns, checked like a schema column. */
function numbers(values: unknown[] | undefined, name: string): (number | null)[] {
  if (!values) throw new Error(`calibration: query result has no column '${name}'`);
  values.forEach((v, i) => {
    if (v !== null && typeof v !== 'number') throw new Error(`calibration: column '${name}', row ${i + 1}: expected a number or NULL, got ${JSON.stringify(v)}`);
  });
  return values as (number | null)[];
}

/**
 * Three flat reads instead of one query with LIST columns per snapshot: converting those lists to JS was
 * 9.5 of the 10 CPU seconds of loading M (170k snapshots); flat columns take about 1. The scores come
 * long (one row per snapshot × dimension, in the snapshots' order) and are cut by each snapshot's count.
 */
export async function loadDataset(ws: Workspace, model: HealthModel): Promise<Dataset> {
  const dims = Object.keys(model.dimensions);
  const w0 = dims.map((d) => model.dimensions[d]!.weight);
  // The workspace must have been scored with this model's dimensions, or the weights mean nothing. The
  // first snapshot (in partner, date order) whose dimensions differ is the one named.
  const lists = await ws.rows({ dims: list(text) },
    `SELECT dims FROM (SELECT list(d.dimension ORDER BY md.ord) AS dims, ps.partner_id, ps.as_of ${SCORED} GROUP BY ps.partner_id, ps.as_of)
     GROUP BY dims ORDER BY min((partner_id, as_of))`,
  );
  for (const { dims: got } of lists) {
    if (got.length !== dims.length || got.some((d, j) => d !== dims[j])) {
      throw new Error(`calibration: workspace dimensions (${got.join(', ')}) differ from the model's (${dims.join(', ')}); re-score first`);
    }
  }
  const raw = await ws.rows(SNAPSHOT_ROW,
    `SELECT ps.partner_id, any_value(p.name) AS name, strftime(ps.as_of, '%Y-%m-%d') AS as_of, count(*)::INTEGER AS n_dims,
            any_value(h.composite) AS composite, any_value(h.band) AS band, any_value(l.label) AS label,
            any_value(l.due_deals)::INTEGER AS due_deals, any_value(l.missed_deals)::INTEGER AS missed_deals
     ${SCORED}
     LEFT JOIN health h ON h.partner_id = ps.partner_id AND h.as_of = ps.as_of
     LEFT JOIN labels l ON l.partner_id = ps.partner_id AND l.as_of = ps.as_of
     LEFT JOIN partners p ON p.partner_id = ps.partner_id
     GROUP BY ps.partner_id, ps.as_of
     ORDER BY ps.partner_id, ps.as_of`,
  );
  const long = await ws.columns(
    `SELECT d.score::DOUBLE AS score, d.coverage::DOUBLE AS coverage ${SCORED} ORDER BY ps.partner_id, ps.as_of, md.ord`,
  );
  const scores = numbers(long.score, 'score');
  const covs = numbers(long.coverage, 'coverage');
  const rows: SnapshotRow[] = [];
  const population: number[] = [];
  let at = 0;
  for (const r of raw) {
    const x = new Array<number>(r.n_dims);
    const cov = new Array<number>(r.n_dims);
    for (let j = 0; j < r.n_dims; j++, at++) {
      x[j] = scores[at] ?? NaN;
      cov[j] = covs[at] ?? 0;
    }
    const label = r.label === null || r.label === undefined ? null : r.label === 1 ? 1 : 0;
    const row: SnapshotRow = {
      partner_id: r.partner_id,
      name: r.name ?? r.partner_id,
      as_of: r.as_of,
      x,
      cov,
      composite: r.composite,
      band: r.band,
      label,
      due_deals: r.due_deals,
      missed_deals: r.missed_deals,
    };
    if (label !== null && row.composite !== null && x.some((v) => !Number.isNaN(v))) population.push(rows.length);
    rows.push(row);
  }
  if (at !== scores.length) throw new Error(`calibration: ${scores.length} dimension scores for ${at} snapshot dimensions`);
  return { dims, w0, rows, population };
}
