import {
  DEFAULT_ENCODING_VALUES,
  HONEYWELL_REPORT_02,
  type HidPosProfile,
  type OutputEncoding,
  type ScanMode,
  type Terminator,
} from './protocol';

/** A serial (USB-CDC / RS-232) scanner of the GM65 / GM8xx kind. */
export interface SerialScannerConfig {
  /** Written to zone 0x0000 at start-up; `sensing` (auto-sense) is the kiosk choice. */
  mode: ScanMode;
  /**
   * Written to zone 0x0060; the factory default differs by source, so it is always written [M]. Scans
   * end at any of CR, LF, CR LF and TAB whatever the module sends (see splitScans).
   */
  terminator: Terminator;
  /** Written to zone 0x000D. Scans are decoded whatever arrives (UTF-8, else GB18030: see decodeScan). */
  encoding: OutputEncoding;
  /** Zone 0x000D field values per encoding; the UTF-8 value needs bench confirmation [L]. */
  encodingValues: Record<OutputEncoding, number>;
  /** Whether the scanner was set (by setup barcode) to prefix each scan with its AIM identifier. */
  aimPrefix: boolean;
  /** Bytes followed by this much silence count as a whole scan even without a terminator. */
  interByteTimeoutMs: number;
  replyTimeoutMs: number;
  /** Save changed zones to flash (09) so a power cycle keeps them; only done when something changed. */
  saveToFlash: boolean;
}

export function defaultSerialScannerConfig(
  overrides: Partial<SerialScannerConfig> = {},
): SerialScannerConfig {
  return {
    mode: 'sensing',
    terminator: 'crlf',
    encoding: 'utf8',
    encodingValues: DEFAULT_ENCODING_VALUES,
    aimPrefix: false,
    interByteTimeoutMs: 80,
    replyTimeoutMs: 500,
    saveToFlash: true,
    ...overrides,
  };
}

/** A USB HID POS scanner (usage page 0x8C). */
export interface HidScannerConfig {
  profile: HidPosProfile;
  /** A half-received long code is dropped after this long without its next report. */
  continuationTimeoutMs: number;
}

export function defaultHidScannerConfig(overrides: Partial<HidScannerConfig> = {}): HidScannerConfig {
  return { profile: HONEYWELL_REPORT_02, continuationTimeoutMs: 500, ...overrides };
}
