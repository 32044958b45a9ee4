import type { Verification } from './schema';

/** The QR payload: the verification page with the code, so a phone camera opens the check directly. */
export function verificationPayload(v: Verification): string {
  const url = new URL(v.url);
  url.searchParams.set('code', v.code);
  return url.toString();
}
