// Per-dimension AUC: how well (100 − dimension score) alone ranks the same population, and a paired
// DeLong test against the composite on the rows where the dimension was scored.
import { auc, delongPairedTest, delongVariance } from '../stats/index.js';
import type { Workspace } from '../workspace/db.js';
import type { DimensionAuc } from './types.js';
import { fin, normalInterval01, toFloat64, toInt32 } from './util.js';

export async function dimensionAucs(ws: Workspace, level: number): Promise<DimensionAuc[]> {
  const dims = await ws.query<{ dimension: string; label: string; weight: number; ord: number }>(
    `SELECT dimension, label, weight, ord FROM model_dimensions ORDER BY ord`,
  );
  const c = await ws.columns(
    `SELECT md.ord::INTEGER AS k, l.label::DOUBLE AS y, (100 - ds.score)::DOUBLE AS rd, l.risk::DOUBLE AS r
     FROM labels l JOIN dimension_scores ds USING (partner_id, as_of) JOIN model_dimensions md USING (dimension)
     WHERE ds.score IS NOT NULL ORDER BY md.ord, l.partner_id, l.as_of`,
  );
  const k = toInt32(c.k);
  const y = toFloat64(c.y);
  const rd = toFloat64(c.rd);
  const r = toFloat64(c.r);
  return dims.map((d) => {
    const idx: number[] = [];
    for (let i = 0; i < k.length; i++) if (k[i] === d.ord) idx.push(i);
    const yy = Float64Array.from(idx, (i) => y[i]!);
    const ss = Float64Array.from(idx, (i) => rd[i]!);
    const cc = Float64Array.from(idx, (i) => r[i]!);
    const pos = yy.reduce((a, v) => a + v, 0);
    const neg = idx.length - pos;
    const out: DimensionAuc = { dimension: d.dimension, label: d.label, weight: d.weight, n: idx.length, positives: pos, auc: null, auc_ci: null, vs_composite: null };
    if (pos === 0 || neg === 0) return out;
    const a = auc(yy, ss);
    out.auc = fin(a);
    if (pos >= 2 && neg >= 2) {
      out.auc_ci = normalInterval01(a, Math.sqrt(delongVariance(yy, ss)), level);
      const t = delongPairedTest(yy, ss, cc);
      out.vs_composite = { n: idx.length, auc_dimension: t.auc1, auc_composite: t.auc2, diff: t.diff, z: t.z, p: t.p };
    }
    return out;
  });
}
