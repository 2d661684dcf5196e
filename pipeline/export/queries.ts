// What `partner-health export` writes: one query per kind over a run's workspace. Every kind carries the
// partner's name and manager; kinds about a partner-month carry its band, band reason, top evidence and
// playbook, from the tables the scoring stage wrote (health, evidence), so they match the reports.
import type { HealthModel } from '../model/types.js';
import { scoresCsvQuery } from '../score/index.js';
import { LABELS_CSV_QUERY } from '../label/labels.js';

export const EXPORT_KINDS = ['scores', 'watchlist', 'evidence', 'labels', 'backtest-rows'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Band, band reason, top evidence and playbook of the partner-month (partner_id, as_of) of `t`. */
const WHY = (t: string) => `
  LEFT JOIN health hw ON hw.partner_id = ${t}.partner_id AND hw.as_of = ${t}.as_of
  LEFT JOIN evidence ew ON ew.partner_id = ${t}.partner_id AND ew.as_of = ${t}.as_of AND ew.rank = 1`;
const WHY_COLUMNS = 'hw.band_reason, ew.text AS top_evidence, hw.playbook, hw.action';

/** The query for `kind`; scores keeps scores.csv's columns and values, adding who and why. */
export function exportQuery(kind: ExportKind, model: HealthModel): string {
  switch (kind) {
    case 'scores':
      // scores.csv already carries name and band_reason
      return `WITH s AS (${scoresCsvQuery(model)})
        SELECT s.partner_id, s.name, p.manager, s.* EXCLUDE (partner_id, name), ew.text AS top_evidence, hw.playbook, hw.action
        FROM s JOIN partners p USING (partner_id) ${WHY('s')}
        ORDER BY s.partner_id, s.as_of`;
    case 'labels':
      return `WITH l AS (${LABELS_CSV_QUERY})
        SELECT l.partner_id, p.name, p.manager, l.* EXCLUDE (partner_id), hw.band, ${WHY_COLUMNS}
        FROM l JOIN partners p USING (partner_id) ${WHY('l')}
        ORDER BY l.partner_id, l.as_of`;
    case 'backtest-rows':
      return `SELECT b.partner_id, p.name, p.manager, b.* EXCLUDE (partner_id), ${WHY_COLUMNS}
        FROM backtest_rows b JOIN partners p USING (partner_id) ${WHY('b')}
        ORDER BY b.partner_id, b.as_of`;
    case 'evidence':
      return `SELECT e.partner_id, p.name, p.manager, e.as_of, hw.band, e.rank, e.dimension, e.signal, e.text,
               e.raw_value, e.cohort_median, e.score, e.impact, hw.band_reason, hw.playbook
        FROM evidence e JOIN partners p USING (partner_id)
        LEFT JOIN health hw ON hw.partner_id = e.partner_id AND hw.as_of = e.as_of
        ORDER BY e.partner_id, e.as_of, e.rank`;
    case 'watchlist':
      // Red and Yellow partners at the latest snapshot, Red first, weakest first.
      return `SELECT h.partner_id, p.name, p.manager, h.as_of, h.band, round(h.composite, 2) AS composite,
               round(h.trend, 2) AS trend, h.band_reason, ew.text AS top_evidence, h.playbook, h.action
        FROM health h JOIN partners p USING (partner_id)
        LEFT JOIN evidence ew ON ew.partner_id = h.partner_id AND ew.as_of = h.as_of AND ew.rank = 1
        WHERE h.as_of = (SELECT max(as_of) FROM health) AND h.band IN ('red', 'yellow')
        ORDER BY h.band = 'red' DESC, h.composite, h.partner_id`;
  }
}
