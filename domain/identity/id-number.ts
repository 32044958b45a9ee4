/**
 * The identity numbers the kiosk's readers decode (protocols.md §1.8, §1.11, §3.3):
 *
 * | kind          | card                                              | number                                   |
 * | ------------- | ------------------------------------------------- | ---------------------------------------- |
 * | `resident`    | 居民身份证 (GB 11643-1999)                          | 17 digits + MOD 11-2 check, first 1–8    |
 * | `hkmotw`      | 港澳台居民居住证                                    | same, area code 810000 / 820000 / 830000 |
 * | `foreign2017` | 外国人永久居留身份证, 2017 edition                   | 3 letters (nationality) + 12 digits      |
 * | `foreign2023` | 外国人永久居留身份证, 2023 edition                   | 18 digits starting with 9, MOD 11-2      |
 *
 * The 18-character kinds carry the birth date at positions 7–14. The structure of the 2017
 * number's 12 digits is not published in a source we trust, so only its shape is checked and no
 * birth date is read from it (the card's own birth-date field has it).
 *
 * Pure and dependency-free: device code may import this module (see scripts/eslint/layers.mjs).
 */

export const ID_KINDS = ['resident', 'hkmotw', 'foreign2017', 'foreign2023'] as const;
export type IdKind = (typeof ID_KINDS)[number];

export type IdNumberProblem = 'format' | 'checkDigit' | 'birthDate' | 'kindMismatch';

/** A calendar date as [year, month (1–12), day]. */
export type BirthDate = [number, number, number];

/** MOD 11-2 weights for positions 1–17 (GB 11643-1999 §5, ISO 7064). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const HKMOTW_AREAS = ['810000', '820000', '830000'];
const EARLIEST_BIRTH_YEAR = 1800;

/** Trims and upper-cases (a lowercase check 'x' is accepted on input, protocols.md §1.11). */
export const normalizeIdNumber = (id: string): string => id.trim().toUpperCase();

/** The check character for 17 digits, or undefined when the input is not 17 digits. */
export function idCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11];
}

/** True when `yyyymmdd` is a real calendar date from 1800 on. */
export function isRealDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(
    Number,
  ) as BirthDate;
  if (y < EARLIEST_BIRTH_YEAR || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** The kind a number's shape says it is (no check digit verified), or undefined for no known shape. */
export function idKindOf(raw: string): IdKind | undefined {
  const id = normalizeIdNumber(raw);
  if (/^[A-Z]{3}\d{12}$/.test(id)) return 'foreign2017';
  if (!/^\d{17}[\dX]$/.test(id)) return undefined;
  if (id.startsWith('9')) return 'foreign2023';
  if (HKMOTW_AREAS.includes(id.slice(0, 6))) return 'hkmotw';
  return /^[1-8]/.test(id) ? 'resident' : undefined;
}

/**
 * What is wrong with a number, or undefined when it is valid. With `kind` (the card type the reader
 * reported, or the type a form field expects) the number must also be of that kind.
 */
export function checkIdNumber(raw: string, kind?: IdKind): IdNumberProblem | undefined {
  const id = normalizeIdNumber(raw);
  const shape = idKindOf(id);
  if (!shape) return 'format';
  if (kind && kind !== shape) return 'kindMismatch';
  if (shape === 'foreign2017') return undefined;
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return 'checkDigit';
  return isRealDate(id.slice(6, 14)) ? undefined : 'birthDate';
}

export const isValidIdNumber = (raw: string, kind?: IdKind): boolean =>
  checkIdNumber(raw, kind) === undefined;

export interface ParsedIdNumber {
  kind: IdKind;
  /** Absent for the 2017 foreign number (see the module comment). */
  birth?: BirthDate;
  /** From the sequence code's parity (odd = male); absent where the number does not say. */
  gender?: 'male' | 'female';
}

/** Kind, birth date and gender of a valid number, or null when it is not valid. */
export function parseIdNumber(raw: string): ParsedIdNumber | null {
  const id = normalizeIdNumber(raw);
  if (checkIdNumber(id) !== undefined) return null;
  const kind = idKindOf(id)!;
  if (kind === 'foreign2017') return { kind };
  const birth = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)].map(Number) as BirthDate;
  return { kind, birth, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

const CST_OFFSET_MS = 8 * 3600_000;

/** Completed years between a birth date and `now` (epoch ms), counted in China Standard Time. */
export function ageAt(birth: BirthDate, now: number): number {
  const cst = new Date(now + CST_OFFSET_MS);
  const [y, m, d] = birth;
  const month = cst.getUTCMonth() + 1;
  const beforeBirthday = month < m || (month === m && cst.getUTCDate() < d);
  return cst.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

/** 'YYYY-MM-DD' (as the ID card reader reports it) or 'YYYYMMDD' → BirthDate, or undefined. */
export function birthDateFrom(text: string): BirthDate | undefined {
  const digits = text.replace(/-/g, '');
  if (!isRealDate(digits)) return undefined;
  return [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)].map(Number) as BirthDate;
}
