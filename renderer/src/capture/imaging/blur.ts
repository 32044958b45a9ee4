import type { GrayImage } from './raster';

// Separable 5-tap binomial kernel [1 4 6 4 1] / 16: a 5×5 Gaussian (sigma ≈ 1), as jscanify uses.
const KERNEL = [1, 4, 6, 4, 1] as const;

/** 5×5 Gaussian blur with edge clamping. Suppresses sensor noise and text before thresholding. */
export function gaussianBlur5(src: GrayImage): GrayImage {
  const { width: w, height: h, data } = src;
  const tmp = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let acc = 0;
      for (let k = -2; k <= 2; k++) {
        const xx = Math.min(w - 1, Math.max(0, x + k));
        acc += KERNEL[k + 2]! * data[row + xx]!;
      }
      tmp[row + x] = acc;
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let acc = 0;
      for (let k = -2; k <= 2; k++) {
        const yy = Math.min(h - 1, Math.max(0, y + k));
        acc += KERNEL[k + 2]! * tmp[yy * w + x]!;
      }
      out[y * w + x] = (acc + 128) >> 8;
    }
  }
  return { width: w, height: h, data: out };
}
