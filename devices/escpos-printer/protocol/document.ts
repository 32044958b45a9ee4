/**
 * The receipt document: what a template builds and what every renderer (ESC/POS text mode, raster
 * fallback, simulator preview) consumes. It says nothing about bytes or printer models.
 */

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  bold?: boolean;
  /** Underline thickness in dots (ESC - n accepts 1 or 2). */
  underline?: 0 | 1 | 2;
  doubleWidth?: boolean;
  doubleHeight?: boolean;
}

/** A piece of text with one style; a text block is a sequence of runs that wraps as one paragraph. */
export interface TextRun extends TextStyle {
  text: string;
}

/** One column of a two- or three-column row. `width` is in character cells; unset widths share the rest. */
export interface ColumnCell extends TextStyle {
  text: string;
  align?: Align;
  width?: number;
}

/** A 1-bit image, rows top to bottom, each row packed MSB first into ceil(width / 8) bytes; 1 = black. */
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

export type ReceiptBlock =
  | { kind: 'text'; runs: TextRun[]; align?: Align }
  | { kind: 'rule'; style?: 'single' | 'double' }
  | { kind: 'columns'; cells: [ColumnCell, ColumnCell] | [ColumnCell, ColumnCell, ColumnCell] }
  | { kind: 'qr'; data: string; moduleSize?: number; errorLevel?: QrErrorLevel; align?: Align }
  | {
      kind: 'barcode';
      symbology: 'code128';
      /** Printable ASCII (0x20–0x7E); encoded in code set B. */
      data: string;
      heightDots?: number;
      moduleWidth?: number;
      hri?: 'none' | 'above' | 'below' | 'both';
      align?: Align;
    }
  | { kind: 'image'; bitmap: Bitmap; align?: Align }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; mode?: 'full' | 'partial' };

export interface ReceiptDocument {
  blocks: ReceiptBlock[];
}

/** Shorthands that keep templates readable. */
export const receipt = {
  text: (text: string, style: TextStyle & { align?: Align } = {}): ReceiptBlock => {
    const { align, ...runStyle } = style;
    return { kind: 'text', runs: [{ text, ...runStyle }], ...(align ? { align } : {}) };
  },
  title: (text: string): ReceiptBlock => ({
    kind: 'text',
    align: 'center',
    runs: [{ text, bold: true, doubleWidth: true, doubleHeight: true }],
  }),
  rule: (style: 'single' | 'double' = 'single'): ReceiptBlock => ({ kind: 'rule', style }),
  keyValue: (key: string, value: string): ReceiptBlock => ({
    kind: 'columns',
    cells: [{ text: key }, { text: value, align: 'right' }],
  }),
  qr: (data: string, moduleSize = 6): ReceiptBlock => ({ kind: 'qr', data, moduleSize, align: 'center' }),
  code128: (data: string): ReceiptBlock => ({
    kind: 'barcode',
    symbology: 'code128',
    data,
    hri: 'below',
    align: 'center',
  }),
  feed: (lines = 1): ReceiptBlock => ({ kind: 'feed', lines }),
  cut: (): ReceiptBlock => ({ kind: 'cut' }),
};
