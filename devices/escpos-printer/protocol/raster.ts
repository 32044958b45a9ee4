/**
 * 1-bit raster rendering of laid-out receipt content, for printers without a Chinese font ROM or a QR
 * command, and for the simulator's preview. Glyph shapes come from an injected GlyphRasterizer, so this
 * module stays pure (no font files, no I/O).
 */
import { create as createQr } from 'qrcode';
import type { Align, Bitmap, QrErrorLevel } from './document';
import type { LayoutLine, SegmentStyle } from './layout';
import { alignOffset, charCells } from './width';

/** Turns one character into a 1-bit bitmap of exactly `width` × `height` dots (ink = 1). */
export interface GlyphRasterizer {
  glyph(ch: string, width: number, height: number): Bitmap;
}

export interface RasterMetrics {
  dotsPerLine: number;
  cellWidthDots: number;
  lineHeightDots: number;
  lineSpacingDots: number;
}

export const bytesPerRow = (width: number): number => Math.ceil(width / 8);

export function createBitmap(width: number, height: number): Bitmap {
  return { width, height, data: new Uint8Array(bytesPerRow(width) * height) };
}

export function getPixel(b: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= b.width || y >= b.height) return false;
  return ((b.data[y * bytesPerRow(b.width) + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1;
}

export function setPixel(b: Bitmap, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= b.width || y >= b.height) return;
  const i = y * bytesPerRow(b.width) + (x >> 3);
  b.data[i] = b.data[i]! | (0x80 >> (x & 7));
}

/** ORs `src` into `dst` at (x, y), scaled by integer factors. */
export function blit(dst: Bitmap, src: Bitmap, x: number, y: number, sx = 1, sy = 1): void {
  for (let r = 0; r < src.height; r++)
    for (let c = 0; c < src.width; c++) {
      if (!getPixel(src, c, r)) continue;
      for (let dy = 0; dy < sy; dy++)
        for (let dx = 0; dx < sx; dx++) setPixel(dst, x + c * sx + dx, y + r * sy + dy);
    }
}

export function fillRect(b: Bitmap, x: number, y: number, w: number, h: number): void {
  for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) setPixel(b, c, r);
}

/** Stacks bitmaps top to bottom on a `width`-dot canvas. */
export function stack(parts: Bitmap[], width: number): Bitmap {
  const out = createBitmap(
    width,
    parts.reduce((n, p) => n + p.height, 0),
  );
  let y = 0;
  for (const p of parts) {
    blit(out, p, 0, y);
    y += p.height;
  }
  return out;
}

/** Places `src` on a full-width strip according to `align`. */
export function placeAligned(src: Bitmap, width: number, align: Align): Bitmap {
  const out = createBitmap(width, src.height);
  const x =
    align === 'left' ? 0 : align === 'center' ? Math.floor((width - src.width) / 2) : width - src.width;
  blit(out, src, Math.max(0, x), 0);
  return out;
}

const lineHeight = (line: LayoutLine, m: RasterMetrics) =>
  m.lineHeightDots * (line.segments.some((s) => s.style.doubleHeight) ? 2 : 1) +
  (m.lineSpacingDots - m.lineHeightDots);

function drawGlyph(
  out: Bitmap,
  ch: string,
  style: SegmentStyle,
  x: number,
  baseline: number,
  m: RasterMetrics,
  glyphs: GlyphRasterizer,
): number {
  const cells = charCells(ch);
  const g = glyphs.glyph(ch, cells * m.cellWidthDots, m.lineHeightDots);
  const sx = style.doubleWidth ? 2 : 1;
  const sy = style.doubleHeight ? 2 : 1;
  const top = baseline - g.height * sy;
  blit(out, g, x, top, sx, sy);
  if (style.bold) blit(out, g, x + 1, top, sx, sy);
  const w = g.width * sx;
  if (style.underline) fillRect(out, x, baseline - style.underline, w, style.underline);
  return w;
}

/** Renders one laid-out text line (alignment applied) to a full-width strip, as the printer would print it. */
export function renderLine(line: LayoutLine, m: RasterMetrics, glyphs: GlyphRasterizer): Bitmap {
  const h = lineHeight(line, m);
  const out = createBitmap(m.dotsPerLine, h);
  const columns = Math.floor(m.dotsPerLine / m.cellWidthDots);
  let x = alignOffset(line.cells, columns, line.align) * m.cellWidthDots;
  const baseline = h - (m.lineSpacingDots - m.lineHeightDots);
  for (const seg of line.segments)
    for (const ch of seg.text) x += drawGlyph(out, ch, seg.style, x, baseline, m, glyphs);
  return out;
}

/** A QR symbol (model 2) as the printer's GS ( k would draw it: `moduleSize` dots per module, 4-module quiet zone. */
export function renderQr(data: string, moduleSize: number, level: QrErrorLevel): Bitmap {
  const { modules } = createQr(data, { errorCorrectionLevel: level });
  const quiet = 4;
  const size = (modules.size + 2 * quiet) * moduleSize;
  const out = createBitmap(size, size);
  for (let r = 0; r < modules.size; r++)
    for (let c = 0; c < modules.size; c++)
      if (modules.get(r, c))
        fillRect(out, (c + quiet) * moduleSize, (r + quiet) * moduleSize, moduleSize, moduleSize);
  return out;
}

/** Splits a bitmap into bands of at most `rows` rows (GS v 0 receive-buffer limit). */
export function bands(b: Bitmap, rows: number): Bitmap[] {
  const out: Bitmap[] = [];
  const bpr = bytesPerRow(b.width);
  for (let y = 0; y < b.height; y += rows) {
    const h = Math.min(rows, b.height - y);
    out.push({ width: b.width, height: h, data: b.data.slice(y * bpr, (y + h) * bpr) });
  }
  return out;
}

/**
 * True when `b[i]` starts a real-time command: DLE EOT n (10 04 n, n 1–4 or 7), DLE ENQ n (10 05 n,
 * n 0–2) or DLE DC4 fn (10 14 fn, fn 1–8). Printers scan their receive buffer for these even inside
 * raster data (protocols.md §2.6 caution), so image bytes must never form one.
 */
export function startsRealtimeCommand(b: Uint8Array, i: number): boolean {
  if (b[i] !== 0x10 || i + 2 >= b.length) return false;
  const [c, n] = [b[i + 1]!, b[i + 2]!];
  return (
    (c === 0x04 && ((n >= 1 && n <= 4) || n === 7)) ||
    (c === 0x05 && n <= 2) ||
    (c === 0x14 && n >= 1 && n <= 8)
  );
}

/**
 * Raster data safe to send: each byte 0x10 that would start a real-time command becomes 0x00, i.e.
 * one dot of that row is left white. A 0x00 cannot start or continue such a command, so one pass
 * suffices. Returns the input itself when nothing had to change.
 */
export function withoutRealtimeCommands(data: Uint8Array): Uint8Array {
  let out: Uint8Array | undefined;
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== 0x10 || !startsRealtimeCommand(out ?? data, i)) continue;
    out ??= data.slice();
    out[i] = 0x00;
  }
  return out ?? data;
}
