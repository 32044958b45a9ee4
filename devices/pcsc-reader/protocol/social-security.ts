import iconv from 'iconv-lite';
import { asciiBytes, readRecord, selectByName, type CommandApdu } from './apdu';
import { checkIdNumber, type IdNumberProblem } from '../../../domain/identity';

/**
 * Chinese social security card (社会保障卡), the two files readable without PIN or PSAM
 * (protocols §3.3): EF05 card information (SFI 5) and EF06 holder information (SFI 6). Each record
 * is tag (= data item number) + 1-byte length + value; READ RECORD asks for Le = 2 + item length.
 */

/** "sx1.sh." + "社会保障" in GBK: the SSSE application name. */
export const SSSE_NAME = Uint8Array.from([...asciiBytes('sx1.sh.'), ...iconv.encode('社会保障', 'gbk')]);

export const selectSsse = (): CommandApdu => {
  const { le: _le, ...noLe } = selectByName(SSSE_NAME);
  return noLe; // 00 A4 04 00 0F <name>, no Le, exactly as the kiosk code bases send it
};

export const EF05_SFI = 5;
export const EF06_SFI = 6;

/** EF05 items: record number = tag = item number; `length` is the value length. */
export const EF05_ITEMS = {
  identificationCode: { record: 1, tag: 0x01, length: 16 },
  cardType: { record: 2, tag: 0x02, length: 1 },
  specVersion: { record: 3, tag: 0x03, length: 4 },
  issueDate: { record: 5, tag: 0x05, length: 4 },
  expiryDate: { record: 6, tag: 0x06, length: 4 },
  cardNumber: { record: 7, tag: 0x07, length: 9 },
} as const;

export interface RecordItem {
  record: number;
  tag: number;
  length: number;
}

/** EF06 layout per generation: the 4E name-extension record of gen 2+ pushes sex to record 4. */
export function ef06Items(generation: number): Record<'idNumber' | 'name' | 'sex', RecordItem> {
  return {
    idNumber: { record: 1, tag: 0x08, length: 18 },
    name: { record: 2, tag: 0x09, length: 30 },
    sex: { record: generation >= 2 ? 4 : 3, tag: 0x0a, length: 1 },
  };
}

export const readItem = (sfi: number, item: RecordItem): CommandApdu =>
  readRecord(sfi, item.record, 2 + item.length);

export class RecordFormatError extends Error {
  override readonly name = 'RecordFormatError';
}

/** Checks the record's tag and returns its value (the card may return fewer bytes than the maximum). */
export function itemValue(record: Uint8Array, item: RecordItem): Uint8Array {
  if (record.length < 2 || record[0] !== item.tag)
    throw new RecordFormatError(
      `record ${item.record}: expected tag ${item.tag.toString(16).padStart(2, '0')}, got ${record[0]?.toString(16) ?? 'nothing'}`,
    );
  const len = record[1] ?? 0;
  if (len > record.length - 2)
    throw new RecordFormatError(`record ${item.record}: length ${len} runs past the end`);
  return record.slice(2, 2 + len);
}

/** ASCII with NUL/space/FF padding removed. */
export const asciiText = (v: Uint8Array): string =>
  String.fromCharCode(...v.filter((b) => b !== 0x00 && b !== 0xff)).trim();

/** GBK text with NUL/space/FF padding removed. */
export const gbkText = (v: Uint8Array): string => {
  let end = v.length;
  while (end > 0 && [0x00, 0x20, 0xff].includes(v[end - 1] ?? 0)) end--;
  return iconv.decode(Buffer.from(v.subarray(0, end)), 'gbk').trim();
};

/** BCD YYYYMMDD → "YYYY-MM-DD"; null when blank (00/FF) or not a real date. */
export function bcdDate(v: Uint8Array): string | null {
  if (v.length !== 4) return null;
  const digits = Array.from(v, (b) => `${b >> 4}${b & 0x0f}`).join('');
  if (!/^\d{8}$/.test(digits)) return null;
  const [y, m, d] = [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d) || Number(y) < 1900)
    return null;
  return `${y}-${m}-${d}`;
}

export interface SocialSecurityCard {
  kind: 'socialSecurity';
  /** 卡识别码, 16 chars. */
  identificationCode: string;
  /** First 6 characters of the identification code: issuing area (行政区划代码). */
  areaCode: string;
  cardType: string;
  /** Spec version as stored, e.g. "3.00". */
  cardVersion: string;
  /** 1, 2 or 3 (first character of the version). */
  generation: number;
  issueDate: string | null;
  expiryDate: string | null;
  /** 社会保障卡号 (9 chars). */
  cardNumber: string;
  /** Social security number = resident ID number. */
  idNumber: string;
  name: string;
  gender: 'male' | 'female' | 'unknown';
  /** Present when the ID number fails the GB 11643 check; the read itself still succeeds. */
  warnings: IdNumberWarning[];
}

export type IdNumberWarning = `idNumber:${IdNumberProblem}`;

export interface Ef05Values {
  identificationCode: Uint8Array;
  cardType: Uint8Array;
  specVersion: Uint8Array;
  issueDate: Uint8Array;
  expiryDate: Uint8Array;
  cardNumber: Uint8Array;
}

/** The generation from the spec version item ("1.00" → 1); unknown versions count as 1. */
export function generationOf(specVersion: Uint8Array): number {
  const g = Number(String.fromCharCode(specVersion[0] ?? 0x31));
  return Number.isInteger(g) && g >= 1 ? g : 1;
}

export function buildSocialSecurityCard(
  ef05: Ef05Values,
  ef06: { idNumber: Uint8Array; name: Uint8Array; sex: Uint8Array },
): SocialSecurityCard {
  const identificationCode = asciiText(ef05.identificationCode);
  const idNumber = asciiText(ef06.idNumber).toUpperCase();
  const sex = String.fromCharCode(ef06.sex[0] ?? 0);
  const problem = checkIdNumber(idNumber);
  return {
    kind: 'socialSecurity',
    identificationCode,
    areaCode: identificationCode.slice(0, 6),
    cardType: asciiText(ef05.cardType),
    cardVersion: asciiText(ef05.specVersion),
    generation: generationOf(ef05.specVersion),
    issueDate: bcdDate(ef05.issueDate),
    expiryDate: bcdDate(ef05.expiryDate),
    cardNumber: asciiText(ef05.cardNumber),
    idNumber,
    name: gbkText(ef06.name),
    gender: sex === '1' ? 'male' : sex === '2' ? 'female' : 'unknown',
    warnings: problem ? [`idNumber:${problem}`] : [],
  };
}
