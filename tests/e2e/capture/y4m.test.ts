import { describe, expect, test } from 'vitest';
import { encodeY4m, rgbaToI420 } from '../../helpers/y4m';

function solid(width: number, height: number, rgb: [number, number, number]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return { width, height, data };
}

describe('y4m writer', () => {
  test('BT.601 limited range: white, black and red land on their studio-swing values', () => {
    const white = rgbaToI420(solid(2, 2, [255, 255, 255]));
    expect([...white]).toEqual([235, 235, 235, 235, 128, 128]);
    const black = rgbaToI420(solid(2, 2, [0, 0, 0]));
    expect([...black]).toEqual([16, 16, 16, 16, 128, 128]);
    const red = rgbaToI420(solid(2, 2, [255, 0, 0]));
    expect([red[0], red[4], red[5]]).toEqual([82, 90, 240]);
  });

  test('chroma is the mean of each 2×2 block', () => {
    const img = solid(4, 2, [0, 0, 0]);
    // Left block: two blue pixels out of four; right block stays black.
    img.data.set([0, 0, 255, 255], 0);
    img.data.set([0, 0, 255, 255], 4 * 4);
    const planes = rgbaToI420(img);
    expect(planes.length).toBe(8 + 2 + 2);
    expect(planes[8]).toBe(Math.round(128 + 0.439 * 127.5));
    expect(planes[9]).toBe(128);
  });

  test('file layout: header, then FRAME + planes per frame', () => {
    const bytes = encodeY4m([solid(4, 2, [10, 20, 30]), solid(4, 2, [40, 50, 60])], 15);
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.startsWith('YUV4MPEG2 W4 H2 F15:1 Ip A1:1 C420\n')).toBe(true);
    const header = 'YUV4MPEG2 W4 H2 F15:1 Ip A1:1 C420\n'.length;
    expect(bytes.length).toBe(header + 2 * ('FRAME\n'.length + 4 * 2 * 1.5));
    expect(text.indexOf('FRAME\n', header + 6)).toBe(header + 6 + 12);
  });

  test('rejects odd sizes and mixed frame sizes', () => {
    expect(() => encodeY4m([solid(3, 2, [0, 0, 0])])).toThrow(RangeError);
    expect(() => encodeY4m([solid(4, 2, [0, 0, 0]), solid(2, 2, [0, 0, 0])])).toThrow(RangeError);
  });
});
