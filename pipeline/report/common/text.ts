// Small wording helpers shared by the report view models (numbers print through vocabulary/number-formats.ts).

// Counted nouns ("1 deal", "1,146 partner-months") are a named format too.
export { plural } from '../../vocabulary/number-formats.js';

/** Change in a count as text: "+3 vs Q3 2025", "no change vs Q3 2025". */
export function countDelta(now: number, before: number | null, label: string): string | null {
  if (before === null) return null;
  const d = now - before;
  return d === 0 ? `no change vs ${label}` : `${d > 0 ? '+' : '−'}${Math.abs(d)} vs ${label}`;
}

/** "outreach_call" → "Outreach call". */
export function humanize(id: string | null | undefined): string {
  if (!id) return '—';
  const s = id.replace(/_/g, ' ');
  return s[0]!.toUpperCase() + s.slice(1);
}

/** Round for display-ready data rows (charts and tables) so outputs are stable and small. */
export function round(x: number | null | undefined, digits = 1): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
