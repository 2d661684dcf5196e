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

const RAW_ROW = {
  partner_id: text, name: nullable(text), as_of: date, dims: list(text), scores: list(nullable(num)), covs: list(nullable(num)),
  composite: nullable(num), band: nullable(oneOf(BANDS)), label: nullable(int),
  due_deals: nullable(int), missed_deals: nullable(int),
};

export async function loadDataset(ws: Workspace, model: HealthModel): Promise<Dataset> {
  const dims = Object.keys(model.dimensions);
  const w0 = dims.map((d) => model.dimensions[d]!.weight);
  const raw = await ws.rows(RAW_ROW,
    `SELECT ps.partner_id, any_value(p.name) AS name, ps.as_of,
            list(d.dimension ORDER BY md.ord) AS dims, list(d.score ORDER BY md.ord) AS scores,
            list(d.coverage ORDER BY md.ord) AS covs,
            any_value(h.composite) AS composite, any_value(h.band) AS band, any_value(l.label) AS label,
            any_value(l.due_deals)::INTEGER AS due_deals, any_value(l.missed_deals)::INTEGER AS missed_deals
     FROM partner_snapshots ps
     JOIN dimension_scores d ON d.partner_id = ps.partner_id AND d.as_of = ps.as_of
     JOIN model_dimensions md ON md.dimension = d.dimension
     LEFT JOIN health h ON h.partner_id = ps.partner_id AND h.as_of = ps.as_of
     LEFT JOIN labels l ON l.partner_id = ps.partner_id AND l.as_of = ps.as_of
     LEFT JOIN partners p ON p.partner_id = ps.partner_id
     GROUP BY ps.partner_id, ps.as_of
     ORDER BY ps.partner_id, ps.as_of`,
  );
  const rows: SnapshotRow[] = [];
  const population: number[] = [];
  for (const r of raw) {
    // The workspace must have been scored with this model's dimensions, or the weights mean nothing.
    if (r.dims.length !== dims.length || r.dims.some((d, j) => d !== dims[j])) {
      throw new Error(`calibration: workspace dimensions (${r.dims.join(', ')}) differ from the model's (${dims.join(', ')}); re-score first`);
    }
    const x = r.scores.map((v) => (v === null ? NaN : Number(v)));
    const label = r.label === null || r.label === undefined ? null : r.label === 1 ? 1 : 0;
    const row: SnapshotRow = {
      partner_id: r.partner_id,
      name: r.name ?? r.partner_id,
      as_of: r.as_of,
      x,
      cov: r.covs.map((v) => (v === null ? 0 : Number(v))),
      composite: r.composite === null ? null : Number(r.composite),
      band: r.band,
      label,
      due_deals: r.due_deals === null ? null : Number(r.due_deals),
      missed_deals: r.missed_deals === null ? null : Number(r.missed_deals),
    };
    if (label !== null && row.composite !== null && x.some((v) => !Number.isNaN(v))) population.push(rows.length);
    rows.push(row);
  }
  return { dims, w0, rows, population };
}
