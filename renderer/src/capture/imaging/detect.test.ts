import { describe, expect, test } from 'vitest';
import { renderScene, skewedQuad } from '../../../../tests/fixtures/capture/synthetic-page';
import { detectPage } from './detect';
import type { Quad } from './geometry';
import { QUAD_CORNERS, distance } from './geometry';
import { cropPage } from './crop';
import { closestPaper } from './paper';
import type { RgbaImage } from './raster';

const W = 1280;
const H = 960;

const a4Quad = skewedQuad({ cx: 650, cy: 470, width: 560, height: 792, rotationDeg: 7, keystone: 0.05 });
const cardQuad = skewedQuad({ cx: 600, cy: 500, width: 540, height: 340, rotationDeg: -5, keystone: 0.03 });
const a4Scene = renderScene({ width: W, height: H, quad: a4Quad, seed: 7, noise: 14, text: true });
const cardScene = renderScene({ width: W, height: H, quad: cardQuad, seed: 11, noise: 14 });

function maxCornerError(found: Quad, truth: Quad): number {
  return Math.max(...QUAD_CORNERS.map((c) => distance(found[c], truth[c])));
}

function luma(img: RgbaImage, x: number, y: number): number {
  const p = (y * img.width + x) * 4;
  return 0.299 * img.data[p]! + 0.587 * img.data[p + 1]! + 0.114 * img.data[p + 2]!;
}

/** Mean luma of the outermost `band` pixels on all four sides. */
function borderMean(img: RgbaImage, band: number): { mean: number; min: number } {
  let sum = 0;
  let n = 0;
  let min = 255;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (x >= band && x < img.width - band && y >= band && y < img.height - band) continue;
      const v = luma(img, x, y);
      sum += v;
      n++;
      min = Math.min(min, v);
    }
  }
  return { mean: sum / n, min };
}

describe('detectPage', () => {
  test('finds the corners of a rotated, keystoned A4 page within 2 px', () => {
    const d = detectPage(a4Scene);
    expect(d.found).toBe(true);
    expect(maxCornerError(d.quad, a4Quad)).toBeLessThan(2);
  });

  test('finds the corners of an ID card within 2 px', () => {
    const d = detectPage(cardScene);
    expect(d.found).toBe(true);
    expect(maxCornerError(d.quad, cardQuad)).toBeLessThan(2);
  });

  test('finds a card dropped at 40° and a page rotated −25° (any rotation, not just near-upright)', () => {
    for (const [quad, seed] of [
      [skewedQuad({ cx: 640, cy: 480, width: 520, height: 328, rotationDeg: 40, keystone: 0.02 }), 21],
      [skewedQuad({ cx: 640, cy: 480, width: 520, height: 735, rotationDeg: -25, keystone: 0.03 }), 22],
    ] as const) {
      const d = detectPage(renderScene({ width: W, height: H, quad, seed, noise: 14 }));
      expect(d.found).toBe(true);
      // Corner names depend on the rotation; compare as a set.
      for (const c of QUAD_CORNERS) {
        const nearest = Math.min(...QUAD_CORNERS.map((t) => distance(d.quad[c], quad[t])));
        expect(nearest).toBeLessThan(2);
      }
    }
  });

  test('copes with uneven side lighting (35% fall-off across the frame)', () => {
    const d = detectPage(
      renderScene({ width: W, height: H, quad: a4Quad, seed: 9, noise: 14, text: true, lightFalloff: 0.35 }),
    );
    expect(d.found).toBe(true);
    expect(maxCornerError(d.quad, a4Quad)).toBeLessThan(2);
  });

  test('reports noPage-style fallbacks instead of inventing an outline on an empty base', () => {
    const empty = renderScene({
      width: 320,
      height: 240,
      quad: skewedQuad({ cx: -500, cy: -500, width: 10, height: 10, rotationDeg: 0, keystone: 0 }),
      noise: 14,
    });
    const d = detectPage(empty);
    expect(d.found).toBe(false);
    // The fallback outline is still usable as a starting point for manual adjustment.
    expect(d.quad.br.x).toBeGreaterThan(d.quad.tl.x);
  });

  test('flags a page that runs off the frame', () => {
    const q = skewedQuad({ cx: 640, cy: 700, width: 560, height: 792, rotationDeg: 4, keystone: 0 });
    const d = detectPage(renderScene({ width: W, height: H, quad: q, seed: 3, noise: 10 }));
    expect(d.found).toBe(false);
  });
});

describe('cropPage', () => {
  test('an A4 page is warped to A4 portrait proportions and fills the output', () => {
    const d = detectPage(a4Scene);
    const { image: out, target } = cropPage(a4Scene, d.quad);
    expect(target.paper).toBe('a4');
    expect(target.orientation).toBe('portrait');
    expect(target.height / target.width).toBeCloseTo(297 / 210, 2);
    expect(out.width).toBe(target.width);
    const border = borderMean(out, 3);
    // Paper is ~234 luma, the base ~40: a border that is bright everywhere means no base is left.
    expect(border.mean).toBeGreaterThan(215);
    expect(border.min).toBeGreaterThan(150);
  });

  test('an ID card is warped to ID-1 landscape proportions', () => {
    const d = detectPage(cardScene);
    const { image: out, target } = cropPage(cardScene, d.quad);
    expect(target.paper).toBe('id1');
    expect(target.orientation).toBe('landscape');
    expect(target.width / target.height).toBeCloseTo(85.6 / 53.98, 2);
    expect(borderMean(out, 3).min).toBeGreaterThan(150);
    let sum = 0;
    for (let y = 0; y < out.height; y++) for (let x = 0; x < out.width; x++) sum += luma(out, x, y);
    expect(sum / (out.width * out.height)).toBeGreaterThan(225);
  });

  test('the text lines come out horizontal after deskew', () => {
    const d = detectPage(a4Scene);
    const out = cropPage(a4Scene, d.quad).image;
    // The first print line sits at v = 0.12..0.136 of the page; sample its left and right ends.
    const row = Math.round(0.128 * out.height);
    const left = luma(out, Math.round(0.2 * out.width), row);
    const right = luma(out, Math.round(0.6 * out.width), row);
    const gap = luma(out, Math.round(0.4 * out.width), Math.round(0.145 * out.height));
    expect(left).toBeLessThan(100);
    expect(right).toBeLessThan(100);
    expect(gap).toBeGreaterThan(200);
  });

  test('closestPaper separates the two ratios', () => {
    expect(closestPaper(297 / 210)).toBe('a4');
    expect(closestPaper(210 / 297)).toBe('a4');
    expect(closestPaper(85.6 / 54)).toBe('id1');
    expect(closestPaper(1.45)).toBe('a4');
    expect(closestPaper(1.55)).toBe('id1');
  });
});
