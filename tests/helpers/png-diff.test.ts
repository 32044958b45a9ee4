import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { comparePng } from './png-diff';

function image(
  width: number,
  height: number,
  paint: (x: number, y: number) => [number, number, number],
): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) png.data.set([...paint(x, y), 255], (y * width + x) * 4);
  return PNG.sync.write(png);
}

const navy = (): [number, number, number] => [11, 31, 58];

describe('screenshot comparison', () => {
  test('identical images have no differing pixel', () => {
    const a = image(40, 30, navy);
    expect(comparePng(a, a)).toMatchObject({ sameSize: true, differing: 0 });
  });

  test('small colour noise stays under the threshold; a changed glyph does not', () => {
    const base = image(40, 30, navy);
    const noisy = image(40, 30, (x, y) => ((x + y) % 2 ? [14, 28, 60] : navy()));
    expect(comparePng(noisy, base).differing).toBe(0);
    // A 5×7 white "glyph" drawn where the reference had none.
    const glyph = image(40, 30, (x, y) =>
      x >= 10 && x < 15 && y >= 10 && y < 17 ? [255, 255, 255] : navy(),
    );
    const diff = comparePng(glyph, base);
    expect(diff.differing).toBe(35);
    // The diff image marks exactly those pixels in red.
    const marked = [...Array(40 * 30).keys()].filter((i) => diff.diffImage.data[i * 4 + 1] === 0).length;
    expect(marked).toBe(35);
  });

  test('a different size is reported, with the missing area counted as differing', () => {
    const diff = comparePng(image(40, 30, navy), image(40, 32, navy));
    expect(diff.sameSize).toBe(false);
    expect(diff.differing).toBe(80);
  });
});
