/**
 * ESC/POS byte builders, one per command, each named after its mnemonic (protocols.md §2.2–2.7;
 * Epson ESC/POS reference, KP628E manual). Pure: they only build bytes.
 */
import type { QrErrorLevel } from './document';
import type { StatusQuery } from './profiles';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;
export const LF = 0x0a;

const byte = (n: number, what: string): number => {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`${what} must be 0–255, got ${n}`);
  return n;
};

/** ESC @ (1B 40): initialise; clears the print buffer and resets modes. Sent before each receipt. */
export const initialize = (): Uint8Array => Uint8Array.of(ESC, 0x40);

/** ESC ! n (1B 21 n): print mode; bit3 emphasised, bit4 double height, bit5 double width, bit7 underline. */
export const selectPrintMode = (mode: {
  bold: boolean;
  doubleHeight: boolean;
  doubleWidth: boolean;
  underline: boolean;
}): Uint8Array =>
  Uint8Array.of(
    ESC,
    0x21,
    (mode.bold ? 0x08 : 0) |
      (mode.doubleHeight ? 0x10 : 0) |
      (mode.doubleWidth ? 0x20 : 0) |
      (mode.underline ? 0x80 : 0),
  );

/** ESC E n (1B 45 n): emphasis on (1) / off (0); also applies to Chinese glyphs on Chinese ROMs. */
export const setBold = (on: boolean): Uint8Array => Uint8Array.of(ESC, 0x45, on ? 1 : 0);

/** ESC - n (1B 2D n): underline 0 = off, 1 = one dot, 2 = two dots. */
export const setUnderline = (dots: 0 | 1 | 2): Uint8Array => Uint8Array.of(ESC, 0x2d, dots);

/** ESC a n (1B 61 n): justification 0 left, 1 centre, 2 right; takes effect at the start of a line. */
export const setAlign = (align: 'left' | 'center' | 'right'): Uint8Array =>
  Uint8Array.of(ESC, 0x61, align === 'left' ? 0 : align === 'center' ? 1 : 2);

/** GS ! n (1D 21 n): character size; high nibble = width multiplier − 1, low nibble = height multiplier − 1. */
export const setCharSize = (width: number, height: number): Uint8Array =>
  Uint8Array.of(GS, 0x21, (byte(width - 1, 'width') << 4) | byte(height - 1, 'height'));

/** ESC d n (1B 64 n): print the buffer and feed n lines. */
export const feedLines = (n: number): Uint8Array => Uint8Array.of(ESC, 0x64, byte(n, 'lines'));

/** ESC R n (1B 52 n): international character set; 0x0F = China on Chinese printers [M]. */
export const selectInternationalSet = (n: number): Uint8Array => Uint8Array.of(ESC, 0x52, byte(n, 'set'));

/** FS & (1C 26): enter Chinese (double-byte) mode; GB18030/GBK pairs print as 24×24 glyphs. */
export const enterChineseMode = (): Uint8Array => Uint8Array.of(FS, 0x26);

/** FS . (1C 2E): leave Chinese mode. */
export const leaveChineseMode = (): Uint8Array => Uint8Array.of(FS, 0x2e);

/** FS ! n (1C 21 n): Chinese character mode; bit2 double width, bit3 double height, bit7 underline. */
export const selectChineseMode = (mode: {
  doubleWidth: boolean;
  doubleHeight: boolean;
  underline: boolean;
}): Uint8Array =>
  Uint8Array.of(
    FS,
    0x21,
    (mode.doubleWidth ? 0x04 : 0) | (mode.doubleHeight ? 0x08 : 0) | (mode.underline ? 0x80 : 0),
  );

/** GS ( k fn 165 (1D 28 6B 04 00 31 41 32 00): select QR model 2. */
export const qrSelectModel2 = (): Uint8Array =>
  Uint8Array.of(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);

/** GS ( k fn 167 (1D 28 6B 03 00 31 43 n): module size n dots, 1–16. */
export const qrModuleSize = (dots: number): Uint8Array =>
  Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, Math.min(16, Math.max(1, dots)));

/** GS ( k fn 169 (1D 28 6B 03 00 31 45 n): error correction, n = 0x30 L, 0x31 M, 0x32 Q, 0x33 H. */
export const qrErrorLevel = (level: QrErrorLevel): Uint8Array =>
  Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x30 + 'LMQH'.indexOf(level));

/** GS ( k fn 180 (1D 28 6B pL pH 31 50 30 d…): store symbol data; pL + 256·pH = data length + 3. */
export function qrStore(data: Uint8Array): Uint8Array {
  const len = data.length + 3;
  if (len > 0xffff) throw new RangeError('QR data too long');
  const out = new Uint8Array(8 + data.length);
  out.set([GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30]);
  out.set(data, 8);
  return out;
}

/** GS ( k fn 181 (1D 28 6B 03 00 31 51 30): print the stored symbol. */
export const qrPrint = (): Uint8Array => Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);

/** GS h n (1D 68 n): bar code height in dots. */
export const barcodeHeight = (dots: number): Uint8Array => Uint8Array.of(GS, 0x68, byte(dots, 'height'));

/** GS w n (1D 77 n): bar code module width, 2–6. */
export const barcodeModuleWidth = (n: number): Uint8Array =>
  Uint8Array.of(GS, 0x77, Math.min(6, Math.max(2, n)));

/** GS H n (1D 48 n): HRI position 0 none, 1 above, 2 below, 3 both. */
export const barcodeHri = (pos: 'none' | 'above' | 'below' | 'both'): Uint8Array =>
  Uint8Array.of(GS, 0x48, ['none', 'above', 'below', 'both'].indexOf(pos));

/** GS k 73 n {B d… (1D 6B 49 n 7B 42 d…): CODE128, format B, code set B; n counts the {B prefix too. */
export function barcodeCode128(data: Uint8Array): Uint8Array {
  const n = data.length + 2;
  const out = new Uint8Array(6 + data.length);
  out.set([GS, 0x6b, 0x49, byte(n, 'CODE128 length'), 0x7b, 0x42]);
  out.set(data, 6);
  return out;
}

/** GS v 0 m xL xH yL yH d… (1D 76 30 00 …): raster bit image, normal density; x in bytes per row, y in rows. */
export function rasterImage(bytesPerRow: number, rows: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length);
  out.set([GS, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]);
  out.set(data, 8);
  return out;
}

/** GS V 65 n / GS V 66 n (1D 56 41 n / 1D 56 42 n): feed n dots to the cutter, then full / partial cut. */
export const feedAndCut = (mode: 'full' | 'partial', feedDots: number): Uint8Array =>
  Uint8Array.of(GS, 0x56, mode === 'full' ? 0x41 : 0x42, byte(feedDots, 'feed'));

/** DLE EOT n (10 04 n): real-time status request, n = 1 printer, 2 offline cause, 3 error cause, 4 paper. */
export const realtimeStatus = (n: StatusQuery): Uint8Array => Uint8Array.of(DLE, EOT, n);

/** GS a n (1D 61 n): Automatic Status Back; n is the event mask (0 disables, 0xFF enables all). */
export const automaticStatusBack = (mask: number): Uint8Array => Uint8Array.of(GS, 0x61, byte(mask, 'mask'));
