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
  /** How the bytes were read: UTF-8 when they are valid UTF-8, otherwise GB18030 (a superset of GBK). */
  encoding: 'utf8' | 'gb18030';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes one scan's bytes (terminator removed) whatever the module was told: a module may
 * acknowledge the UTF-8 setting and keep sending GBK. Valid UTF-8 is read as UTF-8 (plain ASCII
 * included), anything else as GB18030, which reads every GBK byte sequence; bytes that are neither
 * become U+FFFD, never an exception.
 */
export function decodeScan(bytes: Uint8Array, opts: { aimPrefix: boolean }): DecodedScan {
  let body = bytes;
  let aim: string | undefined;
  if (opts.aimPrefix && bytes.length >= 3 && bytes[0] === 0x5d) {
    aim = String.fromCharCode(bytes[0], bytes[1]!, bytes[2]!);
    body = bytes.subarray(3);
  }
  let text: string;
  let encoding: DecodedScan['encoding'] = 'utf8';
  try {
    text = strictUtf8.decode(body);
  } catch {
    encoding = 'gb18030';
    text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030');
  }
  return { text, symbology: aim ? symbologyFromAim(aim) : 'unknown', aim, encoding };
}

/** Text → the bytes a scanner sends for it (simulator side). */
export function encodeScanText(text: string, encoding: OutputEncoding): Uint8Array {
  return Uint8Array.from(iconv.encode(text, encoding === 'gbk' ? 'gbk' : 'utf8'));
}

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

/**
 * Splits buffered bytes into scans. Any of CR, LF, CR LF and TAB ends a scan, whichever terminator
 * the module was set to (it may keep its own); empty pieces (the LF of a CR LF that arrived in the
 * next chunk) are dropped. Returns the complete scans and the unterminated rest, which the driver
 * ends after a spell of silence (a module set to send no terminator).
 */
export function splitScans(buf: Uint8Array): { scans: Uint8Array[]; rest: Uint8Array } {
  const scans: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b !== CR && b !== LF && b !== TAB) continue;
    if (i > start) scans.push(buf.slice(start, i));
    if (b === CR && buf[i + 1] === LF) i++;
    start = i + 1;
  }
  return { scans, rest: buf.slice(start) };
}
