/**
 * BER-TLV as used by EMV/PBOC (EMV Book 3 Annex B): multi-byte tags (low 5 bits 11111 continue),
 * definite lengths (short form or 81/82), constructed bit 0x20 on the first tag byte. Tags are
 * handled as upper-case hex strings ("9F38") so they read like the specifications.
 */
export interface Tlv {
  tag: string;
  value: Uint8Array;
  /** Parsed children when the tag is constructed; empty for primitive tags. */
  children: Tlv[];
}

export class TlvError extends Error {
  override readonly name = 'TlvError';
}

const hex = (b: number) => b.toString(16).padStart(2, '0').toUpperCase();

/** Parses a sequence of TLVs. 00 and FF padding between objects (allowed by EMV) is skipped. */
export function parseTlv(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i] ?? 0;
    if (first === 0x00 || first === 0xff) {
      i++;
      continue;
    }
    const tagStart = i;
    i++;
    if ((first & 0x1f) === 0x1f) {
      while (i < bytes.length && ((bytes[i] ?? 0) & 0x80) !== 0) i++;
      i++;
    }
    if (i > bytes.length) throw new TlvError(`truncated tag at offset ${tagStart}`);
    const tag = Array.from(bytes.subarray(tagStart, i), hex).join('');
    const { length, next } = readLength(bytes, i);
    i = next;
    if (i + length > bytes.length) throw new TlvError(`value of ${tag} runs past the end`);
    const value = bytes.slice(i, i + length);
    i += length;
    out.push({ tag, value, children: (first & 0x20) !== 0 ? parseTlv(value) : [] });
  }
  return out;
}

function readLength(bytes: Uint8Array, i: number): { length: number; next: number } {
  const b = bytes[i];
  if (b === undefined) throw new TlvError(`missing length at offset ${i}`);
  if (b < 0x80) return { length: b, next: i + 1 };
  const n = b & 0x7f;
  if (n === 0 || n > 3) throw new TlvError(`unsupported length form ${hex(b)} at offset ${i}`);
  let length = 0;
  for (let k = 1; k <= n; k++) {
    const v = bytes[i + k];
    if (v === undefined) throw new TlvError(`truncated length at offset ${i}`);
    length = length * 256 + v;
  }
  return { length, next: i + 1 + n };
}

/** Depth-first search for the first object with `tag`. */
export function findTag(tlvs: readonly Tlv[], tag: string): Tlv | undefined {
  for (const t of tlvs) {
    if (t.tag === tag) return t;
    const inner = findTag(t.children, tag);
    if (inner) return inner;
  }
  return undefined;
}

/** Every object with `tag`, depth first, in order. */
export function findAllTags(tlvs: readonly Tlv[], tag: string): Tlv[] {
  return tlvs.flatMap((t) => [...(t.tag === tag ? [t] : []), ...findAllTags(t.children, tag)]);
}

export function encodeLength(n: number): number[] {
  if (n < 0x80) return [n];
  if (n <= 0xff) return [0x81, n];
  if (n <= 0xffff) return [0x82, n >> 8, n & 0xff];
  throw new TlvError(`length ${n} too large`);
}

/** Encodes one object; `value` is raw bytes or the encoded children. */
export function encodeTlv(tag: string, value: Uint8Array): Uint8Array {
  if (!/^([0-9A-F]{2})+$/i.test(tag)) throw new TlvError(`bad tag "${tag}"`);
  const tagBytes = tag.match(/../g)!.map((b) => parseInt(b, 16));
  return Uint8Array.from([...tagBytes, ...encodeLength(value.length), ...value]);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
