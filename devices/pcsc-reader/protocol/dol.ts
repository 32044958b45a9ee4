import { TlvError } from './tlv';

/**
 * Data Object Lists (EMV Book 3 §5.4): a PDOL (9F38) or CDOL is a list of tag + length pairs with
 * no values; the terminal answers with the concatenated values, each exactly the requested length.
 */
export interface DolEntry {
  tag: string;
  length: number;
}

export function parseDol(bytes: Uint8Array): DolEntry[] {
  const out: DolEntry[] = [];
  let i = 0;
  while (i < bytes.length) {
    const start = i;
    const first = bytes[i++] ?? 0;
    if ((first & 0x1f) === 0x1f) {
      while (i < bytes.length && ((bytes[i] ?? 0) & 0x80) !== 0) i++;
      i++;
    }
    const length = bytes[i++];
    if (length === undefined || i > bytes.length) throw new TlvError(`truncated DOL at offset ${start}`);
    const tag = Array.from(bytes.subarray(start, i - 1), (b) => b.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
    out.push({ tag, length });
  }
  return out;
}

/** Tags whose format is numeric (n): values are right-aligned, padded or cut on the left. */
const NUMERIC_TAGS = new Set(['9F02', '9F03', '9A', '9C', '5F2A', '9F1A', '9F21']);

/**
 * Concatenates the values for `dol`. A known value of a different length is fitted the EMV way
 * (numeric: left-padded with 00 / keep rightmost bytes; others: right-padded with 00 / keep
 * leftmost); an unknown tag is filled with zeros of the requested length.
 */
export function fillDol(dol: readonly DolEntry[], values: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const total = dol.reduce((n, e) => n + e.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const { tag, length } of dol) {
    const v = values.get(tag);
    if (v) out.set(fitToLength(v, length, NUMERIC_TAGS.has(tag)), o);
    o += length;
  }
  return out;
}

/** Pads or cuts a value to its DOL length (EMV Book 3 §5.4: numeric values keep their rightmost digits). */
function fitToLength(v: Uint8Array, length: number, numeric: boolean): Uint8Array {
  if (v.length === length) return v;
  const out = new Uint8Array(length);
  if (v.length > length) return numeric ? v.slice(v.length - length) : v.slice(0, length);
  out.set(v, numeric ? length - v.length : 0);
  return out;
}

export interface TerminalInputs {
  /** Transaction date in the terminal's local time zone. */
  date: { year: number; month: number; day: number };
  /** 4 bytes from the terminal's random source (9F37). */
  unpredictableNumber: Uint8Array;
}

const bcd2 = (n: number) => ((Math.floor(n / 10) % 10) << 4) | (n % 10);

/**
 * Default terminal values for a PBOC GPO (protocols §3.2, devnied's default terminal), for a
 * zero-value enquiry by a Chinese unattended terminal.
 */
export function defaultTerminalValues(inputs: TerminalInputs): Map<string, Uint8Array> {
  const { year, month, day } = inputs.date;
  return new Map<string, Uint8Array>([
    ['9F66', Uint8Array.of(0x36, 0x00, 0x00, 0x00)], // TTQ: contact + contactless qPBOC, online capable
    ['9F1A', Uint8Array.of(0x01, 0x56)], // terminal country: China
    ['5F2A', Uint8Array.of(0x01, 0x56)], // transaction currency: CNY
    ['9A', Uint8Array.of(bcd2(year % 100), bcd2(month), bcd2(day))], // date YYMMDD
    ['9C', Uint8Array.of(0x00)], // transaction type: goods/services
    ['9F02', Uint8Array.of(0, 0, 0, 0, 0, 0x01)], // amount authorised
    ['9F03', Uint8Array.of(0, 0, 0, 0, 0, 0)], // amount other
    ['9F35', Uint8Array.of(0x22)], // terminal type 22 (the reference default terminal's value)
    ['9F33', Uint8Array.of(0xe0, 0xa0, 0x00)], // terminal capabilities
    ['9F37', inputs.unpredictableNumber],
    ['9F58', Uint8Array.of(0x01)],
    ['9F59', Uint8Array.of(0xc0, 0x80, 0x00)],
    ['9F7A', Uint8Array.of(0x00)], // e-cash terminal support indicator: off
    ['DF60', Uint8Array.of(0x00)],
  ]);
}
