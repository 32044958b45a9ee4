import { PNG } from 'pngjs';

/** Sizes of two PNGs and how many pixels differ in the first channel (exact, for 1-bit receipt renders). */
export function pngDifference(
  got: Uint8Array,
  want: Uint8Array,
): { gotSize: [number, number]; wantSize: [number, number]; differing: number } {
  const [g, w] = [PNG.sync.read(Buffer.from(got)), PNG.sync.read(Buffer.from(want))];
  let differing = 0;
  if (g.width === w.width && g.height === w.height)
    for (let i = 0; i < g.data.length; i += 4) if (g.data[i] !== w.data[i]) differing++;
  return { gotSize: [g.width, g.height], wantSize: [w.width, w.height], differing };
}
