// Who would change band at the latest snapshot if the proposed weights were adopted (bands as in the
// model): a transition matrix and the list of partners that move.
import type { Band, HealthModel } from '../model/types.js';
import { bandParams, bandsAt, latestSnapshot } from './band-rules.js';
import type { Dataset } from './dataset.js';
import type { BandChange, BandReassignments } from './types.js';

const ORDER: Array<Band | 'unscored'> = ['green', 'yellow', 'red', 'unscored'];
const round2 = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

export function bandReassignments(data: Dataset, model: HealthModel, w: number[]): BandReassignments | null {
  const asOf = latestSnapshot(data.rows);
  if (asOf === null) return null;
  const banded = bandsAt(data.rows, asOf, w, bandParams(model));
  const counts = new Map<string, number>();
  const changes: BandChange[] = [];
  for (const b of banded) {
    const r = data.rows[b.row]!;
    const from = r.band ?? 'unscored';
    const to = b.band ?? 'unscored';
    counts.set(`${from}>${to}`, (counts.get(`${from}>${to}`) ?? 0) + 1);
    if (from !== to) {
      changes.push({
        partner_id: r.partner_id,
        name: r.name,
        current_composite: round2(r.composite),
        current_band: r.band,
        proposed_composite: round2(b.composite),
        proposed_band: b.band,
      });
    }
  }
  const matrix: BandReassignments['matrix'] = [];
  for (const from of ORDER) {
    for (const to of ORDER) {
      const count = counts.get(`${from}>${to}`);
      if (count) matrix.push({ from, to, count });
    }
  }
  return { as_of: asOf, partners: banded.length, changed: changes.length, matrix, changes };
}
