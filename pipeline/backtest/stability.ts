// Stability over time: AUC per quarter, PSI of the composite vs a baseline year, band migration.
import { auc, delongVariance, psiFromScores, psiLabel } from '../stats/index.js';
import type { Workspace } from '../workspace/db.js';
import type { Population } from './data.js';
import type { PsiQuarter, QuarterAuc, StabilityResult } from './types.js';
import { fin, normalInterval01, quarterLabel, ratio, toFloat64, toInt32 } from './util.js';
import { date, nullable, num, text } from '../workspace/rows.js';

/** Rows with fewer than this many of either class get an AUC but no interval. */
const MIN_CLASS_FOR_CI = 5;

export function aucByQuarter(pop: Population, level: number): QuarterAuc[] {
  const byQ = new Map<number, number[]>();
  for (let i = 0; i < pop.n; i++) {
    const q = pop.quarter[i]!;
    if (!byQ.has(q)) byQ.set(q, []);
    byQ.get(q)!.push(i);
  }
  return [...byQ.keys()].sort((a, b) => a - b).map((q) => {
    const rows = byQ.get(q)!;
    const y = Float64Array.from(rows, (i) => pop.label[i]!);
    const s = Float64Array.from(rows, (i) => pop.risk[i]!);
    const pos = y.reduce((t, v) => t + v, 0);
    const neg = rows.length - pos;
    const a = pos > 0 && neg > 0 ? auc(y, s) : NaN;
    const ci = pos >= MIN_CLASS_FOR_CI && neg >= MIN_CLASS_FOR_CI ? normalInterval01(a, Math.sqrt(delongVariance(y, s)), level) : null;
    return { quarter: quarterLabel(q), n: rows.length, positives: pos, auc: fin(a), auc_ci: ci };
  });
}

/**
 * PSI of every scored composite per quarter against the first 12 months of snapshots (all scored
 * partners, not only the labelled population: drift matters most in the recent, still-censored months).
 */
export async function psiByQuarter(ws: Workspace): Promise<StabilityResult['psi']> {
  const BASELINE = `SELECT min(as_of) AS first, (min(as_of) + INTERVAL 12 MONTH)::DATE AS until FROM snapshots`;
  // The baseline's two dates once, not repeated as strings on each of the ~170k score rows.
  const [w] = await ws.rows({ first: nullable(date), last: nullable(date) },
    `WITH b AS (${BASELINE}) SELECT b.first::VARCHAR AS first, (SELECT max(as_of) FROM snapshots WHERE as_of < b.until)::VARCHAR AS last FROM b`,
  );
  const c = await ws.columns(
    `WITH b AS (${BASELINE})
     SELECT h.composite::DOUBLE AS s, (year(h.as_of) * 4 + quarter(h.as_of) - 1)::INTEGER AS q,
            (h.as_of < b.until)::INTEGER AS base
     FROM health h, b WHERE h.composite IS NOT NULL ORDER BY h.as_of, h.partner_id`,
  );
  const s = toFloat64(c.s);
  const q = toInt32(c.q);
  const base = toInt32(c.base);
  const baseline = s.filter((_, i) => base[i] === 1);
  const byQ = new Map<number, number[]>();
  for (let i = 0; i < s.length; i++) {
    if (base[i] === 1) continue;
    if (!byQ.has(q[i]!)) byQ.set(q[i]!, []);
    byQ.get(q[i]!)!.push(s[i]!);
  }
  const quarters: PsiQuarter[] = baseline.length === 0 ? [] : [...byQ.keys()].sort((a, b) => a - b).map((k) => {
    const v = psiFromScores(baseline, byQ.get(k)!, 10);
    return { quarter: quarterLabel(k), n: byQ.get(k)!.length, psi: v, label: psiLabel(v) };
  });
  return {
    // as before: no baseline dates when no snapshot is scored
    baseline_from: s.length > 0 ? w?.first ?? null : null,
    baseline_to: s.length > 0 ? w?.last ?? null : null,
    baseline_n: baseline.length,
    quarters,
  };
}

const STATES = ['green', 'yellow', 'red', 'unscored'];

/** Band transitions between each partner's consecutive month-end snapshots (all snapshots). */
export async function bandMigration(ws: Workspace): Promise<StabilityResult['migration']> {
  const rows = await ws.rows({ f: text, t: text, n: num },
    `WITH s AS (SELECT partner_id, as_of, coalesce(band, 'unscored') AS b FROM health)
     SELECT a.b AS f, n.b AS t, count(*) AS n
     FROM s a JOIN s n ON n.partner_id = a.partner_id AND n.as_of = last_day((a.as_of + INTERVAL 1 MONTH)::DATE)
     GROUP BY ALL`,
  );
  const counts = STATES.map(() => STATES.map(() => 0));
  for (const r of rows) counts[STATES.indexOf(r.f)]![STATES.indexOf(r.t)] = r.n;
  const shares = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((x) => ratio(x, total));
  });
  return { states: STATES, counts, shares, transitions: rows.reduce((a, r) => a + r.n, 0) };
}
