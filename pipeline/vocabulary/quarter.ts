// Calendar quarters, once: parse ("2025Q4", "2025-Q4", "Q4 2025"), the one printed label ("Q4 2025"),
// start and end dates, and the integer index (year·4 + q − 1) the backtest's typed arrays use.

export interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025Q4", "2025-Q4", "2025 q4" or "Q4 2025" → {year: 2025, q: 4}; throws on anything else. */
export function parseQuarter(text: string): Quarter {
  const yearFirst = /^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$/.exec(text);
  if (yearFirst) return { year: Number(yearFirst[1]), q: Number(yearFirst[2]) };
  const label = /^\s*[Qq]([1-4])\s+(\d{4})\s*$/.exec(text);
  if (label) return { year: Number(label[2]), q: Number(label[1]) };
  throw new Error(`invalid quarter ${JSON.stringify(text)}: expected YYYYQn, e.g. 2025Q4`);
}

/** Compact id for file names and the --quarter flag: "2025Q4". */
export function quarterId(q: Quarter): string {
  return `${q.year}Q${q.q}`;
}

/** The one printed form: "Q4 2025". */
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
  return quarterFromIndex(quarterIndex(q) + by);
}

/** The quarter containing an ISO date. */
export function quarterOf(iso: string): Quarter {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return { year: y, q: Math.floor((m - 1) / 3) + 1 };
}

/** year·4 + q − 1 (the SQL side computes the same number). */
export function quarterIndex(q: Quarter): number {
  return q.year * 4 + q.q - 1;
}

export function quarterFromIndex(i: number): Quarter {
  return { year: Math.floor(i / 4), q: (((i % 4) + 4) % 4) + 1 };
}
