import type { BitmapLayout } from './types';

export const bitmapBytes = (doorsPerBoard: number): number => Math.ceil(doorsPerBoard / 8);

/** Bytes → one boolean per door (index 0 = door 1), following the board's byte and bit order. */
export function unpackBitmap(bytes: Uint8Array, layout: BitmapLayout): boolean[] {
  const n = bytes.length;
  const doors: boolean[] = [];
  for (let d = 0; d < layout.doorsPerBoard; d++) {
    const group = Math.floor(d / 8);
    const byteIndex = layout.groupOrder === 'highFirst' ? n - 1 - group : group;
    const bit = layout.bitOrder === 'lsbFirst' ? d % 8 : 7 - (d % 8);
    doors.push(((bytes[byteIndex] ?? 0) >> bit) % 2 === 1);
  }
  return doors;
}

/** The inverse of `unpackBitmap`, into `byteCount` bytes (unused bits are 0). */
export function packBitmap(doors: readonly boolean[], layout: BitmapLayout, byteCount: number): Uint8Array {
  const out = new Uint8Array(byteCount);
  doors.forEach((set, d) => {
    if (!set || d >= byteCount * 8) return;
    const group = Math.floor(d / 8);
    const byteIndex = layout.groupOrder === 'highFirst' ? byteCount - 1 - group : group;
    const bit = layout.bitOrder === 'lsbFirst' ? d % 8 : 7 - (d % 8);
    out[byteIndex] = (out[byteIndex] ?? 0) | (1 << bit);
  });
  return out;
}
