// YUV4MPEG2 writer for Chromium's fake camera (--use-file-for-fake-video-capture=FILE.y4m).
// 4:2:0 planar (tag C420), BT.601 limited range, which is what Chromium converts back to RGB.
import type { RgbaImage } from '../../renderer/src/capture/imaging/raster';

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Y, Cb, Cr planes of one frame; chroma is averaged over each 2×2 block. */
export function rgbaToI420(img: RgbaImage): Uint8Array {
  const { width: w, height: h, data } = img;
  if (w % 2 || h % 2) throw new RangeError('4:2:0 needs even width and height');
  const out = new Uint8Array(w * h + (w * h) / 2);
  const uOff = w * h;
  const vOff = uOff + (w * h) / 4;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) * 4;
      out[y * w + x] = clamp(16 + 0.257 * data[p]! + 0.504 * data[p + 1]! + 0.098 * data[p + 2]!);
    }
  }
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = ((y + dy) * w + x + dx) * 4;
        r += data[p]!;
        g += data[p + 1]!;
        b += data[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = (y / 2) * (w / 2) + x / 2;
      out[uOff + c] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      out[vOff + c] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  return out;
}

/** A complete .y4m file; Chromium loops the frames for as long as the stream runs. */
export function encodeY4m(frames: readonly RgbaImage[], fps = 15): Uint8Array {
  const first = frames[0];
  if (!first) throw new RangeError('at least one frame');
  const header = new TextEncoder().encode(
    `YUV4MPEG2 W${first.width} H${first.height} F${fps}:1 Ip A1:1 C420\n`,
  );
  const frameTag = new TextEncoder().encode('FRAME\n');
  const planes = frames.map((f) => {
    if (f.width !== first.width || f.height !== first.height)
      throw new RangeError('all frames must share one size');
    return rgbaToI420(f);
  });
  const out = new Uint8Array(header.length + planes.reduce((n, p) => n + frameTag.length + p.length, 0));
  out.set(header, 0);
  let o = header.length;
  for (const p of planes) {
    out.set(frameTag, o);
    out.set(p, o + frameTag.length);
    o += frameTag.length + p.length;
  }
  return out;
}
