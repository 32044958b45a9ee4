import { timingSafeEqual } from 'node:crypto';
import { keyedHash, type Ctx } from '../context';
import { ApiError } from '../errors';

/**
 * Print grants: who may print a filing's result at a kiosk (issue #12: a kiosk that knew another
 * kiosk's filing ID could fetch its result, rate it and mark it printed). The rule: a kiosk gets a
 * result, and reports it printed, only when the applicant's identity was presented *at that kiosk*
 * — progress asked by ID number + name (read from the card), or the filing it has just made — which
 * the back office answers with a grant bound to that filing and that kiosk, valid 15 minutes. A
 * filing's ID alone opens nothing. Stateless (an HMAC under the service secret), so every instance
 * checks it.
 */
export const PRINT_GRANT_TTL_MS = 15 * 60_000;
export const PRINT_GRANT = /^[0-9a-z]{1,12}\.[0-9a-f]{32}$/;

const mac = (ctx: Ctx, filingId: string, kioskId: string, expires: number) =>
  keyedHash(ctx.cfg, 'print', `${filingId}\u0000${kioskId}\u0000${expires}`).slice(0, 32);

export function printGrant(ctx: Ctx, filingId: string, kioskId: string, now: number): string {
  const expires = now + PRINT_GRANT_TTL_MS;
  return `${expires.toString(36)}.${mac(ctx, filingId, kioskId, expires)}`;
}

/** The result's URL with a grant for this kiosk. */
export const grantedResultUrl = (ctx: Ctx, filingId: string, kioskId: string, now: number): string =>
  `/api/v1/filings/${filingId}/result?grant=${printGrant(ctx, filingId, kioskId, now)}`;

/** Throws 403 `grantRequired` unless `grant` was issued for this filing to this kiosk and is still valid. */
export function requirePrintGrant(
  ctx: Ctx,
  grant: string | undefined,
  filingId: string,
  kioskId: string,
  now: number,
): void {
  const [exp, given] = (grant ?? '').split('.');
  const expires = parseInt(exp ?? '', 36);
  const ok =
    grant !== undefined &&
    PRINT_GRANT.test(grant) &&
    expires > now &&
    timingSafeEqual(Buffer.from(given ?? ''), Buffer.from(mac(ctx, filingId, kioskId, expires)));
  if (!ok)
    throw new ApiError(
      403,
      'grantRequired',
      '请在本机刷身份证后打印 / present the applicant’s identity at this kiosk first (print grant missing or expired)',
    );
}
