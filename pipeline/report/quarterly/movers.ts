// Band transitions between the previous and this quarter end, with the evidence that moved each partner.
import type { QuarterlyData } from './data.js';
import type { MoverRow, Movers } from './types.js';
import { fmt } from '../../vocabulary/number-formats.js';

const SEVERITY: Record<string, number> = { green: 0, yellow: 1, red: 2 };

/** Per partner, the evidence sentence with the largest change of the given sign (−1 down, +1 up). */
function strongest(data: QuarterlyData, sign: -1 | 1): Map<string, string> {
  const out = new Map<string, { impact: number; text: string }>();
  for (const s of data.signals) {
    if (s.evidence_text === null || s.impact === null || Math.sign(s.impact) !== sign) continue;
    const cur = out.get(s.partner_id);
    if (!cur || Math.abs(s.impact) > Math.abs(cur.impact)) out.set(s.partner_id, { impact: s.impact, text: s.evidence_text });
  }
  return new Map([...out].map(([id, v]) => [id, v.text]));
}

export function movers(data: QuarterlyData, anchors: Map<string, string>): Movers {
  const worst = strongest(data, -1);
  const best = strongest(data, 1);
  const down: MoverRow[] = [];
  const up: MoverRow[] = [];
  for (const r of data.partners) {
    if (!r.band || !r.prev_band || r.band === r.prev_band) continue;
    const worse = SEVERITY[r.band]! > SEVERITY[r.prev_band]!;
    const delta = r.composite !== null && r.prev_composite !== null ? r.composite - r.prev_composite : null;
    const row: MoverRow = {
      partner_id: r.partner_id, name: r.name, anchor: anchors.get(r.partner_id) ?? null,
      from: r.prev_band, to: r.band, prev_composite: r.prev_composite, composite: r.composite, delta,
      deltaText: fmt('points', delta), open_pipeline: r.open_pipeline,
      reason: (worse ? worst : best).get(r.partner_id) ?? r.band_reason ?? '',
    };
    (worse ? down : up).push(row);
  }
  const bySize = (a: MoverRow, b: MoverRow) => Math.abs(b.delta ?? 0) - Math.abs(a.delta ?? 0) || a.name.localeCompare(b.name);
  down.sort((a, b) => SEVERITY[b.to]! - SEVERITY[a.to]! || bySize(a, b));
  up.sort((a, b) => SEVERITY[a.to]! - SEVERITY[b.to]! || bySize(a, b));
  const pairs: Array<[string, string, 'down' | 'up']> = [
    ['green', 'yellow', 'down'], ['yellow', 'red', 'down'], ['green', 'red', 'down'],
    ['red', 'yellow', 'up'], ['yellow', 'green', 'up'], ['red', 'green', 'up'],
  ];
  const transitions = pairs.map(([from, to, direction]) => ({
    from, to, direction, count: [...down, ...up].filter((m) => m.from === from && m.to === to).length,
  }));
  return { down, up, transitions };
}
