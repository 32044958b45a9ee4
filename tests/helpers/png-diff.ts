// Pixel comparison of screenshots against the images kept in tests/e2e/__screenshots__/, with a
// tolerance: a pixel differs when a channel moves by more than `threshold`; a screenshot fails when
// more than `maxDiffPixels` differ. UPDATE_SCREENSHOTS=1 writes the current images as the new
// reference; on a failure the actual image and a diff (differences in red over a faded reference)
// are written under .tmp/screenshot-diffs/ to look at.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

export interface PngDiff {
  sameSize: boolean;
  width: number;
  height: number;
  /** Pixels whose largest channel difference exceeds the threshold. */
  differing: number;
  /** Differences in red over the faded expected image. */
  diffImage: PNG;
}

export function comparePng(actual: Buffer, expected: Buffer, threshold = 32): PngDiff {
  const a = PNG.sync.read(actual);
  const e = PNG.sync.read(expected);
  const sameSize = a.width === e.width && a.height === e.height;
  const width = Math.max(a.width, e.width);
  const height = Math.max(a.height, e.height);
  const diffImage = new PNG({ width, height });
  let differing = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const inA = x < a.width && y < a.height;
      const inE = x < e.width && y < e.height;
      const ia = (y * a.width + x) * 4;
      const ie = (y * e.width + x) * 4;
      let delta = 255;
      if (inA && inE) {
        delta = 0;
        for (let c = 0; c < 4; c++) delta = Math.max(delta, Math.abs(a.data[ia + c]! - e.data[ie + c]!));
      }
      if (delta > threshold) {
        differing++;
        diffImage.data.set([255, 0, 0, 255], o);
      } else {
        const grey = inE ? (e.data[ie]! + e.data[ie + 1]! + e.data[ie + 2]!) / 3 : 0;
        const faded = 255 - Math.round((255 - grey) * 0.25);
        diffImage.data.set([faded, faded, faded, 255], o);
      }
    }
  }
  return { sameSize, width, height, differing, diffImage };
}

const REPO = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(REPO, 'tests', 'e2e', '__screenshots__');
const DIFF_DIR = path.join(REPO, '.tmp', 'screenshot-diffs');

export interface ScreenshotVerdict {
  /** null when the reference was (re)written. */
  differing: number | null;
  problem?: string;
}

/**
 * Compares `png` with the reference `name` (a path under __screenshots__/). Returns a problem text
 * when it is missing or differs beyond the tolerance; writes it when UPDATE_SCREENSHOTS=1.
 */
export function checkScreenshot(
  name: string,
  png: Buffer,
  maxDiffPixels: number,
  threshold = 32,
): ScreenshotVerdict {
  const reference = path.join(SCREENSHOT_DIR, name);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(path.dirname(reference), { recursive: true });
    writeFileSync(reference, png);
    return { differing: null };
  }
  if (!existsSync(reference)) {
    return {
      differing: null,
      problem: `no reference ${name}: run with UPDATE_SCREENSHOTS=1, look at it, commit it`,
    };
  }
  const diff = comparePng(png, readFileSync(reference), threshold);
  if (diff.sameSize && diff.differing <= maxDiffPixels) return { differing: diff.differing };
  const base = path.join(DIFF_DIR, name.replace(/\.png$/, ''));
  mkdirSync(path.dirname(base), { recursive: true });
  writeFileSync(`${base}.actual.png`, png);
  writeFileSync(`${base}.diff.png`, PNG.sync.write(diff.diffImage));
  return {
    differing: diff.differing,
    problem: diff.sameSize
      ? `${name}: ${diff.differing} pixels differ (tolerance ${maxDiffPixels}); see ${base}.diff.png`
      : `${name}: size changed to ${diff.width}×${diff.height}; see ${base}.actual.png`,
  };
}

/** Sizes of two PNGs and how many pixels differ at all (exact, for 1-bit receipt renders). */
export function pngDifference(
  got: Uint8Array,
  want: Uint8Array,
): { gotSize: [number, number]; wantSize: [number, number]; differing: number } {
  const [g, w] = [PNG.sync.read(Buffer.from(got)), PNG.sync.read(Buffer.from(want))];
  const diff = comparePng(Buffer.from(got), Buffer.from(want), 0);
  return { gotSize: [g.width, g.height], wantSize: [w.width, w.height], differing: diff.differing };
}
