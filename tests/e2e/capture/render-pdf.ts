// Rasterise a PDF page with poppler's pdftoppm into 8-bit gray pixels (binary PGM), so tests look
// at what a reader of the PDF sees, decoded by an independent JPEG decoder.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface GrayRaster {
  width: number;
  height: number;
  data: Uint8Array;
}

export function renderPdfPageGray(pdfPath: string, page: number, dpi: number, outPrefix: string): GrayRaster {
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdfPath,
    outPrefix,
  ]);
  return parsePgm(readFileSync(`${outPrefix}.pgm`));
}

export function parsePgm(buf: Uint8Array): GrayRaster {
  // Header: "P5" whitespace width whitespace height whitespace maxval single-whitespace, then pixels.
  const fields: string[] = [];
  let p = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[p]!))) p++;
    if (buf[p] === 0x23) {
      while (buf[p] !== 0x0a) p++;
      continue;
    }
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[p]!))) s += String.fromCharCode(buf[p++]!);
    fields.push(s);
  }
  p++;
  const [magic, w, h, max] = fields;
  if (magic !== 'P5' || max !== '255') throw new Error(`unsupported PGM ${magic} maxval ${max}`);
  const width = Number(w);
  const height = Number(h);
  return { width, height, data: buf.subarray(p, p + width * height) };
}

/** Mean of the whole raster, mean of its outer band, and the share of dark pixels in that band. */
export function borderStats(img: GrayRaster, bandFraction: number) {
  const band = Math.max(2, Math.round(bandFraction * Math.min(img.width, img.height)));
  let sum = 0;
  let borderSum = 0;
  let borderN = 0;
  let borderDark = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const v = img.data[y * img.width + x]!;
      sum += v;
      if (x < band || y < band || x >= img.width - band || y >= img.height - band) {
        borderSum += v;
        borderN++;
        if (v < 100) borderDark++;
      }
    }
  }
  return {
    mean: sum / (img.width * img.height),
    borderMean: borderSum / borderN,
    borderDarkFraction: borderDark / borderN,
  };
}

/** Bounding box of the pixels darker than `threshold` (on a white page: where something was printed). */
export function darkBox(img: GrayRaster, threshold: number) {
  let [left, top, right, bottom] = [img.width, img.height, -1, -1];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x]! >= threshold) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) throw new Error('the page is blank');
  return { left, top, right, bottom };
}
