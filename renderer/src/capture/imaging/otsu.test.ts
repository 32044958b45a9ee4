import { describe, expect, test } from 'vitest';
import { binarize, histogram, otsuThreshold } from './otsu';

describe('otsuThreshold', () => {
  test('splits a bimodal histogram between its modes', () => {
    const hist = new Array<number>(256).fill(0);
    // Dark base around 40 (70% of pixels), bright page around 220.
    for (let v = 25; v <= 55; v++) hist[v] = 700 - Math.abs(v - 40) * 40;
    for (let v = 200; v <= 240; v++) hist[v] = 300 - Math.abs(v - 220) * 12;
    const t = otsuThreshold(hist);
    expect(t).toBeGreaterThan(55);
    expect(t).toBeLessThanOrEqual(200);
  });

  test('separates the classes of a real two-level image', () => {
    const data = new Uint8Array(100 * 100);
    for (let i = 0; i < data.length; i++) data[i] = i % 100 < 30 ? 90 + (i % 7) : 160 + (i % 5);
    const img = { width: 100, height: 100, data };
    const t = otsuThreshold(histogram(img));
    const mask = binarize(img, t);
    const bright = mask.reduce((s, v) => s + v, 0);
    expect(bright).toBe(70 * 100);
  });
});
