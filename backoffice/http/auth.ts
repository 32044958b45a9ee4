import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { StaffRole } from '../config';
import { sha256Hex, type Ctx } from '../context';
import { ApiError, forbidden, unauthorized } from '../errors';
import type { AuthMode, Principal } from './route';

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function kiosk(ctx: Ctx, token: string): Promise<Principal | undefined> {
  const rows = await ctx.db.query<{ kiosk_id: string }>(
    'SELECT kiosk_id FROM kiosks WHERE credential_hash = ?',
    [sha256Hex(token)],
  );
  return rows[0] ? { kind: 'kiosk', kioskId: rows[0].kiosk_id } : undefined;
}

async function staff(ctx: Ctx, token: string): Promise<Principal | undefined> {
  const rows = await ctx.db.query<{
    username: string;
    role: StaffRole;
    display_name: string;
    expires_at: number;
  }>('SELECT username, role, display_name, expires_at FROM staff_sessions WHERE token_hash = ?', [
    sha256Hex(token),
  ]);
  const s = rows[0];
  if (!s || s.expires_at <= ctx.clock.now()) return undefined;
  return { kind: 'staff', username: s.username, role: s.role, displayName: s.display_name };
}

/** Credentials are random 256-bit tokens, so a plain SHA-256 lookup is enough (no slow hash per request). */
export function authenticator(ctx: Ctx) {
  return async (mode: AuthMode, req: FastifyRequest, roles: readonly StaffRole[] | undefined) => {
    if (mode === 'none') return undefined;
    if (mode === 'enrollment') {
      const token = req.headers['x-enrollment-token'];
      if (typeof token !== 'string' || !safeEqual(token, ctx.cfg.enrollmentToken)) {
        throw new ApiError(401, 'badEnrollmentToken', '注册令牌无效 / invalid enrollment token');
      }
      return undefined;
    }
    const token = bearer(req);
    if (!token) throw unauthorized();
    let principal: Principal | undefined;
    if (mode === 'kiosk' || mode === 'kioskOrStaff') principal = await kiosk(ctx, token);
    if (!principal && (mode === 'staff' || mode === 'kioskOrStaff')) principal = await staff(ctx, token);
    if (!principal) throw unauthorized();
    if (principal.kind === 'staff' && roles && !roles.includes(principal.role)) throw forbidden();
    return principal;
  };
}

/** The audit log's name for whoever made a request: `kiosk:<id>`, `staff:<username>` or `anonymous`. */
export function actorOf(p: Principal | undefined): string {
  return p?.kind === 'kiosk'
    ? `kiosk:${p.kioskId}`
    : p?.kind === 'staff'
      ? `staff:${p.username}`
      : 'anonymous';
}

/** A kiosk may act only in its own name. */
export function requireKiosk(principal: Principal | undefined, kioskId: string): void {
  if (principal?.kind !== 'kiosk' || principal.kioskId !== kioskId) {
    throw new ApiError(403, 'kioskMismatch', '终端身份不符 / credential belongs to another kiosk');
  }
}
