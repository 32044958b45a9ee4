// What the scanner family is (devices/core/contract.ts): its roles, the options a site gives it, its
// counters and self-tests. The host builds it from this (main/device-host/families/scanner.ts).
import { z } from 'zod';
import type { DeviceManifest } from '../core';
import { scannerSelfTests } from './diagnostics';
import { HID_POS_PROFILES, type OutputEncoding, type ScanMode, type Terminator } from './protocol';

const MODES: [ScanMode, ...ScanMode[]] = ['sensing', 'manual', 'command', 'continuous'];
const TERMINATORS: [Terminator, ...Terminator[]] = ['crlf', 'cr', 'tab', 'none'];
const ENCODINGS: [OutputEncoding, ...OutputEncoding[]] = ['utf8', 'gbk'];

/** Strict: a misspelt option is an error at start, not a setting silently ignored. */
export const ScannerOptions = z
  .object({
    /** Serial scanners: written to the module at start-up. */
    mode: z.enum(MODES).optional(),
    terminator: z.enum(TERMINATORS).optional(),
    encoding: z.enum(ENCODINGS).optional(),
    /** The module was set (by setup barcode) to prefix each scan with its AIM identifier. */
    aimPrefix: z.boolean().optional(),
    saveToFlash: z.boolean().optional(),
    /** HID POS scanners: the vendor's report layout. */
    hidProfile: z.enum(Object.keys(HID_POS_PROFILES) as [string, ...string[]]).optional(),
  })
  .strict();
export type ScannerOptions = z.infer<typeof ScannerOptions>;

export const SCANNER_COUNTERS = ['scans', 'scansNotUtf8', 'configurations', 'linkLosses'] as const;
export type ScannerCounter = (typeof SCANNER_COUNTERS)[number];

export const scannerManifest = {
  family: 'scanner',
  roles: ['scanner'],
  config: ScannerOptions,
  counters: SCANNER_COUNTERS,
  selfTests: scannerSelfTests.map(({ id, title, kind }) => ({ id, title, kind })),
} as const satisfies DeviceManifest<ScannerOptions>;
