// Live checks of a resident ID number as it is typed on the ID-number pad (GB 11643-1999: 17 digits
// and a MOD 11-2 check character). The host validates again; this only guides the citizen.
// The same rule lives in domain/identity, which the renderer may not import;
// tests/ui/id-number-agreement.test.ts keeps the two equal.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
export const ID_NUMBER_LENGTH = 18;

/** The check character for 17 digits, or undefined if `first17` is not 17 digits. */
export function idCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11];
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1800 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export type IdNumberStatus =
  | { kind: 'incomplete'; remaining: number; expectedCheck?: string | undefined }
  | { kind: 'badFormat' }
  | { kind: 'badDate' }
  | { kind: 'badCheck'; expected: string }
  | { kind: 'valid' };

/** What to tell the citizen about the number typed so far. */
export function idNumberStatus(value: string): IdNumberStatus {
  const v = value.toUpperCase();
  // No area code starts with 0 (resident 1–8, Hong Kong/Macau/Taiwan 8, foreign 2023 cards 9).
  if (v.startsWith('0')) return { kind: 'badFormat' };
  if (v.length >= 14 && !isRealDate(v.slice(6, 14))) return { kind: 'badDate' };
  if (v.length < ID_NUMBER_LENGTH) {
    return { kind: 'incomplete', remaining: ID_NUMBER_LENGTH - v.length, expectedCheck: idCheckChar(v) };
  }
  const expected = idCheckChar(v.slice(0, 17))!;
  return v[17] === expected ? { kind: 'valid' } : { kind: 'badCheck', expected };
}

/** Whether `key` may be typed next: digits up to 18 characters (not 0 first), X only as the 18th. */
export function idNumberAccepts(value: string, key: string): boolean {
  if (value.length >= ID_NUMBER_LENGTH) return false;
  if (key === 'X') return value.length === ID_NUMBER_LENGTH - 1;
  if (key === '0' && value === '') return false;
  return /^\d$/.test(key);
}
