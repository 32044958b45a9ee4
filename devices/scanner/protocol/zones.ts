// GM65 configuration zones used at start-up (protocols.md §5.2). Each setting is a bit field inside
// one zone byte, so the driver reads the zone, changes only its bits and writes it back.

export interface ZoneField {
  address: number;
  /** Lowest bit of the field. */
  shift: number;
  /** Field width in bits. */
  width: number;
}

/** Zone 0x0000 bits 1–0: 00 manual, 01 command-triggered, 10 continuous, 11 sensing (the kiosk choice) [H]. */
export const MODE_FIELD: ZoneField = { address: 0x0000, shift: 0, width: 2 };
export const MODE_VALUES = { manual: 0b00, command: 0b01, continuous: 0b10, sensing: 0b11 } as const;
export type ScanMode = keyof typeof MODE_VALUES;

/** Zone 0x0060 bits 6–5: 00 CR, 01 CRLF, 10 TAB, 11 none. The factory default differs by source [M]. */
export const TERMINATOR_FIELD: ZoneField = { address: 0x0060, shift: 5, width: 2 };
export const TERMINATOR_VALUES = { cr: 0b00, crlf: 0b01, tab: 0b10, none: 0b11 } as const;
export type Terminator = keyof typeof TERMINATOR_VALUES;
export const TERMINATOR_BYTES: Record<Terminator, Uint8Array> = {
  cr: Uint8Array.of(0x0d),
  crlf: Uint8Array.of(0x0d, 0x0a),
  tab: Uint8Array.of(0x09),
  none: new Uint8Array(0),
};

/**
 * Zone 0x000D bits 3–2: output encoding. GBK is the factory default [M]; the value that selects UTF-8
 * is not confirmed by two sources, so it is a setting (default 01) to verify on the bench [L].
 */
export const ENCODING_FIELD: ZoneField = { address: 0x000d, shift: 2, width: 2 };
export type OutputEncoding = 'gbk' | 'utf8';
export const DEFAULT_ENCODING_VALUES: Record<OutputEncoding, number> = { gbk: 0b00, utf8: 0b01 };

const mask = (f: ZoneField) => ((1 << f.width) - 1) << f.shift;

export const readField = (zone: number, f: ZoneField): number => (zone & mask(f)) >> f.shift;

export const writeField = (zone: number, f: ZoneField, value: number): number =>
  ((zone & ~mask(f)) | ((value << f.shift) & mask(f))) & 0xff;
