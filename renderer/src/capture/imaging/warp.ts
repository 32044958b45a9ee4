import type { Quad } from './geometry';
import { quadPoints } from './geometry';
import { solveHomography } from './homography';
import type { RgbaImage } from './raster';

/**
 * Perspective-correct `quad` of `src` into a `width`×`height` upright image with bilinear
 * sampling. Each output pixel centre is mapped back into the source (inverse mapping, so there
 * are no holes); samples outside the source read the nearest edge pixel.
 */
export function warpPerspective(src: RgbaImage, quad: Quad, width: number, height: number): RgbaImage {
  const rect = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const h = solveHomography(rect, quadPoints(quad));
  if (!h) throw new RangeError('degenerate page outline');
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0, h8 = 1] = h;
  const out = new Uint8ClampedArray(width * height * 4);
  const sd = src.data;
  const sw = src.width;
  const maxX = src.width - 1;
  const maxY = src.height - 1;
  let o = 0;
  for (let v = 0; v < height; v++) {
    const yc = v + 0.5;
    for (let u = 0; u < width; u++) {
      const xc = u + 0.5;
      const wz = h6 * xc + h7 * yc + h8;
      // Source position in pixel-centre coordinates.
      let sx = (h0 * xc + h1 * yc + h2) / wz - 0.5;
      let sy = (h3 * xc + h4 * yc + h5) / wz - 0.5;
      sx = sx < 0 ? 0 : sx > maxX ? maxX : sx;
      sy = sy < 0 ? 0 : sy > maxY ? maxY : sy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = x0 < maxX ? x0 + 1 : x0;
      const y1 = y0 < maxY ? y0 + 1 : y0;
      const fx = sx - x0;
      const fy = sy - y0;
      const p00 = (y0 * sw + x0) * 4;
      const p10 = (y0 * sw + x1) * 4;
      const p01 = (y1 * sw + x0) * 4;
      const p11 = (y1 * sw + x1) * 4;
      for (let c = 0; c < 3; c++) {
        const top = sd[p00 + c]! + (sd[p10 + c]! - sd[p00 + c]!) * fx;
        const bottom = sd[p01 + c]! + (sd[p11 + c]! - sd[p01 + c]!) * fx;
        out[o + c] = top + (bottom - top) * fy + 0.5;
      }
      out[o + 3] = 255;
      o += 4;
    }
  }
  return { width, height, data: out };
}
