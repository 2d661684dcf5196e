// Per-dimension AUC: how well (100 − dimension score) alone ranks the same population. Intervals for
// the dimension's AUC and for its difference to the composite come from the same partner bootstrap as
// the composite's own interval (a partner's months are correlated); the paired DeLong test, which
// treats rows as independent, is kept for reference only and labelled so.
import { delongPairedTest } from '../stats/index.js';
import type { Workspace } from '../workspace/db.js';
import { clusterIds, partnerBootstrap, perResample } from './resample.js';
import { clusterAucStatistic } from './cluster-auc.js';
import type { DimensionAuc } from './types.js';
import { fin, toFloat64, toInt32 } from './util.js';
import { num, text } from '../workspace/rows.js';

export interface DimensionOptions {
  level: number;
  bootstrap: number;
  seed: number;
}

export async function dimensionAucs(ws: Workspace, o: DimensionOptions): Promise<DimensionAuc[]> {
  const dims = await ws.rows({ dimension: text, label: text, weight: num, ord: num },
    `SELECT dimension, label, weight, ord FROM model_dimensions ORDER BY ord`,
  );
  const c = await ws.columns(
    `SELECT md.ord::INTEGER AS k, (dense_rank() OVER (ORDER BY l.partner_id) - 1)::INTEGER AS p,
            l.label::DOUBLE AS y, (100 - ds.score)::DOUBLE AS rd, l.risk::DOUBLE AS r
     FROM labels l JOIN dimension_scores ds USING (partner_id, as_of) JOIN model_dimensions md USING (dimension)
     WHERE ds.score IS NOT NULL ORDER BY md.ord, l.partner_id, l.as_of`,
  );
  const k = toInt32(c.k);
  const part = toInt32(c.p);
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
    // Both AUCs from each resample's partner draw counts (cluster-auc.ts), each evaluated once per resample.
    const partners = Int32Array.from(idx, (i) => part[i]!);
    const ids = clusterIds(partners);
    const dimAuc = clusterAucStatistic(yy, ss, ids.ofRow, ids.count);
    const compAuc = clusterAucStatistic(yy, cc, ids.ofRow, ids.count);
    out.auc = fin(dimAuc.all());
    if (pos >= 2 && neg >= 2) {
      const dimB = perResample(dimAuc.byCluster);
      const compB = perResample(compAuc.byCluster);
      const boot = partnerBootstrap(partners, {
        auc: dimB,
        diff: perResample((m) => dimB.byCluster(m) - compB.byCluster(m)),
      }, o.bootstrap, o.seed, o.level);
      out.auc_ci = boot.cis.auc ?? null;
      const t = delongPairedTest(yy, ss, cc);
      out.vs_composite = { n: idx.length, auc_dimension: t.auc1, auc_composite: t.auc2, diff: t.diff, diff_ci: boot.cis.diff ?? null, z: t.z, p: t.p };
    }
    return out;
  });
}
