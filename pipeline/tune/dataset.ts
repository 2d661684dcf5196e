// Reads what calibration needs from the workspace: every scored-or-not partner-snapshot with its
// dimension scores (model order), dimension coverage, current composite/band and label (if in the
// backtest population). Population rows are the ones the weights are fitted and evaluated on.
import { BANDS, type Band, type HealthModel } from '../model/types.js';
import type { Workspace } from '../workspace/db.js';
import { list, text } from '../workspace/rows.js';

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

// A snapshot is read when it has at least one dimension score of the workspace's model dimensions.
const SCORED = `FROM partner_snapshots ps
     JOIN dimension_scores d ON d.partner_id = ps.partner_id AND d.as_of = ps.as_of
     JOIN model_dimensions md ON md.dimension = d.dimension`;

/** One column of a ws.columns result, every value checked like a schema column (`ok`, or NULL when allowed). */
function column<T>(cols: Record<string, unknown[]>, name: string, what: string, ok: (v: unknown) => v is T, nullable: boolean): (T | null)[] {
  const values = cols[name];
  if (!values) throw new Error(`calibration: query result has no column '${name}'`);
  // a plain loop: with forEach, checking the 15 columns of 170k values took 40–170 ms instead of 21–63
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!((nullable && v === null) || ok(v))) throw new Error(`calibration: column '${name}', row ${i + 1}: expected ${what}${nullable ? ' or NULL' : ''}, got ${JSON.stringify(v)}`);
  }
  return values as (T | null)[];
}
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * The workspace must have been scored with this model's dimensions, or the weights mean nothing: every
 * snapshot's dimensions (in model_dimensions order) must be the model's. The first snapshot (in partner,
 * date order) whose dimensions differ is the one named. Asked only when the counts read with the data
 * say something may differ: grouping 170k LIST values was the costliest read of loading M.
 */
async function checkDimensions(ws: Workspace, dims: string[]): Promise<void> {
  const lists = await ws.rows({ dims: list(text) },
    `SELECT dims FROM (SELECT list(d.dimension ORDER BY md.ord) AS dims, ps.partner_id, ps.as_of ${SCORED} GROUP BY ps.partner_id, ps.as_of)
     GROUP BY dims ORDER BY min((partner_id, as_of))`,
  );
  for (const { dims: got } of lists) {
    if (got.length !== dims.length || got.some((d, j) => d !== dims[j])) {
      throw new Error(`calibration: workspace dimensions (${got.join(', ')}) differ from the model's (${dims.join(', ')}); re-score first`);
    }
  }
}

/**
 * One flat read, one row per snapshot with each model dimension's score and coverage as its own column
 * (pivoted in SQL by the dimension names, bound), read column-wise: LIST columns converted to JS were 9.5
 * of 10 CPU seconds of loading M (170k snapshots), and the three flat reads that replaced them (a
 * dimension check, the snapshots, the scores long) still took ~4 CPU seconds, most of it the check's
 * grouping of lists and the snapshots' row objects.
 */
export async function loadDataset(ws: Workspace, model: HealthModel): Promise<Dataset> {
  const dims = Object.keys(model.dimensions);
  const w0 = dims.map((d) => model.dimensions[d]!.weight);
  const params: Record<string, string> = {};
  // Each model dimension's score and coverage, and its row count (for the dimension check below).
  const pivot = dims.map((d, j) => {
    params[`d${j}`] = d;
    return `any_value(d.score::DOUBLE) FILTER (WHERE d.dimension = $d${j}) AS s${j},
            any_value(d.coverage::DOUBLE) FILTER (WHERE d.dimension = $d${j}) AS c${j},
            count(*) FILTER (WHERE d.dimension = $d${j}) AS n${j}`;
  });
  const carried = dims.map((_, j) => `any_value(dd.s${j}) AS s${j}, any_value(dd.c${j}) AS c${j}`);
  BANDS.forEach((b, j) => (params[`b${j}`] = b));
  // Text is the costly part of the read (each value decoded on its own): a partner's id and name come
  // with its first snapshot only (NULL after), the band as its position in BANDS (the text only when it
  // is not a band, for the error), the date as a DATE (its text made once per day). The scores are
  // pivoted per snapshot first, so the joins and the grouping see 170k rows on M, not 510k.
  const cols = await ws.columns(
    `SELECT CASE WHEN first THEN pid END AS partner_id, CASE WHEN first THEN pname END AS name, * EXCLUDE (pid, pname, first)
     FROM (
       SELECT ps.partner_id AS pid, any_value(p.name) AS pname, ps.as_of,
              lag(ps.partner_id) OVER (ORDER BY ps.partner_id, ps.as_of) IS DISTINCT FROM ps.partner_id AS first,
              CASE WHEN sum(dd.n) <> $k OR bool_or(dd.missing) THEN 1 END AS odd_dims,
              any_value(h.composite) AS composite,
              CASE any_value(h.band) ${BANDS.map((_, j) => `WHEN $b${j} THEN ${j}`).join(' ')} END AS band,
              CASE WHEN any_value(h.band) NOT IN (${BANDS.map((_, j) => `$b${j}`).join(', ')}) THEN any_value(h.band) END AS not_a_band,
              any_value(l.label) AS label,
              any_value(l.due_deals)::INTEGER AS due_deals, any_value(l.missed_deals)::INTEGER AS missed_deals,
              ${carried.join(',\n              ')}
       FROM partner_snapshots ps
       JOIN (
         SELECT partner_id, as_of, n, ${dims.map((_, j) => `s${j}, c${j}`).join(', ')}, ${dims.map((_, j) => `n${j} = 0`).join(' OR ')} AS missing
         FROM (
           SELECT d.partner_id, d.as_of, count(*) AS n, ${pivot.join(',\n                  ')}
           FROM dimension_scores d JOIN model_dimensions md ON md.dimension = d.dimension
           GROUP BY d.partner_id, d.as_of
         )
       ) dd ON dd.partner_id = ps.partner_id AND dd.as_of = ps.as_of
       LEFT JOIN health h ON h.partner_id = ps.partner_id AND h.as_of = ps.as_of
       LEFT JOIN labels l ON l.partner_id = ps.partner_id AND l.as_of = ps.as_of
       LEFT JOIN partners p ON p.partner_id = ps.partner_id
       GROUP BY ps.partner_id, ps.as_of
     )
     ORDER BY pid, as_of`,
    { ...params, k: dims.length },
  );
  // Every snapshot has one row of each model dimension and model_dimensions lists exactly the model's, in
  // its order: then every snapshot's dimension list is the model's. Otherwise the full check decides.
  const odd = column(cols, 'odd_dims', 'an integer', isInt, true);
  const modelDims = await ws.rows({ dimension: text }, 'SELECT dimension FROM model_dimensions ORDER BY ord');
  const sameModel = modelDims.length === dims.length && modelDims.every((r, j) => r.dimension === dims[j]);
  if (!sameModel || odd.some((v) => v !== null)) await checkDimensions(ws, dims);

  const firstId = column(cols, 'partner_id', 'text', isText, true);
  const firstName = column(cols, 'name', 'text', isText, true);
  const asOf = column(cols, 'as_of', 'a date (YYYY-MM-DD)', isDate, false);
  const composite = column(cols, 'composite', 'a number', isNumber, true);
  const bandAt = column(cols, 'band', 'an integer', isInt, true);
  const notABand = column(cols, 'not_a_band', 'text', isText, true);
  const labels = column(cols, 'label', 'an integer', isInt, true);
  const due = column(cols, 'due_deals', 'an integer', isInt, true);
  const missed = column(cols, 'missed_deals', 'an integer', isInt, true);
  const scores = dims.map((_, j) => column(cols, `s${j}`, 'a number', isNumber, true));
  const covs = dims.map((_, j) => column(cols, `c${j}`, 'a number', isNumber, true));
  const bad = notABand.findIndex((v) => v !== null);
  if (bad >= 0) throw new Error(`calibration: column 'band', row ${bad + 1}: expected one of ${BANDS.join(', ')} or NULL, got ${JSON.stringify(notABand[bad])}`);
  const partner: string[] = new Array(asOf.length);
  const name: string[] = new Array(asOf.length);
  for (let i = 0; i < asOf.length; i++) {
    const id = firstId[i] ?? (i > 0 ? partner[i - 1] : undefined);
    if (id === undefined) throw new Error("calibration: column 'partner_id', row 1: expected text, got null");
    partner[i] = id;
    name[i] = firstId[i] !== null ? firstName[i] ?? id : name[i - 1]!;
  }
  const band = bandAt.map((j) => (j === null ? null : BANDS[j]!));
  const rows: SnapshotRow[] = new Array(partner.length);
  const population: number[] = [];
  for (let i = 0; i < partner.length; i++) {
    const x = new Array<number>(dims.length);
    const cov = new Array<number>(dims.length);
    for (let j = 0; j < dims.length; j++) {
      x[j] = scores[j]![i] ?? NaN;
      cov[j] = covs[j]![i] ?? 0;
    }
    const l = labels[i];
    const label = l === null || l === undefined ? null : l === 1 ? 1 : 0;
    const row: SnapshotRow = {
      partner_id: partner[i]!,
      name: name[i]!,
      as_of: asOf[i]!,
      x,
      cov,
      composite: composite[i]!,
      band: band[i]!,
      label,
      due_deals: due[i]!,
      missed_deals: missed[i]!,
    };
    if (label !== null && row.composite !== null && x.some((v) => !Number.isNaN(v))) population.push(i);
    rows[i] = row;
  }
  return { dims, w0, rows, population };
}
