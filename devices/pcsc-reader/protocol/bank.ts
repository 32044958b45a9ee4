import { asciiBytes, selectByName, type CommandApdu } from './apdu';
import { findAllTags, findTag, parseTlv, type Tlv } from './tlv';

/** PBOC 3.0 / EMV card-number read (protocols §3.2). */

export const PPSE_NAME = asciiBytes('2PAY.SYS.DDF01');
export const PSE_NAME = asciiBytes('1PAY.SYS.DDF01');
export const selectPpse = (): CommandApdu => selectByName(PPSE_NAME);
export const selectPse = (): CommandApdu => selectByName(PSE_NAME);

/** UnionPay applications in our preference order: debit, credit, quasi-credit, pure e-cash. */
export const UNIONPAY_AIDS = [
  'A000000333010101',
  'A000000333010102',
  'A000000333010103',
  'A000000333010106',
] as const;

export interface DirectoryEntry {
  aid: string;
  label?: string;
  /** Tag 87 low nibble; 0/absent = no priority given. Lower is preferred. */
  priority?: number;
}

const hex = (v: Uint8Array) =>
  Array.from(v, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
const latin = (v: Uint8Array) => String.fromCharCode(...v).trim();

/** Application templates (61) in a PPSE FCI (BF0C) or a PSE directory record (70). */
export function parseDirectory(tlvs: readonly Tlv[]): DirectoryEntry[] {
  return findAllTags(tlvs, '61').flatMap((t) => {
    const aid = findTag(t.children, '4F');
    if (!aid) return [];
    const label = findTag(t.children, '50');
    const prio = findTag(t.children, '87');
    const p = prio ? (prio.value[0] ?? 0) & 0x0f : 0;
    return [
      { aid: hex(aid.value), ...(label ? { label: latin(label.value) } : {}), ...(p ? { priority: p } : {}) },
    ];
  });
}

/** The SFI of the PSE directory file (88 in the PSE FCI's A5). */
export function pseDirectorySfi(fci: Uint8Array): number | undefined {
  const sfi = findTag(parseTlv(fci), '88');
  return sfi?.value[0];
}

/**
 * Picks the applications we support, best first: card priority (87) when given, then our own
 * order of `supported`. AIDs are matched exactly or as a prefix (partial selection, EMV 12.3.1).
 */
export function chooseApplications(
  entries: readonly DirectoryEntry[],
  supported: readonly string[],
): DirectoryEntry[] {
  const rank = (aid: string) => supported.findIndex((s) => aid.startsWith(s));
  return entries
    .filter((e) => rank(e.aid) >= 0)
    .sort((a, b) => (a.priority ?? 16) - (b.priority ?? 16) || rank(a.aid) - rank(b.aid));
}

export interface ApplicationFci {
  dfName?: string;
  label?: string;
  /** Raw PDOL (9F38) when the card asks for terminal data in GPO. */
  pdol?: Uint8Array;
}

export function parseApplicationFci(fci: Uint8Array): ApplicationFci {
  const tlvs = parseTlv(fci);
  const df = findTag(tlvs, '84');
  const label = findTag(tlvs, '50');
  const pdol = findTag(tlvs, '9F38');
  return {
    ...(df ? { dfName: hex(df.value) } : {}),
    ...(label ? { label: latin(label.value) } : {}),
    ...(pdol ? { pdol: pdol.value } : {}),
  };
}

export interface AflEntry {
  sfi: number;
  first: number;
  last: number;
  offlineAuthRecords: number;
}

export interface GpoResult {
  format: 1 | 2;
  aip: Uint8Array;
  afl: AflEntry[];
  /** Format 2 may already carry card data (57, 5A, 5F24…). */
  embedded: Tlv[];
}

export class GpoFormatError extends Error {
  override readonly name = 'GpoFormatError';
}

export function parseAfl(bytes: Uint8Array): AflEntry[] {
  if (bytes.length % 4 !== 0) throw new GpoFormatError(`AFL length ${bytes.length} is not a multiple of 4`);
  const out: AflEntry[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const [b0 = 0, first = 0, last = 0, offline = 0] = bytes.subarray(i, i + 4);
    const sfi = b0 >> 3;
    if (sfi < 1 || sfi > 30 || first < 1 || last < first)
      throw new GpoFormatError(`bad AFL entry ${hex(bytes.subarray(i, i + 4))}`);
    out.push({ sfi, first, last, offlineAuthRecords: offline });
  }
  return out;
}

/** GPO response: format 1 `80 AIP AFL` or format 2 `77 { 82 AIP, 94 AFL, … }`. */
export function parseGpoResponse(data: Uint8Array): GpoResult {
  const [top] = parseTlv(data);
  if (top?.tag === '80') {
    if (top.value.length < 2) throw new GpoFormatError('format 1 response shorter than the AIP');
    return { format: 1, aip: top.value.slice(0, 2), afl: parseAfl(top.value.slice(2)), embedded: [] };
  }
  if (top?.tag === '77') {
    const aip = findTag(top.children, '82');
    const afl = findTag(top.children, '94');
    if (!aip) throw new GpoFormatError('format 2 response without AIP (82)');
    return {
      format: 2,
      aip: aip.value,
      afl: afl ? parseAfl(afl.value) : [],
      embedded: top.children.filter((c) => c.tag !== '82' && c.tag !== '94'),
    };
  }
  throw new GpoFormatError(`unknown GPO response template ${top?.tag ?? '(empty)'}`);
}

export interface CardNumberData {
  pan?: string;
  /** "YYYY-MM". */
  expiry?: string;
}

/** PAN from 5A (BCD, F-padded) or from 57 (Track 2 equivalent: PAN 'D' YYMM …); expiry from 5F24 or 57. */
export function extractCardNumber(tlvs: readonly Tlv[]): CardNumberData {
  const out: CardNumberData = {};
  const t5a = findTag(tlvs, '5A');
  if (t5a) {
    const pan = hex(t5a.value).replace(/F+$/, '');
    if (/^\d{12,19}$/.test(pan)) out.pan = pan;
  }
  const t5f24 = findTag(tlvs, '5F24');
  if (t5f24 && t5f24.value.length >= 2) {
    const yymm = hex(t5f24.value.subarray(0, 2));
    if (/^\d{2}(0[1-9]|1[0-2])$/.test(yymm)) out.expiry = `20${yymm.slice(0, 2)}-${yymm.slice(2)}`;
  }
  const t57 = findTag(tlvs, '57');
  if (t57 && (!out.pan || !out.expiry)) {
    const m = /^(\d{12,19})D(\d{2})(\d{2})/.exec(hex(t57.value));
    if (m) {
      out.pan ??= m[1]!;
      if (!out.expiry && Number(m[3]) >= 1 && Number(m[3]) <= 12) out.expiry = `20${m[2]}-${m[3]}`;
    }
  }
  return out;
}

export interface BankCard {
  kind: 'bank';
  /** Full PAN: only for the caller; every log line uses maskPan. */
  pan: string;
  expiry: string | null;
  aid: string;
  label?: string;
}
