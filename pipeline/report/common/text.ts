// Small wording helpers shared by the report view models (numbers are formatted in templates).

/** Signed number with a real minus sign: 3.24 → "+3.2", -1 → "−1.0", 0 → "0.0". */
export function signed(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const r = Number(x.toFixed(digits));
  const body = Math.abs(r).toFixed(digits);
  return r > 0 ? `+${body}` : r < 0 ? `−${body}` : body;
}

/** "1 partner", "3 partners". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

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
