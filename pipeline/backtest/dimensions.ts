// Per-dimension AUC: how well (100 − dimension score) alone ranks the same population. Intervals for
// the dimension's AUC and for its difference to the composite come from the same partner bootstrap as
// the composite's own interval (a partner's months are correlated); the paired DeLong test, which
// treats rows as independent, is kept for reference only and labelled so.
import { delongPairedTest } from '../stats/index.js';
import type { Workspace } from '../workspace/db.js';
import { clusterIds } from './resample.js';
import type { BootResult, DimensionBootTask } from './boot-tasks.js';
import { clusterAucStatistic } from './cluster-auc.js';
import type { DimensionAuc } from './types.js';
import { fin, toFloat64, toInt32 } from './util.js';
import { num, text } from '../workspace/rows.js';

export interface DimensionOptions {
  level: number;
  bootstrap: number;
  seed: number;
}

/** One dimension's rows: label, the dimension's risk (100 − score) and the composite's, partner. */
export interface DimensionRows {
  dimension: string;
  label: string;
  weight: number;
  y: Float64Array;
  dim: Float64Array;
  composite: Float64Array;
  partner: Int32Array;
  positives: number;
}

export async function loadDimensionRows(ws: Workspace): Promise<DimensionRows[]> {
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
    // rows come ordered by md.ord: a dimension's rows are one run, copied as slices
    const from = k.indexOf(d.ord);
    const to = from < 0 ? 0 : k.lastIndexOf(d.ord) + 1;
    const at = Math.max(from, 0);
    const yy = y.slice(at, to);
    return {
      dimension: d.dimension, label: d.label, weight: d.weight,
      y: yy, dim: rd.slice(at, to), composite: r.slice(at, to),
      partner: part.slice(at, to), positives: yy.reduce((a, v) => a + v, 0),
    };
  });
}

/** A dimension's AUC gets intervals when both classes have two rows or more. */
const bootstrapped = (d: DimensionRows): boolean => d.positives >= 2 && d.y.length - d.positives >= 2;

/** The bootstrap of each dimension that has one (boot-tasks.ts), in dimension order. */
export function dimensionBootTasks(rows: DimensionRows[], o: DimensionOptions): DimensionBootTask[] {
  return rows.filter(bootstrapped).map((d) => ({
    kind: 'dimension', label: d.y, dim: d.dim, composite: d.composite, partner: d.partner, B: o.bootstrap, seed: o.seed, level: o.level,
  }));
}

/**
 * Each dimension's AUC, with the intervals of its task from dimensionBootTasks (in the same order) once
 * they are in. The paired DeLong tests and the AUCs without a bootstrap need no resample: computed now,
 * while the bootstrap worker runs (on M ~0.22 s that came after it).
 */
export function dimensionAucs(rows: DimensionRows[]): (boots: BootResult[]) => DimensionAuc[] {
  const early = rows.map((d) => {
    if (d.positives === 0 || d.positives === d.y.length) return null;
    if (!bootstrapped(d)) {
      const ids = clusterIds(d.partner);
      return { auc: fin(clusterAucStatistic(d.y, d.dim, ids.ofRow, ids.count).all()) };
    }
    return { test: delongPairedTest(d.y, d.dim, d.composite) };
  });
  return (boots) => {
    let next = 0;
    return rows.map((d, k) => {
      const n = d.y.length;
      const pos = d.positives;
      const out: DimensionAuc = { dimension: d.dimension, label: d.label, weight: d.weight, n, positives: pos, auc: null, auc_ci: null, vs_composite: null };
      const e = early[k];
      if (!e) return out;
      if (!e.test) {
        out.auc = e.auc!;
        return out;
      }
      // the task built the same statistic for its resamples: its value over all rows is the AUC (one 100k-row build less per dimension on M)
      const boot = boots[next++]!;
      out.auc = fin(boot.auc!);
      out.auc_ci = boot.cis.auc ?? null;
      const t = e.test;
      out.vs_composite = { n, auc_dimension: t.auc1, auc_composite: t.auc2, diff: t.diff, diff_ci: boot.cis.diff ?? null, z: t.z, p: t.p };
      return out;
    });
  };
}
