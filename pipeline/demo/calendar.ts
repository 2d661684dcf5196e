// Dates as integer UTC day numbers: cheap arithmetic, and ISO strings are cached because
// a 10M-row export only ever touches a few thousand distinct days.

const MS_PER_DAY = 86_400_000;
const isoCache = new Map<number, string>();

export function dayNumber(year: number, month0: number, day: number): number {
  return Math.floor(Date.UTC(year, month0, day) / MS_PER_DAY);
}

export function isoDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** Parse a strict ISO YYYY-MM-DD date, or throw. */
export function parseIsoDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${iso}`);
  const day = dayNumber(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (isoDay(day) !== iso) throw new RangeError(`not a valid calendar date: ${iso}`);
  return day;
}

/** One month of the data window. */
export interface MonthSpan {
  first: number;
  last: number;
}

/** `months` consecutive calendar months ending with the month whose last day is `endIso`. */
export function monthGrid(endIso: string, months: number): MonthSpan[] {
  const end = parseIsoDay(endIso);
  const d = new Date(end * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  if (dayNumber(y, mo + 1, 1) - 1 !== end) throw new RangeError(`end must be a month-end date: ${endIso}`);
  const grid: MonthSpan[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const first = dayNumber(y, mo - k, 1);
    grid.push({ first, last: dayNumber(y, mo - k + 1, 1) - 1 });
  }
  return grid;
}

/** Index of the month containing `day`, clamped to the grid. */
export function monthIndexOf(grid: MonthSpan[], day: number): number {
  if (day < grid[0]!.first) return 0;
  const lastIdx = grid.length - 1;
  if (day > grid[lastIdx]!.last) return lastIdx;
  // Months are ~30 days: estimate, then correct by at most a step or two.
  let i = Math.min(lastIdx, Math.floor((day - grid[0]!.first) / 30.44));
  while (grid[i]!.first > day) i--;
  while (grid[i]!.last < day) i++;
  return i;
}
