import type { GrayImage } from './raster';

export function histogram(img: GrayImage): Uint32Array {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v]!++;
  return hist;
}

/**
 * Otsu's threshold: the level t maximising the between-class variance of {< t} and {>= t}.
 * Pixels >= t are foreground (the bright page).
 */
export function otsuThreshold(hist: ArrayLike<number>): number {
  let total = 0;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i] ?? 0;
    sumAll += i * (hist[i] ?? 0);
  }
  let weightBelow = 0;
  let sumBelow = 0;
  let best = 0;
  let bestT = 128;
  for (let t = 1; t < 256; t++) {
    weightBelow += hist[t - 1] ?? 0;
    sumBelow += (t - 1) * (hist[t - 1] ?? 0);
    const weightAbove = total - weightBelow;
    if (weightBelow === 0 || weightAbove === 0) continue;
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (sumAll - sumBelow) / weightAbove;
    const between = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/** 1 where `img` >= `t`, else 0. */
export function binarize(img: GrayImage, t: number): Uint8Array {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i]! >= t ? 1 : 0;
  return out;
}
