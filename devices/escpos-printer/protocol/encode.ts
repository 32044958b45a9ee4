/**
 * Renders a receipt document to ESC/POS bytes for one printer profile. Text goes through the
 * printer's Chinese mode (FS & … FS .) as GB18030/GBK; whatever the model cannot print natively
 * (no Chinese ROM, a character outside its code page, no QR command) is drawn as a GS v 0 raster
 * with the injected glyph rasteriser, so the same document prints on every profile.
 */
import iconv from 'iconv-lite';
import * as cmd from './commands';
import type { ReceiptDocument } from './document';
import { layoutDocument, PLAIN, type LayoutItem, type LayoutLine, type SegmentStyle } from './layout';
import type { PrinterProfile } from './profiles';
import {
  bands,
  bytesPerRow,
  placeAligned,
  renderLine,
  renderQr,
  stack,
  withoutRealtimeCommands,
  type GlyphRasterizer,
} from './raster';
import { isAscii } from './width';
import type { Bitmap } from './document';

export interface EncodeOptions {
  /** Needed when the profile lacks a Chinese ROM or QR command, or text has characters outside its code page. */
  glyphs?: GlyphRasterizer | undefined;
}

/** Thrown for documents that cannot be printed on this profile (caller maps it to `invalidArgument`). */
export class ReceiptEncodeError extends Error {
  override readonly name = 'ReceiptEncodeError';
  constructor(
    readonly detail: 'barcodeData' | 'rasterizerMissing',
    message: string,
  ) {
    super(message);
  }
}

const encodableCache = new Map<string, boolean>();

/** True when the printer's ROM code page (GBK or GB18030) has `ch`. */
export function canEncode(ch: string, encoding: 'gb18030' | 'gbk'): boolean {
  if (isAscii(ch)) return true;
  const key = `${encoding}:${ch}`;
  let ok = encodableCache.get(key);
  if (ok === undefined) {
    ok = iconv.decode(iconv.encode(ch, encoding), encoding) === ch;
    encodableCache.set(key, ok);
  }
  return ok;
}

/** Bytes of `text` in the printer's code page; ASCII stays single-byte. */
export const encodeText = (text: string, encoding: 'gb18030' | 'gbk'): Uint8Array =>
  new Uint8Array(iconv.encode(text, encoding));

class ByteSink {
  readonly #parts: Uint8Array[] = [];
  #length = 0;
  push(...parts: Uint8Array[]): void {
    for (const p of parts) {
      this.#parts.push(p);
      this.#length += p.length;
    }
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let off = 0;
    for (const p of this.#parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
}

class Encoder {
  readonly out = new ByteSink();
  #align: 'left' | 'center' | 'right' = 'left';
  #style: SegmentStyle = PLAIN;
  #chinese = false;

  constructor(
    private readonly profile: PrinterProfile,
    private readonly glyphs: GlyphRasterizer | undefined,
  ) {}

  align(a: 'left' | 'center' | 'right'): void {
    if (a !== this.#align) this.out.push(cmd.setAlign(a));
    this.#align = a;
  }

  chinese(on: boolean): void {
    if (on === this.#chinese) return;
    this.out.push(on ? cmd.enterChineseMode() : cmd.leaveChineseMode());
    this.#chinese = on;
    const s = this.#style;
    if (on && (s.doubleWidth || s.doubleHeight || s.underline > 0))
      this.out.push(cmd.selectChineseMode({ ...s, underline: s.underline > 0 }));
  }

  style(s: SegmentStyle): void {
    const prev = this.#style;
    if (
      s.bold === prev.bold &&
      s.doubleWidth === prev.doubleWidth &&
      s.doubleHeight === prev.doubleHeight &&
      s.underline === prev.underline
    )
      return;
    this.out.push(cmd.selectPrintMode({ ...s, underline: false }));
    if (s.bold !== prev.bold) this.out.push(cmd.setBold(s.bold));
    if (s.underline !== prev.underline) this.out.push(cmd.setUnderline(s.underline));
    if (this.#chinese) this.out.push(cmd.selectChineseMode({ ...s, underline: s.underline > 0 }));
    this.#style = s;
  }

  needsRaster(line: LayoutLine): boolean {
    return line.segments.some((seg) =>
      [...seg.text].some(
        (ch) => !isAscii(ch) && (!this.profile.chineseFontRom || !canEncode(ch, this.profile.encoding)),
      ),
    );
  }

  textLine(line: LayoutLine): void {
    const cjk = line.segments.some((s) => [...s.text].some((ch) => !isAscii(ch)));
    if (cjk) this.chinese(true);
    this.align(line.align);
    for (const seg of line.segments) {
      this.style(seg.style);
      this.out.push(encodeText(seg.text, this.profile.encoding));
    }
    this.out.push(Uint8Array.of(cmd.LF));
  }

  raster(bitmap: Bitmap): void {
    this.align('left');
    this.style(PLAIN);
    for (const band of bands(bitmap, this.profile.rasterBandRows))
      this.out.push(
        cmd.rasterImage(bytesPerRow(band.width), band.height, withoutRealtimeCommands(band.data)),
      );
  }

  requireGlyphs(why: string): GlyphRasterizer {
    if (!this.glyphs)
      throw new ReceiptEncodeError(
        'rasterizerMissing',
        `profile ${this.profile.name} needs a glyph rasteriser: ${why}`,
      );
    return this.glyphs;
  }

  lines(lines: LayoutLine[]): void {
    let pending: LayoutLine[] = [];
    const flush = () => {
      if (!pending.length) return;
      const glyphs = this.requireGlyphs('text outside the printer font');
      this.raster(
        stack(
          pending.map((l) => renderLine(l, this.profile, glyphs)),
          this.profile.dotsPerLine,
        ),
      );
      pending = [];
    };
    for (const line of lines) {
      if (this.needsRaster(line)) pending.push(line);
      else {
        flush();
        this.textLine(line);
      }
    }
    flush();
  }

  item(item: LayoutItem): void {
    switch (item.kind) {
      case 'lines':
        return this.lines(item.lines);
      case 'qr':
        if (!this.profile.qr) {
          this.requireGlyphs('no QR command');
          return this.raster(
            placeAligned(
              renderQr(item.data, item.moduleSize, item.errorLevel),
              this.profile.dotsPerLine,
              item.align,
            ),
          );
        }
        this.align(item.align);
        return this.out.push(
          cmd.qrSelectModel2(),
          cmd.qrModuleSize(item.moduleSize),
          cmd.qrErrorLevel(item.errorLevel),
          cmd.qrStore(new TextEncoder().encode(item.data)),
          cmd.qrPrint(),
        );
      case 'barcode': {
        if (!/^[\x20-\x7e]{1,253}$/.test(item.data))
          throw new ReceiptEncodeError(
            'barcodeData',
            'CODE128 code set B takes 1–253 printable ASCII characters',
          );
        this.align(item.align);
        return this.out.push(
          cmd.barcodeHeight(item.heightDots),
          cmd.barcodeModuleWidth(item.moduleWidth),
          cmd.barcodeHri(item.hri),
          cmd.barcodeCode128(encodeText(item.data, 'gb18030')),
        );
      }
      case 'image':
        return this.raster(placeAligned(item.bitmap, this.profile.dotsPerLine, item.align));
      case 'feed':
        return this.out.push(cmd.feedLines(item.lines));
      case 'cut':
        this.align('left');
        this.style(PLAIN);
        this.chinese(false);
        if (this.profile.cutter === 'none') return this.out.push(cmd.feedLines(4));
        return this.out.push(cmd.feedAndCut(item.mode ?? this.profile.cutter, this.profile.cutFeedDots));
    }
  }
}

/** ESC @, then every block in order; Chinese mode is entered on the first CJK line and left before a cut. */
export function encodeReceipt(
  doc: ReceiptDocument,
  profile: PrinterProfile,
  opts: EncodeOptions = {},
): Uint8Array {
  const enc = new Encoder(profile, opts.glyphs);
  enc.out.push(cmd.initialize());
  for (const item of layoutDocument(doc, profile.columns)) enc.item(item);
  enc.chinese(false);
  return enc.out.bytes();
}
