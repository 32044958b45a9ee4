/** Codes a citizen enters or scans, recognised by shape (the back office checks them for real). */
import type { CodeKind } from '../../domain/catalogue/vocabulary';

const PATTERNS: Readonly<Record<CodeKind, RegExp>> = {
  /** YZ + CST date + '-' + daily sequence + check character (backoffice/domain/tracking.ts). */
  trackingNumber: /^YZ\d{8}-\d{6,}[0-9A-Y]$/,
  /** The single-use pickup code of a locker result. */
  pickupCode: /^\d{6,8}$/,
  /** The QR printed on a filing receipt: yizhan://track/<trackingNumber>?v=<mac>. */
  receiptQr: /^yizhan:\/\/track\/[A-Z0-9-]{12,40}\?v=[A-Za-z0-9_-]{16}$/,
};

/**
 * What a code is, given what the step asks for: a step asking for a tracking number also takes the
 * receipt's QR, which carries it (and proves it was read from a real receipt).
 */
export function recogniseCode(wanted: CodeKind, raw: string): { kind: CodeKind; value: string } | undefined {
  const value = wanted === 'receiptQr' ? raw.trim() : raw.trim().toUpperCase();
  if (PATTERNS[wanted].test(value)) return { kind: wanted, value };
  if (wanted === 'trackingNumber' && PATTERNS.receiptQr.test(raw.trim()))
    return { kind: 'receiptQr', value: raw.trim() };
  return undefined;
}

/** The tracking number inside a receipt QR, or the code itself when it is one. */
export function trackingNumberOf(code: { kind: CodeKind; value: string }): string | undefined {
  if (code.kind === 'trackingNumber') return code.value;
  if (code.kind === 'receiptQr') return /^yizhan:\/\/track\/([A-Z0-9-]+)\?/.exec(code.value)?.[1];
  return undefined;
}
