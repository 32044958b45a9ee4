import { describe, expect, it } from 'vitest';
import { receipt, type Bitmap, type ReceiptDocument } from './document';
import { encodeReceipt, ReceiptEncodeError } from './encode';
import { PROFILES } from './profiles';
import type { GlyphRasterizer } from './raster';

const hex = (s: string) =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .map((b) => parseInt(b, 16)),
  );
const concat = (...parts: string[]) => hex(parts.join(' '));
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16)).join(' ');

/** Solid boxes: enough to check raster framing without a font. */
const boxes: GlyphRasterizer = {
  glyph: (_ch, width, height): Bitmap => ({
    width,
    height,
    data: new Uint8Array(Math.ceil(width / 8) * height).fill(0xff),
  }),
};

describe('encodeReceipt golden bytes (hand-checked against protocols.md §2)', () => {
  it('encodes title, key/value row, QR, CODE128 and cut for an 80 mm Chinese printer', () => {
    const url = 'https://x.cn/abc'; // 16 bytes -> pL = 16 + 3 = 0x13
    const doc: ReceiptDocument = {
      blocks: [
        receipt.title('受理回执'),
        receipt.text('No.1'),
        receipt.keyValue('姓名', '张*'),
        receipt.qr(url),
        receipt.code128('A123'),
        receipt.cut(),
      ],
    };
    const expected = concat(
      '1B 40', // ESC @
      '1C 26', // FS & (first line has CJK)
      '1B 61 01', // ESC a 1 centre
      '1B 21 38 1B 45 01 1C 21 0C', // ESC ! bold+dh+dw, ESC E 1, FS ! dw+dh
      'CA DC C0 ED BB D8 D6 B4 0A', // 受理回执 in GB18030, LF
      '1B 61 00', // ESC a 0
      '1B 21 00 1B 45 00 1C 21 00', // back to plain
      `${ascii('No.1')} 0A`,
      // 姓名 (4 cells) + gap + 40 spaces + 张* right-aligned in 43 cells: 48 columns in all
      `D0 D5 C3 FB 20 ${'20 '.repeat(40)} D5 C5 2A 0A`,
      '1B 61 01',
      '1D 28 6B 04 00 31 41 32 00', // model 2
      '1D 28 6B 03 00 31 43 06', // module 6
      '1D 28 6B 03 00 31 45 31', // EC M
      `1D 28 6B 13 00 31 50 30 ${ascii(url)}`, // store, pL pH = len + 3
      '1D 28 6B 03 00 31 51 30', // print
      '1D 68 50 1D 77 02 1D 48 02', // GS h 80, GS w 2, GS H 2
      `1D 6B 49 06 7B 42 ${ascii('A123')}`, // GS k 73 n {B A123
      '1B 61 00 1C 2E', // left, FS .
      '1D 56 42 60', // GS V 66 n: feed 96 dots, partial cut
    );
    expect(encodeReceipt(doc, PROFILES['generic-80'])).toEqual(expected);
  });

  it('uses ESC ! 30 for double width + height and a full cut on the KP628', () => {
    const doc: ReceiptDocument = {
      blocks: [
        { kind: 'text', runs: [{ text: 'AB', doubleWidth: true, doubleHeight: true }] },
        { kind: 'cut' },
      ],
    };
    expect(encodeReceipt(doc, PROFILES.kp628)).toEqual(
      concat('1B 40', '1B 21 30', '41 42 0A', '1B 21 00', '1D 56 41 60'),
    );
  });

  it('feeds instead of cutting on a printer without a cutter', () => {
    expect(encodeReceipt({ blocks: [{ kind: 'cut' }] }, PROFILES['generic-58'])).toEqual(
      concat('1B 40 1B 64 04'),
    );
  });

  it('falls back to GS v 0 raster for Chinese text and QR on a printer without font ROM or QR', () => {
    const doc: ReceiptDocument = { blocks: [receipt.text('中'), receipt.text('ok'), receipt.qr('x', 2)] };
    const bytes = encodeReceipt(doc, PROFILES['raster-80'], { glyphs: boxes });
    const s = Buffer.from(bytes).toString('hex');
    expect(s).not.toContain('1c26');
    expect(s).not.toContain('1d286b');
    // one text line: 576 dots = 0x48 bytes per row, 30 rows (24 glyph + 6 spacing)
    expect(s.startsWith('1b40' + '1d763000' + '4800' + '1e00')).toBe(true);
    // the 24-dot glyph box starts at x = 0: the first row is ff ff ff then blank
    expect(s.slice(20, 28)).toBe('ffffff00');
    expect(s).toContain(Buffer.from('ok\n').toString('hex'));
    // QR version 1 (21 modules) + 2×4 quiet zone, 2 dots each = 58 rows
    expect(s).toContain('1d763000' + '4800' + '3a00');
  });

  it('rasterises characters outside a GBK ROM (GB18030 4-byte) and keeps the rest as text', () => {
    const doc: ReceiptDocument = { blocks: [receipt.text('㐀'), receipt.text('中')] };
    const s = Buffer.from(encodeReceipt(doc, PROFILES['generic-58'], { glyphs: boxes })).toString('hex');
    expect(s).toContain('1d763000');
    expect(s).toContain('1c26d6d00a');
  });

  it('refuses barcodes outside code set B and raster needs without a rasteriser', () => {
    expect(() => encodeReceipt({ blocks: [receipt.code128('中')] }, PROFILES.kp628)).toThrow(
      ReceiptEncodeError,
    );
    expect(() => encodeReceipt({ blocks: [receipt.text('中')] }, PROFILES['raster-80'])).toThrow(
      /rasteriser/,
    );
  });

  it('splits tall rasters into bands', () => {
    const bitmap: Bitmap = { width: 8, height: 600, data: new Uint8Array(600).fill(0x80) };
    const s = Buffer.from(
      encodeReceipt({ blocks: [{ kind: 'image', bitmap, align: 'left' }] }, PROFILES.kp628),
    ).toString('hex');
    expect(s.split('1d763000').length - 1).toBe(3);
    expect(s).toContain('1d763000' + '4800' + '0001');
    expect(s).toContain('1d763000' + '4800' + '5800');
  });

  it('never lets image bytes form a real-time command (DLE EOT / ENQ / DC4): one dot is left white instead', () => {
    // Full width (72 bytes a row): DLE EOT 1 across the row end, DLE ENQ 2 inside row 2.
    const data = new Uint8Array(144);
    data.set([0x10, 0x04], 70);
    data.set([0x01, 0xff], 72);
    data.set([0x10, 0x05, 0x02], 80);
    data.set([0x10, 0x10, 0x04, 0x00], 100); // DLE DLE EOT 0: not a command, left alone
    const bitmap: Bitmap = { width: 576, height: 2, data };
    const bytes = encodeReceipt({ blocks: [{ kind: 'image', bitmap, align: 'left' }] }, PROFILES.kp628);
    const s = Buffer.from(bytes).toString('hex');
    const header = '1d763000' + '4800' + '0200';
    const raster = Buffer.from(s.slice(s.indexOf(header) + header.length).slice(0, 288), 'hex');
    const hex = raster.toString('hex');
    for (const seq of ['100401', '100502']) expect(hex).not.toContain(seq);
    expect(hex).toContain('10100400');
    const dots = (b: Uint8Array) => [...b].reduce((n, x) => n + x.toString(2).replace(/0/g, '').length, 0);
    expect(dots(raster)).toBe(dots(data) - 2);
  });
});
