/** Draws what the simulated printer printed: a 1-bit page, a PNG of it, and a plain-text transcript. */
import { PNG } from 'pngjs';
import {
  alignOffset,
  cellsOf,
  createBitmap,
  fillRect,
  getPixel,
  placeAligned,
  renderLine,
  renderQr,
  stack,
  type Bitmap,
  type GlyphRasterizer,
  type PrinterProfile,
} from '../protocol';
import { code128Modules } from './code128';
import type { PrintedItem } from './interpreter';

function barcodeBitmap(
  item: Extract<PrintedItem, { kind: 'barcode' }>,
  profile: PrinterProfile,
  glyphs: GlyphRasterizer,
): Bitmap {
  const modules = code128Modules(item.data);
  const width = Math.min(profile.dotsPerLine, modules.reduce((n, m) => n + m, 0) * item.moduleWidth);
  const bars = createBitmap(width, item.heightDots);
  let x = 0;
  modules.forEach((m, i) => {
    if (i % 2 === 0) fillRect(bars, x, 0, m * item.moduleWidth, item.heightDots);
    x += m * item.moduleWidth;
  });
  const hri = () =>
    renderLine(
      {
        align: item.align,
        segments: [
          { text: item.data, style: { bold: false, underline: 0, doubleWidth: false, doubleHeight: false } },
        ],
        cells: item.data.length,
      },
      profile,
      glyphs,
    );
  const parts: Bitmap[] = [];
  if (item.hri === 1 || item.hri === 3) parts.push(hri());
  parts.push(placeAligned(bars, profile.dotsPerLine, item.align));
  if (item.hri === 2 || item.hri === 3) parts.push(hri());
  return stack(parts, profile.dotsPerLine);
}

function cutMark(profile: PrinterProfile): Bitmap {
  const b = createBitmap(profile.dotsPerLine, 9);
  for (let x = 0; x < profile.dotsPerLine; x += 8) fillRect(b, x, 4, 4, 1);
  return b;
}

/** The printed page as a bitmap `profile.dotsPerLine` wide. */
export function renderPage(items: PrintedItem[], profile: PrinterProfile, glyphs: GlyphRasterizer): Bitmap {
  const parts: Bitmap[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'line':
        parts.push(renderLine({ ...item, cells: cellsOf(item.segments) }, profile, glyphs));
        break;
      case 'qr':
        parts.push(
          placeAligned(
            renderQr(item.data, item.moduleSize, item.errorLevel),
            profile.dotsPerLine,
            item.align,
          ),
        );
        break;
      case 'barcode':
        parts.push(barcodeBitmap(item, profile, glyphs));
        break;
      case 'raster':
        parts.push(placeAligned(item.bitmap, profile.dotsPerLine, item.align));
        break;
      case 'feed':
        parts.push(createBitmap(profile.dotsPerLine, item.lines * profile.lineSpacingDots));
        break;
      case 'cut':
        parts.push(createBitmap(profile.dotsPerLine, item.feedDots), cutMark(profile));
        break;
    }
  }
  return stack(parts, profile.dotsPerLine);
}

/** Encodes a 1-bit page as a greyscale PNG (black ink on white paper). */
export function bitmapToPng(b: Bitmap): Uint8Array {
  const png = new PNG({
    width: Math.max(1, b.width),
    height: Math.max(1, b.height),
    colorType: 0,
    inputColorType: 0,
    bitDepth: 8,
  });
  const gray = Buffer.alloc(png.width * png.height, 0xff);
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++) if (getPixel(b, x, y)) gray[y * png.width + x] = 0;
  png.data = gray;
  return new Uint8Array(PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
}

/** One line per printed text line (aligned with spaces), plus markers for graphics and cuts. */
export function transcriptOf(items: PrintedItem[], columns: number): string {
  const out: string[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'line':
        out.push(
          (
            ' '.repeat(alignOffset(cellsOf(item.segments), columns, item.align)) +
            item.segments.map((s) => s.text).join('')
          ).trimEnd(),
        );
        break;
      case 'qr':
        out.push(`[QR ${item.data}]`);
        break;
      case 'barcode':
        out.push(`[CODE128 ${item.data}]`);
        break;
      case 'raster':
        out.push(`[RASTER ${item.bitmap.width}x${item.bitmap.height}]`);
        break;
      case 'feed':
        break;
      case 'cut':
        out.push('[CUT]');
        break;
    }
  }
  return out.join('\n') + '\n';
}
