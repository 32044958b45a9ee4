/**
 * ISO 7816-4 command/response APDUs. Short APDUs only (Lc, Le ≤ 255; Le 00 = "up to 256"), which is
 * what EMV/PBOC and the social security card use.
 */
export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected length; 0 means "all available" (encoded as 00). Absent: no Le byte. */
  le?: number;
}

export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export const SW_OK = 0x9000;
export const INS = {
  select: 0xa4,
  readRecord: 0xb2,
  getResponse: 0xc0,
  getProcessingOptions: 0xa8,
  getData: 0xca,
  verify: 0x20,
} as const;

/** CLA INS P1 P2 [Lc data] [Le]. */
export function encodeApdu(c: CommandApdu): Uint8Array {
  const data = c.data ?? new Uint8Array(0);
  if (data.length > 255) throw new RangeError('short APDU data is limited to 255 bytes');
  const out = [c.cla, c.ins, c.p1, c.p2];
  if (data.length > 0) out.push(data.length, ...data);
  if (c.le !== undefined) out.push(c.le & 0xff);
  return Uint8Array.from(out);
}

/** Parses the command side (used by the simulated card). Returns undefined for fewer than 4 bytes. */
export function decodeCommandApdu(bytes: Uint8Array): CommandApdu | undefined {
  if (bytes.length < 4) return undefined;
  const [cla, ins, p1, p2] = bytes as unknown as [number, number, number, number];
  const head = { cla, ins, p1, p2 };
  if (bytes.length === 4) return head;
  const first = bytes[4] ?? 0;
  if (bytes.length === 5) return { ...head, le: first };
  const data = bytes.slice(5, 5 + first);
  if (bytes.length === 5 + first) return { ...head, data };
  if (bytes.length === 6 + first) return { ...head, data, le: bytes[5 + first] ?? 0 };
  return undefined;
}

export function decodeResponseApdu(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new RangeError(`response APDU too short (${bytes.length} bytes)`);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: ((bytes[n - 2] ?? 0) << 8) | (bytes[n - 1] ?? 0) };
}

export function encodeResponseApdu(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = (sw >> 8) & 0xff;
  out[data.length + 1] = sw & 0xff;
  return out;
}

/** SELECT by DF name / AID: 00 A4 04 00 Lc name 00. */
export const selectByName = (name: Uint8Array, le: number | undefined = 0): CommandApdu => ({
  cla: 0x00,
  ins: INS.select,
  p1: 0x04,
  p2: 0x00,
  data: name,
  ...(le !== undefined ? { le } : {}),
});

/** READ RECORD by SFI: 00 B2 rec (SFI<<3 | 4) Le. */
export const readRecord = (sfi: number, record: number, le = 0): CommandApdu => ({
  cla: 0x00,
  ins: INS.readRecord,
  p1: record,
  p2: ((sfi & 0x1f) << 3) | 0x04,
  le,
});

/** GET RESPONSE: 00 C0 00 00 Le (after 61xx). */
export const getResponse = (le: number): CommandApdu => ({
  cla: 0x00,
  ins: INS.getResponse,
  p1: 0,
  p2: 0,
  le,
});

/** GET PROCESSING OPTIONS: 80 A8 00 00 Lc 83 L <PDOL values> 00. */
export const getProcessingOptions = (pdolValues: Uint8Array): CommandApdu => ({
  cla: 0x80,
  ins: INS.getProcessingOptions,
  p1: 0,
  p2: 0,
  data: Uint8Array.from([0x83, pdolValues.length, ...pdolValues]),
  le: 0,
});

/** GET DATA: 80 CA tagHi tagLo 00 (e.g. 9F79 e-cash balance). */
export const getData = (tag: number): CommandApdu => ({
  cla: 0x80,
  ins: INS.getData,
  p1: (tag >> 8) & 0xff,
  p2: tag & 0xff,
  le: 0,
});

/** Rebuilds a command with a different Le (the 6Cxx retry). */
export const withLe = (c: CommandApdu, le: number): CommandApdu => ({ ...c, le });

export type StatusClass =
  | { kind: 'ok' }
  | { kind: 'moreData'; available: number } // 61xx
  | { kind: 'wrongLength'; exact: number } // 6Cxx
  | { kind: 'warning' } // 62xx / 63xx
  | { kind: 'error' };

export function classifyStatus(sw: number): StatusClass {
  const sw1 = sw >> 8;
  if (sw === SW_OK) return { kind: 'ok' };
  if (sw1 === 0x61) return { kind: 'moreData', available: sw & 0xff || 256 };
  if (sw1 === 0x6c) return { kind: 'wrongLength', exact: sw & 0xff };
  if (sw1 === 0x62 || sw1 === 0x63) return { kind: 'warning' };
  return { kind: 'error' };
}

const SW_TEXT: Record<number, string> = {
  0x6700: 'wrong length',
  0x6982: 'security status not satisfied',
  0x6985: 'conditions of use not satisfied',
  0x6a81: 'function not supported',
  0x6a82: 'file or application not found',
  0x6a83: 'record not found',
  0x6a86: 'incorrect P1/P2',
  0x6d00: 'instruction not supported',
  0x6e00: 'class not supported',
};

export const describeStatus = (sw: number): string =>
  `${sw.toString(16).toUpperCase().padStart(4, '0')}${SW_TEXT[sw] ? ` (${SW_TEXT[sw]})` : ''}`;

export const hexToBytes = (hex: string): Uint8Array => {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new RangeError(`not hex: "${hex}"`);
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
};

export const bytesToHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();

export const asciiBytes = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);
