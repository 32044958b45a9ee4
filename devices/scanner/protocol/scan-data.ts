// Scan data on a serial scanner: raw bytes followed by the configured terminator, no framing (§5.2).
// With an AIM ID prefix enabled each scan starts with "]" + code character + modifier digit.
import iconv from 'iconv-lite';
import type { OutputEncoding } from './zones';

export type Symbology =
  | 'qr'
  | 'code128'
  | 'ean13'
  | 'ean8'
  | 'upcE'
  | 'code39'
  | 'code93'
  | 'codabar'
  | 'itf'
  | 'dataMatrix'
  | 'pdf417'
  | 'aztec'
  | 'gs1Databar'
  | 'hanXin'
  | 'unknown';

/** AIM ISO/IEC 15424 code characters. EAN/UPC uses the modifier to tell EAN-13 from EAN-8. */
const AIM_CODES: Record<string, Symbology> = {
  Q: 'qr',
  C: 'code128',
  A: 'code39',
  G: 'code93',
  F: 'codabar',
  I: 'itf',
  d: 'dataMatrix',
  L: 'pdf417',
  z: 'aztec',
  e: 'gs1Databar',
  h: 'hanXin',
};

export function symbologyFromAim(aim: string): Symbology {
  if (!/^\][A-Za-z][0-9A-Za-z]$/.test(aim)) return 'unknown';
  const code = aim[1]!;
  if (code === 'E') return aim[2] === '4' ? 'ean8' : aim[2] === '0' ? 'ean13' : 'upcE';
  return AIM_CODES[code] ?? 'unknown';
}

export interface DecodedScan {
  text: string;
  symbology: Symbology;
  /** The AIM identifier as received (e.g. "]Q1"), when the prefix is enabled and present. */
  aim: string | undefined;
}

/** Decodes one scan's bytes (terminator removed). Invalid byte sequences become U+FFFD, never an exception. */
export function decodeScan(
  bytes: Uint8Array,
  opts: { encoding: OutputEncoding; aimPrefix: boolean },
): DecodedScan {
  let body = bytes;
  let aim: string | undefined;
  if (opts.aimPrefix && bytes.length >= 3 && bytes[0] === 0x5d) {
    aim = String.fromCharCode(bytes[0], bytes[1]!, bytes[2]!);
    body = bytes.subarray(3);
  }
  const text = iconv.decode(
    Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    opts.encoding === 'gbk' ? 'gbk' : 'utf8',
  );
  return { text, symbology: aim ? symbologyFromAim(aim) : 'unknown', aim };
}

/** Text → the bytes a scanner sends for it (simulator side). */
export function encodeScanText(text: string, encoding: OutputEncoding): Uint8Array {
  return Uint8Array.from(iconv.encode(text, encoding === 'gbk' ? 'gbk' : 'utf8'));
}

/**
 * Splits buffered bytes at the terminator. Returns complete scans (terminator removed) and the
 * incomplete rest; with no terminator configured everything stays in `rest` until the inter-byte
 * timeout flushes it.
 */
export function splitScans(
  buf: Uint8Array,
  terminator: Uint8Array,
): { scans: Uint8Array[]; rest: Uint8Array } {
  const scans: Uint8Array[] = [];
  if (terminator.length === 0) return { scans, rest: buf };
  let start = 0;
  for (let i = 0; i + terminator.length <= buf.length;) {
    if (terminator.every((b, k) => buf[i + k] === b)) {
      if (i > start) scans.push(buf.slice(start, i));
      i += terminator.length;
      start = i;
    } else i++;
  }
  return { scans, rest: buf.slice(start) };
}
