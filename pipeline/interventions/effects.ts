// Interventions stage (DESIGN.md "Interventions (closing the loop)"): did health improve after an
// intervention more than it did for comparable partners that were left alone?
//
// For each intervention, t₀ = the last snapshot on or before it started and t₁ = the snapshot `months`
// later; Δ = composite(t₁) − composite(t₀). Controls are partner-snapshots at the same t₀, in the same
// band, within `scoreTolerance` points of the treated composite, whose partner had no intervention
// within ±`exclusionDays` of t₀. Effect = Δ_treated − mean Δ_controls (difference in differences).
import type { Workspace } from '../workspace/db.js';
import { EFFECT_ROW, type EffectRow } from './summary.js';
import { hasTable } from '../workspace/catalog.js';

export interface EffectsOptions {
  /** Months between t₀ and t₁ (default 3, i.e. ~90 days). */
  months?: number;
  /** Max |composite − treated composite| at t₀ for a control (default 10 points). */
  scoreTolerance?: number;
  /** A control partner may have no intervention within ± this many days of t₀ (default 90). */
  exclusionDays?: number;
}

export const EFFECT_DEFAULTS = { months: 3, scoreTolerance: 10, exclusionDays: 90 } as const;

/**
 * Build table `intervention_effects` (one row per intervention). Its per-playbook summary (with a
 * bootstrap interval) is summarizeEffects' job, done where it is shown: the quarterly report summarises
 * the rows as known at its quarter end, not these.
 */
export async function computeInterventionEffects(ws: Workspace, opts: EffectsOptions = {}): Promise<void> {
  const params = {
    months: opts.months ?? EFFECT_DEFAULTS.months,
    tol: opts.scoreTolerance ?? EFFECT_DEFAULTS.scoreTolerance,
    days: opts.exclusionDays ?? EFFECT_DEFAULTS.exclusionDays,
  };
  await ws.exec(
    `CREATE OR REPLACE TABLE intervention_effects AS
     WITH bounds AS (SELECT max(as_of) AS last_snap FROM snapshots),
     -- point in time: interventions after the data cutoff are not part of this run's history
     known AS (SELECT * FROM interventions WHERE started_on <= (SELECT max(cutoff) FROM run_info)),
     iv AS (
       SELECT row_number() OVER (ORDER BY i.partner_id, i.started_on, i.playbook, i.owner, i.note) AS intervention_id,
              i.partner_id, i.started_on, i.playbook, i.owner, i.note,
              (SELECT max(s.as_of) FROM snapshots s WHERE s.as_of <= i.started_on) AS t0
       FROM known i),
     treated AS (
       SELECT iv.*, last_day(iv.t0 + to_months($months::INTEGER)) AS t1,
              h0.band AS band_t0, h0.composite AS composite_t0, h1.composite AS composite_t1,
              h1.composite - h0.composite AS delta
       FROM iv
       LEFT JOIN health h0 ON h0.partner_id = iv.partner_id AND h0.as_of = iv.t0
       LEFT JOIN health h1 ON h1.partner_id = iv.partner_id AND h1.as_of = last_day(iv.t0 + to_months($months::INTEGER))),
     -- every partner-snapshot that could serve as a control: scored at both ends, left alone around t₀
     pool AS (
       SELECT h0.partner_id, h0.as_of, h0.band, h0.composite, h1.composite - h0.composite AS delta
       FROM health h0
       JOIN health h1 ON h1.partner_id = h0.partner_id AND h1.as_of = last_day(h0.as_of + to_months($months::INTEGER))
       WHERE h0.composite IS NOT NULL AND h1.composite IS NOT NULL
         AND NOT EXISTS (
           SELECT 1 FROM known j
           WHERE j.partner_id = h0.partner_id
             AND j.started_on BETWEEN h0.as_of - to_days($days::INTEGER) AND h0.as_of + to_days($days::INTEGER))),
     matched AS (
       SELECT t.intervention_id, count(p.partner_id) AS control_n, count(DISTINCT p.partner_id) AS control_partners,
              -- in partner order (one pool row per partner at t₀): avg()'s last bit depends on the order threads add in
              list_avg(list(p.delta ORDER BY p.partner_id)) AS control_delta
       FROM treated t
       JOIN pool p ON p.as_of = t.t0 AND p.band = t.band_t0 AND abs(p.composite - t.composite_t0) <= $tol
       GROUP BY t.intervention_id),
     joined AS (
       SELECT t.*, coalesce(m.control_n, 0) AS control_n, coalesce(m.control_partners, 0) AS control_partners,
              m.control_delta,
              CASE WHEN t.t0 IS NULL THEN 'before_data'
                   WHEN t.t1 > b.last_snap THEN 'too_recent'
                   WHEN t.composite_t0 IS NULL OR t.composite_t1 IS NULL THEN 'unscored'
                   WHEN coalesce(m.control_n, 0) = 0 THEN 'no_controls'
                   ELSE 'ok' END AS status
       FROM treated t LEFT JOIN matched m USING (intervention_id) CROSS JOIN bounds b)
     SELECT intervention_id, partner_id, started_on, playbook, owner, note, t0, t1, band_t0, composite_t0, composite_t1,
            delta, control_n, control_partners, control_delta,
            CASE WHEN status = 'ok' THEN delta - control_delta END AS effect, status
     FROM joined
     ORDER BY intervention_id`,
    params,
  );
}

/** All rows of `intervention_effects`, optionally for one partner (dates as ISO strings). */
export async function readInterventionEffects(ws: Workspace, partnerId?: string): Promise<EffectRow[]> {
  return ws.rows(EFFECT_ROW,
    `SELECT intervention_id, partner_id, started_on, playbook, owner, note, t0, t1, band_t0, composite_t0, composite_t1,
            delta, control_n, control_partners, control_delta, effect, status
     FROM intervention_effects WHERE $pid IS NULL OR partner_id = $pid ORDER BY intervention_id`,
    { pid: partnerId ?? null },
  );
}

/** True when the workspace already has an `intervention_effects` table. */
export async function hasInterventionEffects(ws: Workspace): Promise<boolean> {
  return hasTable(ws, 'intervention_effects');
}
