// Calendar dates and months in China Standard Time (UTC+8, no daylight saving): the hall's day.

const CST_OFFSET_MS = 8 * 3600_000;

/** 2026-11-23 */
export function cstIsoDate(now: number): string {
  return new Date(now + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 2026-11 */
export function cstMonth(now: number): string {
  return cstIsoDate(now).slice(0, 7);
}

/** '2026-11' + (-13) → '2025-10' */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m);
  return out;
}
