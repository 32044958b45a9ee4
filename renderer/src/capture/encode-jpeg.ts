import { canvasToBlob, context2d } from './grab-frame';
import type { JpegEncoder } from './imaging/jpeg-budget';
import type { RgbaImage } from './imaging/raster';

/** A JpegEncoder backed by canvas.toBlob, the browser's own (fast, native) JPEG encoder. */
export function canvasJpegEncoder(image: RgbaImage): JpegEncoder {
  const full = document.createElement('canvas');
  full.width = image.width;
  full.height = image.height;
  const pixels = new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
  context2d(full).putImageData(pixels, 0, 0);
  return async (quality, scale) => {
    let canvas = full;
    if (scale !== 1) {
      canvas = document.createElement('canvas');
      canvas.width = scaledSize(image.width, scale);
      canvas.height = scaledSize(image.height, scale);
      const ctx = context2d(canvas);
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(full, 0, 0, canvas.width, canvas.height);
    }
    const blob = await canvasToBlob(canvas, 'image/jpeg', quality);
    return new Uint8Array(await blob.arrayBuffer());
  };
}

export const scaledSize = (px: number, scale: number): number => Math.max(1, Math.round(px * scale));
