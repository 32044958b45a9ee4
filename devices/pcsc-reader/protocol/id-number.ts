/**
 * Resident ID number check (GB 11643-1999, ISO 7064 MOD 11-2; protocols §1.11): 17 digits plus a
 * check character from "10X98765432"[Σ digit×weight mod 11]; the birth date must exist.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'format' | 'checkDigit' | 'birthDate';

export function checkIdNumber(id: string): IdNumberProblem | undefined {
  const s = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return 'format';
  const sum = WEIGHTS.reduce((acc, w, i) => acc + Number(s[i]) * w, 0);
  if (CHECK[sum % 11] !== s[17]) return 'checkDigit';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return 'birthDate';
  return undefined;
}

/** The check character for the first 17 digits (used to build valid fixtures). */
export function idCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + Number(first17[i]) * w, 0);
  return CHECK[sum % 11] ?? '?';
}
