import { describe, expect, it } from 'vitest';
import { packBitmap, unpackBitmap } from './bitmap';

// Both byte orders and both bit orders a cabinet may be calibrated to (protocols.md §4.1: "bitmap
// order and bit-to-lock mapping vary; calibrate them"). Doors listed from 1.
const on = (bits: boolean[]) => bits.flatMap((b, i) => (b ? [i + 1] : []));
const doors = (n: number, set: number[]) => Array.from({ length: n }, (_, i) => set.includes(i + 1));

describe('status bitmap layouts', () => {
  it.each([
    ['lowFirst', 'lsbFirst', '01 80', [1, 16]],
    ['lowFirst', 'msbFirst', '80 01', [1, 16]],
    ['highFirst', 'lsbFirst', '80 01', [1, 16]],
    ['highFirst', 'msbFirst', '01 80', [1, 16]],
    ['lowFirst', 'msbFirst', '40 00', [2]],
    ['highFirst', 'msbFirst', '00 20', [3]],
  ] as const)('%s %s: %s is doors %o', (groupOrder, bitOrder, hexBytes, set) => {
    const layout = { doorsPerBoard: 16, groupOrder, bitOrder };
    const bytes = Uint8Array.from(hexBytes.split(' ').map((b) => parseInt(b, 16)));
    expect(on(unpackBitmap(bytes, layout))).toEqual(set);
    expect(packBitmap(doors(16, [...set]), layout, 2)).toEqual(bytes);
  });
});
