// Plain raster types so the imaging code runs in a Web Worker, in Node tests and on the main thread alike.

/** RGBA, 4 bytes per pixel, row-major, no padding (the layout of DOM ImageData). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** One channel, row-major. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Luma (BT.601 weights) of `src`, box-averaged down by an integer `factor` so detection runs on a
 * few hundred thousand pixels whatever the camera delivers. Output pixel (i, j) covers source
 * pixels [i*factor, (i+1)*factor).
 */
export function toGrayDownscaled(src: RgbaImage, factor: number): GrayImage {
  const f = Math.max(1, Math.floor(factor));
  const width = Math.floor(src.width / f);
  const height = Math.floor(src.height / f);
  const out = new Uint8Array(width * height);
  const area = f * f;
  const d = src.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++) {
        let p = ((y * f + dy) * src.width + x * f) * 4;
        for (let dx = 0; dx < f; dx++, p += 4) {
          // 0.299 R + 0.587 G + 0.114 B in 16.16 fixed point.
          sum += (19595 * d[p]! + 38470 * d[p + 1]! + 7471 * d[p + 2]!) >> 16;
        }
      }
      out[y * width + x] = Math.round(sum / area);
    }
  }
  return { width, height, data: out };
}

/** The integer downscale factor that brings the longer side to at most `maxSide`. */
export function detectionFactor(width: number, height: number, maxSide: number): number {
  return Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
}
