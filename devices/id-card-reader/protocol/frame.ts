import type { DecodeResult } from '../../core';

/**
 * SAM_V frame (protocols.md §1.2), the same shape in both directions:
 *   AA AA AA 96 69 | LEN_hi LEN_lo | payload… | CHK
 * LEN (big-endian) counts every byte after itself, CHK included. CHK is the XOR of LEN_hi through
 * the last payload byte. A command payload is CMD PARA [DATA]; a response payload is SW1 SW2 SW3 [DATA].
 */
export interface SamFrame {
  payload: Uint8Array;
}

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble + LEN. */
export const HEADER_BYTES = 7;
/** The largest legal LEN: the 30 10 reply (2321-byte frame, LEN = 0x090A) with headroom. */
export const MAX_LEN = 0x0c00;
/** The smallest LEN: a command without data (CMD PARA CHK). */
export const MIN_LEN = 3;

/** XOR over `bytes` (CHK covers LEN_hi..last data byte). */
export function xorChecksum(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** Wraps a payload in preamble, LEN and CHK. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const len = payload.length + 1;
  if (len > MAX_LEN) throw new RangeError(`SAM frame payload too long: ${payload.length} bytes`);
  const out = new Uint8Array(HEADER_BYTES + len);
  out.set(PREAMBLE, 0);
  out[5] = len >> 8;
  out[6] = len & 0xff;
  out.set(payload, HEADER_BYTES);
  out[out.length - 1] = xorChecksum(out.subarray(5, out.length - 1));
  return out;
}

/** Index of the first full preamble at or after `from`, or -1. */
function findPreamble(buf: Uint8Array, from: number): number {
  outer: for (let i = from; i + PREAMBLE.length <= buf.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (buf[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest suffix of `buf` that is a proper prefix of the preamble (a preamble cut by a chunk boundary). */
function partialPreambleTail(buf: Uint8Array): number {
  for (let n = Math.min(PREAMBLE.length - 1, buf.length); n > 0; n--) {
    let ok = true;
    for (let j = 0; j < n; j++) if (buf[buf.length - n + j] !== PREAMBLE[j]) ok = false;
    if (ok) return n;
  }
  return 0;
}

/**
 * Decodes the frame at the head of `buf`. Bytes before a preamble are skipped as `noise`; a bad
 * LEN or CHK skips one byte so the search restarts just after the false preamble (resynchronisation).
 */
export function decodeFrame(buf: Uint8Array): DecodeResult<SamFrame> {
  const start = findPreamble(buf, 0);
  if (start > 0) return { kind: 'skip', consumed: start, reason: 'noise' };
  if (start < 0) {
    const keep = partialPreambleTail(buf);
    if (keep === buf.length) return { kind: 'need-more' };
    return { kind: 'skip', consumed: buf.length - keep, reason: 'noise' };
  }
  if (buf.length < HEADER_BYTES) return { kind: 'need-more' };
  const len = (buf[5]! << 8) | buf[6]!;
  if (len < MIN_LEN || len > MAX_LEN) return { kind: 'skip', consumed: 1, reason: 'badLength' };
  const total = HEADER_BYTES + len;
  if (buf.length < total) return { kind: 'need-more' };
  const chk = buf[total - 1]!;
  if (xorChecksum(buf.subarray(5, total - 1)) !== chk) {
    return { kind: 'skip', consumed: 1, reason: 'badChecksum' };
  }
  return { kind: 'frame', frame: { payload: buf.slice(HEADER_BYTES, total - 1) }, consumed: total };
}
