/**
 * Capability profiles: what one printer model can do, so layout and status decoding never guess
 * from a model name. Vendor deviations ([L]/[M] in protocols.md §2) live here as data.
 */

export type StatusQuery = 1 | 2 | 3 | 4;

/** Where one condition lives in the DLE EOT replies: query n, bit mask, and the value meaning "set". */
export interface StatusBit {
  n: StatusQuery;
  mask: number;
  /** Defaults to `mask` (all masked bits set). */
  value?: number;
}

/**
 * The per-model bit map of DLE EOT n replies (protocols.md §2.6). `receiptNotTaken` is null when
 * the model has no presenter sensor; then the driver reports `receiptTaken: null`.
 */
export interface StatusBits {
  /** Fixed-bit check for a real-time reply: (b & mask) === 0x12. KP628 uses bit 7 for its presenter, so it drops 0x80. */
  replyMask: number;
  offline: StatusBit;
  coverOpen: StatusBit;
  paperEndStop: StatusBit;
  errorOccurred: StatusBit;
  cutterError: StatusBit;
  unrecoverableError: StatusBit;
  autoRecoverableError: StatusBit;
  paperNearEnd: StatusBit;
  paperOut: StatusBit;
  receiptNotTaken: StatusBit | null;
}

export interface PrinterProfile {
  name: string;
  description: string;
  paperMm: 58 | 80;
  /** Printable dots per line at 203 dpi. */
  dotsPerLine: number;
  /** Font A columns (12-dot half-width cells). */
  columns: number;
  /** Font A cell: 12 × 24 dots; a Chinese glyph takes two cells (24 × 24). */
  cellWidthDots: number;
  lineHeightDots: number;
  /** Default line spacing (ESC 2): 30 dots, i.e. 6 dots between 24-dot glyph rows. */
  lineSpacingDots: number;
  chineseFontRom: boolean;
  /** GB18030 (Xprinter-class default) or GBK (older ROMs; 4-byte GB18030 characters fall back to raster). */
  encoding: 'gb18030' | 'gbk';
  qr: boolean;
  cutter: 'full' | 'partial' | 'none';
  /** Dots fed before the cut (GS V 66 n), so the last line clears the cutter blade. */
  cutFeedDots: number;
  /** Rows per GS v 0 band; printers have receive-buffer limits on one raster command. */
  rasterBandRows: number;
  statusBits: StatusBits;
}

export const EPSON_STATUS_BITS: StatusBits = {
  replyMask: 0x93,
  offline: { n: 1, mask: 0x08 },
  coverOpen: { n: 2, mask: 0x04 },
  paperEndStop: { n: 2, mask: 0x20 },
  errorOccurred: { n: 2, mask: 0x40 },
  cutterError: { n: 3, mask: 0x08 },
  unrecoverableError: { n: 3, mask: 0x20 },
  autoRecoverableError: { n: 3, mask: 0x40 },
  paperNearEnd: { n: 4, mask: 0x0c },
  paperOut: { n: 4, mask: 0x60 },
  receiptNotTaken: null,
};

/** Cashino KP628E-style kiosk printer: n=1 bit 7 = previous receipt not taken (presenter sensor) [M]. */
export const KP628_STATUS_BITS: StatusBits = {
  ...EPSON_STATUS_BITS,
  replyMask: 0x13,
  receiptNotTaken: { n: 1, mask: 0x80 },
};

const base80 = {
  paperMm: 80,
  dotsPerLine: 576,
  columns: 48,
  cellWidthDots: 12,
  lineHeightDots: 24,
  lineSpacingDots: 30,
  cutFeedDots: 96,
  rasterBandRows: 256,
} as const;

const base58 = { ...base80, paperMm: 58, dotsPerLine: 384, columns: 32 } as const;

export const PROFILES = {
  kp628: {
    ...base80,
    name: 'kp628',
    description: 'Cashino KP628E kiosk printer, 80 mm, presenter with "receipt taken" sensor',
    chineseFontRom: true,
    encoding: 'gb18030',
    qr: true,
    cutter: 'full',
    statusBits: KP628_STATUS_BITS,
  },
  'generic-80': {
    ...base80,
    name: 'generic-80',
    description: 'Xprinter-class 80 mm ESC/POS printer with Chinese font ROM (GB18030), partial cut',
    chineseFontRom: true,
    encoding: 'gb18030',
    qr: true,
    cutter: 'partial',
    statusBits: EPSON_STATUS_BITS,
  },
  'generic-58': {
    ...base58,
    name: 'generic-58',
    description: '58 mm ESC/POS printer with Chinese font ROM (GBK), no cutter',
    chineseFontRom: true,
    encoding: 'gbk',
    qr: true,
    cutter: 'none',
    statusBits: EPSON_STATUS_BITS,
  },
  'raster-80': {
    ...base80,
    name: 'raster-80',
    description: '80 mm ESC/POS printer without Chinese font ROM or QR command: text and QR go as raster',
    chineseFontRom: false,
    encoding: 'gb18030',
    qr: false,
    cutter: 'partial',
    statusBits: EPSON_STATUS_BITS,
  },
} satisfies Record<string, PrinterProfile>;

export type ProfileName = keyof typeof PROFILES;

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

export function findProfile(name: string): PrinterProfile | undefined {
  return (PROFILES as Record<string, PrinterProfile>)[name];
}
