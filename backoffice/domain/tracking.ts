import { createHmac, timingSafeEqual } from 'node:crypto';
import { cstIsoDate } from './cst';

// Tracking numbers: YZ + CST date + '-' + 6-digit daily sequence + check character,
// e.g. YZ20261123-000123K. The check character is a weighted sum modulo the prime 31 (weights
// powers of 2), written in an alphabet without I/O/S/V/Z: it catches every single-digit typo and
// every adjacent transposition when a citizen types the number at a kiosk.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // 31 symbols, prime modulus
const VALUE = (c: string): number => {
  if (/\d/.test(c)) return Number(c);
  return c.charCodeAt(0) - 55; // A=10 … Z=35, stable for letters and digits of the body
};

export function trackingCheckCharacter(body: string): string {
  let sum = 0;
  for (const c of body.replace(/-/g, '')) sum = ((sum + VALUE(c)) * 2) % 31;
  return ALPHABET[(31 - sum + 1) % 31] ?? '0';
}

/** 20261123 */
export function cstDate(now: number): string {
  return cstIsoDate(now).replace(/-/g, '');
}

export function formatTrackingNumber(now: number, sequence: number): string {
  const body = `YZ${cstDate(now)}-${String(sequence).padStart(6, '0')}`;
  return `${body}${trackingCheckCharacter(body)}`;
}

export function isValidTrackingNumber(tn: string): boolean {
  const m = /^(YZ\d{8}-\d{6,})([0-9A-Y])$/.exec(tn);
  return m !== null && trackingCheckCharacter(m[1] ?? '') === m[2];
}

/**
 * `yizhan://track/<trackingNumber>?v=<mac>`, printed on the receipt. Tracking numbers are sequential
 * and guessable; the MAC (checked by the service, which holds the secret) shows a scanned code
 * came from a real receipt and was read without error.
 */
export function qrPayload(trackingNumber: string, secret: string): string {
  return `yizhan://track/${trackingNumber}?v=${trackingMac(trackingNumber, secret)}`;
}

export function trackingMac(trackingNumber: string, secret: string): string {
  return createHmac('sha256', secret).update(`track:${trackingNumber}`).digest('base64url').slice(0, 16);
}

/** The tracking number of a genuine receipt QR payload, or null (forged, damaged, another system). */
export function readQrPayload(payload: string, secret: string): string | null {
  const m = /^yizhan:\/\/track\/([A-Z0-9-]{12,40})\?v=([A-Za-z0-9_-]{16})$/.exec(payload.trim());
  if (!m?.[1] || !m[2] || !isValidTrackingNumber(m[1])) return null;
  const want = Buffer.from(trackingMac(m[1], secret));
  const got = Buffer.from(m[2]);
  return want.length === got.length && timingSafeEqual(want, got) ? m[1] : null;
}
