/**
 * The product's one masking module: every log line, receipt, certificate, console view and page
 * that shows personal data in part masks it here. Each function keeps the length of its input, so a
 * masked value still looks like what it stands for, and keeps only:
 *
 * - ID numbers (18 characters, every kind): area code (6) and sequence + check (4), never the
 *   birth date; 2017 foreign numbers: the nationality letters (3) and the last 2 digits, since
 *   the layout of their 12 digits is not reliably known (id-number.ts); anything else: 2 + 2
 *   from 8 characters, 6 + 4 from 14, nothing below 8.
 * - names: the first character (the family name of a Chinese name).
 * - bank card PANs: the first 6 and last 4 (what card schemes allow to be shown).
 * - phone numbers: 3 + 4 of a mobile number; the last 2 of a shorter one.
 * - account numbers (housing fund, social security): 4 + 4 from 12 characters, 2 + 2 from 8.
 * - 一码办 codes (bearer tokens, yimaban.ts): the `YMB1` prefix and the last 4 characters only.
 *
 * Pure and dependency-free: device code may import it (scripts/eslint/layers.mjs).
 */
import { idKindOf } from './id-number';

const STAR = '*';

/** Keeps `head` leading and `tail` trailing characters (code units: all inputs here are ASCII). */
function keep(value: string, head: number, tail: number): string {
  if (head + tail >= value.length) return STAR.repeat(value.length);
  return `${value.slice(0, head)}${STAR.repeat(value.length - head - tail)}${tail ? value.slice(-tail) : ''}`;
}

/** 110105194912310021 → 110105********0021; USA110070070401 → USA**********01. */
export function maskIdNumber(id: string): string {
  const kind = idKindOf(id);
  if (kind === 'foreign2017') return keep(id, 3, 2);
  if (kind || id.length >= 14) return keep(id, 6, 4);
  return id.length >= 8 ? keep(id, 2, 2) : STAR.repeat(id.length);
}

/** 张三丰 → 张**; a one-character name is fully masked. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? STAR.repeat(chars.length) : `${chars[0]}${STAR.repeat(chars.length - 1)}`;
}

/** 6222021234567890123 → 622202*********0123. */
export const maskPan = (pan: string): string =>
  pan.length >= 12 ? keep(pan, 6, 4) : STAR.repeat(pan.length);

/** 13800138000 → 138****8000; 12345678 → ******78. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return keep(phone, 3, 4);
  return phone.length >= 7 ? keep(phone, 0, 2) : STAR.repeat(phone.length);
}

/** 110200012349012 → 1102*******9012. */
export function maskAccount(account: string): string {
  if (account.length >= 12) return keep(account, 4, 4);
  return account.length >= 8 ? keep(account, 2, 2) : STAR.repeat(account.length);
}

/** YMB1Xk3…9aQz → YMB1****…9aQz (enough to tell two scans apart in a log, never to replay one). */
export const maskCode = (code: string): string =>
  code.length >= 16 ? keep(code, 4, 4) : STAR.repeat(code.length);

// Boundaries: a match must not be part of a longer run of letters or digits (a hash, a UUID).
const ID_18 = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const FOREIGN_2017 = /(?<![0-9A-Za-z])[A-Z]{3}\d{12}(?![0-9A-Za-z])/g;
/** PANs are 16–19 digits; 14 and 15 catch long account numbers. 13 is left alone: epoch milliseconds. */
const LONG_NUMBER = /(?<![0-9A-Za-z])(?:\d{14,17}|\d{19})(?![0-9A-Za-z])/g;
const YIMABAN = /(?<![0-9A-Za-z_-])YMB1[A-Za-z0-9_-]{20,120}(?![A-Za-z0-9_-])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/**
 * The last line of defence for free text (log lines, error messages): masks every ID number of any
 * kind, every bank card or account number of 14–19 digits, every 一码办 code and every mainland
 * mobile number in it.
 * Names cannot be found in free text; code that logs must mask them with maskName.
 */
export function maskText(text: string): string {
  return text
    .replace(YIMABAN, maskCode)
    .replace(ID_18, (m) => keep(m, 6, 4))
    .replace(FOREIGN_2017, (m) => keep(m, 3, 2))
    .replace(LONG_NUMBER, (m) => keep(m, 6, 4))
    .replace(MOBILE, (m) => keep(m, 3, 4));
}

/** Query parameters that carry personal data or a secret that opens a locker. */
export const PERSONAL_QUERY_PARAMS = ['idNumber', 'name', 'phone', 'pan', 'code', 'anchorHash'] as const;

/** /progress?idNumber=…&name=… → /progress?idNumber=***&name=*** (for access logs). */
export function maskUrlQuery(url: string): string {
  const names = PERSONAL_QUERY_PARAMS.join('|');
  return url.replace(new RegExp(`([?&](?:${names})=)[^&#]*`, 'gi'), '$1***');
}
