import { isValidIdNumber, type IdKind } from '../../../domain/identity';
import { TEXT_BYTES } from './replies';
import { genderOf, nationName, type Gender } from './tables';

/** The card types the reader tells apart are the identity kinds of domain/identity. */
export type CardType = IdKind;

/** The text fields of one card, in output order; fields that do not apply to a card type are absent. */
export interface CardText {
  cardType: CardType;
  name: string;
  nameEn?: string;
  gender: Gender;
  nation?: string;
  nationCode?: string;
  birthDate: string;
  address?: string;
  idNumber: string;
  idNumberValid: boolean;
  authority?: string;
  validFrom: string;
  validTo: string;
  passNumber?: string;
  issueCount?: number;
  nationality?: string;
}

export type TextField = Exclude<keyof CardText, 'cardType' | 'idNumberValid' | 'nation'>;

/** Card-type flag: one UCS-2 char at offset 248 (§1.8). */
const FLAG_OFFSET = 248;
const FLAGS: Record<CardType, number> = {
  resident: 0x20,
  hkmotw: 0x4a,
  foreign2017: 0x49,
  foreign2023: 0x59,
};

type Span = readonly [offset: number, bytes: number];

/** Byte layouts per card type (§1.7, §1.8). `ignored` spans are read only to log their length. */
const LAYOUTS: Record<CardType, { fields: Partial<Record<TextField, Span>>; ignored: Record<string, Span> }> =
  {
    resident: {
      fields: {
        name: [0, 30],
        gender: [30, 2],
        nationCode: [32, 4],
        birthDate: [36, 16],
        address: [52, 70],
        idNumber: [122, 36],
        authority: [158, 30],
        validFrom: [188, 16],
        validTo: [204, 16],
      },
      ignored: {},
    },
    hkmotw: {
      fields: {
        name: [0, 30],
        gender: [30, 2],
        birthDate: [36, 16],
        address: [52, 70],
        idNumber: [122, 36],
        authority: [158, 30],
        validFrom: [188, 16],
        validTo: [204, 16],
        passNumber: [220, 18],
        issueCount: [238, 4],
      },
      ignored: {},
    },
    foreign2017: {
      fields: {
        nameEn: [0, 120],
        gender: [120, 2],
        idNumber: [122, 30],
        nationality: [152, 6],
        name: [158, 30],
        validFrom: [188, 16],
        validTo: [204, 16],
        birthDate: [220, 16],
        authority: [240, 8],
      },
      ignored: { cardVersion: [236, 4] },
    },
    foreign2023: {
      // [L] layout: 32 and 220 have conflicting meanings between sources; 220 is read as an
      // English-name continuation only when it looks like one (see decodeTextBlock).
      fields: {
        name: [0, 30],
        gender: [30, 2],
        birthDate: [36, 16],
        nameEn: [52, 70],
        idNumber: [122, 36],
        authority: [158, 30],
        validFrom: [188, 16],
        validTo: [204, 16],
        nationality: [242, 6],
      },
      ignored: { renewalOrNation: [32, 4], nameEnOrPassNumber: [220, 22], oldCardLink: [250, 6] },
    },
  };

const Y_NAME_EN_MORE: Span = [220, 22];

const utf16 = new TextDecoder('utf-16le');

function rawField(block: Uint8Array, [off, len]: Span): string {
  return utf16.decode(block.subarray(off, off + len));
}

/** Fields are left-aligned and padded with spaces (sometimes NULs). */
const clean = (s: string): string => s.replace(/^[\s\0]+|[\s\0]+$/g, '');

/** YYYYMMDD → YYYY-MM-DD; anything else (e.g. 长期) is kept as printed. */
export function formatDate(s: string): string {
  return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s;
}

export function cardTypeOf(block: Uint8Array): CardType | undefined {
  const lo = block[FLAG_OFFSET];
  const hi = block[FLAG_OFFSET + 1];
  if (hi !== 0) return undefined;
  if (lo === 0) return 'resident';
  return (Object.keys(FLAGS) as CardType[]).find((t) => FLAGS[t] === lo);
}

export type TextResult =
  | { ok: true; text: CardText; fieldLengths: Record<string, number> }
  | { ok: false; reason: 'badTextLength' | 'unknownCardType'; flag?: number };

/**
 * Parses the 256-byte text block (UCS-2LE), dispatching on the flag at offset 248. `fieldLengths`
 * (characters per field, no content) is what a driver may log: the block itself is personal data.
 */
export function decodeTextBlock(block: Uint8Array): TextResult {
  if (block.length !== TEXT_BYTES) return { ok: false, reason: 'badTextLength' };
  const cardType = cardTypeOf(block);
  if (!cardType) return { ok: false, reason: 'unknownCardType', flag: block[FLAG_OFFSET]! };
  const layout = LAYOUTS[cardType];
  const f: Partial<Record<TextField, string>> = {};
  const fieldLengths: Record<string, number> = {};
  for (const [key, span] of Object.entries(layout.fields) as [TextField, Span][]) {
    f[key] = clean(rawField(block, span));
    fieldLengths[key] = f[key].length;
  }
  for (const [key, span] of Object.entries(layout.ignored))
    fieldLengths[key] = clean(rawField(block, span)).length;
  if (cardType === 'foreign2023') {
    const more = clean(rawField(block, Y_NAME_EN_MORE));
    if (more && /^[A-Za-z ,.'-]+$/.test(more)) {
      f.nameEn = clean(rawField(block, layout.fields.nameEn!) + rawField(block, Y_NAME_EN_MORE));
    }
  }
  const idNumber = f.idNumber ?? '';
  const text: CardText = {
    cardType,
    name: f.name ?? '',
    ...(f.nameEn ? { nameEn: f.nameEn } : {}),
    gender: genderOf(f.gender ?? ''),
    ...(f.nationCode ? { nation: nationName(f.nationCode), nationCode: f.nationCode } : {}),
    birthDate: formatDate(f.birthDate ?? ''),
    ...(f.address !== undefined ? { address: f.address } : {}),
    idNumber,
    idNumberValid: isValidIdNumber(idNumber, cardType),
    ...(f.authority ? { authority: f.authority } : {}),
    validFrom: formatDate(f.validFrom ?? ''),
    validTo: formatDate(f.validTo ?? ''),
    ...(f.passNumber !== undefined ? { passNumber: f.passNumber } : {}),
    ...(f.issueCount !== undefined && /^\d+$/.test(f.issueCount) ? { issueCount: Number(f.issueCount) } : {}),
    ...(f.nationality ? { nationality: f.nationality } : {}),
  };
  return { ok: true, text, fieldLengths };
}

/** The 70-byte extra address (30 03): UCS-2LE, space-padded. */
export function decodeExtraAddress(data: Uint8Array): string {
  return clean(utf16.decode(data));
}
