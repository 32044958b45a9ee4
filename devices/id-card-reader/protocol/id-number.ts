/** MOD 11-2 weights for positions 1–17 (GB 11643-1999, protocols.md §1.11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits, or undefined if they are not 17 digits. */
export function idCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11];
}

/** True when `yyyymmdd` is a real calendar date from 1800 on. */
export function isRealDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/**
 * 18-character citizen ID (resident, HK/Macau/Taiwan permit, 2023 foreign card): 17 digits and a
 * MOD 11-2 check character, with a real birth date at positions 7–14. Lowercase 'x' is accepted.
 */
export function isValidIdNumber(id: string): boolean {
  const s = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  return idCheckChar(s.slice(0, 17)) === s[17] && isRealDate(s.slice(6, 14));
}

/** 2017 foreign permanent residence card number: three letters (nationality) and 12 digits (§1.8). */
export const isValidForeign2017Number = (id: string): boolean => /^[A-Z]{3}\d{12}$/.test(id);

/** 2023 foreign card number: 18 characters starting with 9, same MOD 11-2 check ([L] in §1.8). */
export const isValidForeign2023Number = (id: string): boolean => id.startsWith('9') && isValidIdNumber(id);
