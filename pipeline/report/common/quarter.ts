// Calendar quarters: parse "2025Q4", find quarter ends, and pick the report's default quarter.
import type { Workspace } from '../../workspace/db.js';

export interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025Q4" (also "2025-Q4", "2025 q4") → {year: 2025, q: 4}; throws on anything else. */
export function parseQuarter(text: string): Quarter {
  const m = /^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$/.exec(text);
  if (!m) throw new Error(`invalid quarter ${JSON.stringify(text)}: expected YYYYQn, e.g. 2025Q4`);
  return { year: Number(m[1]), q: Number(m[2]) };
}

export function quarterId(q: Quarter): string {
  return `${q.year}Q${q.q}`;
}

/** Display label: "Q4 2025". */
export function quarterLabel(q: Quarter): string {
  return `Q${q.q} ${q.year}`;
}

/** Last day of the quarter, ISO. */
export function quarterEnd(q: Quarter): string {
  const month = q.q * 3;
  const day = new Date(Date.UTC(q.year, month, 0)).getUTCDate();
  return `${q.year}-${pad(month)}-${pad(day)}`;
}

/** First day of the quarter, ISO. */
export function quarterStart(q: Quarter): string {
  return `${q.year}-${pad(q.q * 3 - 2)}-01`;
}

export function shiftQuarter(q: Quarter, by: number): Quarter {
  const idx = q.year * 4 + (q.q - 1) + by;
  return { year: Math.floor(idx / 4), q: (idx % 4) + 1 };
}

/** The quarter containing an ISO date. */
export function quarterOf(iso: string): Quarter {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return { year: y, q: Math.floor((m - 1) / 3) + 1 };
}

/**
 * The latest complete quarter: the last quarter whose end is a snapshot date on or before the cutoff.
 * Returns null when the workspace has no quarter-end snapshot yet.
 */
export async function latestCompleteQuarter(ws: Workspace): Promise<Quarter | null> {
  const [row] = await ws.query<{ d: string | null }>(
    `SELECT max(s.as_of) AS d FROM snapshots s, run_info r
     WHERE month(s.as_of) IN (3, 6, 9, 12) AND s.as_of = last_day(s.as_of) AND s.as_of <= r.cutoff`,
  );
  return row?.d ? quarterOf(row.d) : null;
}
