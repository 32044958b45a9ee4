import type { Ctx } from '../context';
import type { ResolvedConfig } from '../config';
import type { Database } from '../db/types';
import { appendAudit } from '../domain/audit';
import { ApiError } from '../errors';

/**
 * Guess limits for pickup codes, ID-card pickups and staff passwords, kept in the database so every
 * instance shares them. An attempt is charged *before* the secret is checked (one atomic upsert per
 * scope), so a burst of parallel guesses cannot slip past the limit while the first ones are still
 * being checked: within a window at most `maxFailures` guesses per scope are ever checked.
 *
 * Scopes are per source and per target, so that stopping a guesser never hands them a denial of
 * service against someone else (issue #12): codes guessed at a kiosk lock codes at that kiosk, not
 * ID-card pickups; wrong passwords from one address lock that user from that address, not from the
 * desk the clerk works at. Every lockout alerts staff (console, service log, audit chain).
 */
export interface Limit {
  scope: string;
  maxFailures: number;
}

export interface Charge {
  limits: readonly Limit[];
  /** Failures counted in each scope's window, this attempt included. */
  counts: readonly number[];
}

export const lockedOut = (
  message = '尝试次数过多，请稍后再试或联系工作人员 / too many failed attempts, try later',
) => new ApiError(423, 'lockedOut', message);

/** Charges one attempt to every scope, or throws 423 when a scope is locked or already at its limit. */
export async function chargeAttempt(
  db: Database,
  cfg: ResolvedConfig,
  limits: readonly Limit[],
  now: number,
  message?: string,
): Promise<Charge> {
  const p = cfg.pickup;
  // One lock order for every caller: no deadlocks.
  const sorted = [...new Map(limits.map((l) => [l.scope, l])).values()].sort((a, b) =>
    a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0,
  );
  const rows = await db.transaction(async (tx) => {
    const out: { failures: number; locked_until: number }[] = [];
    for (const { scope } of sorted) {
      // Locked: leave the row alone. Window over: start a new one. Otherwise count this attempt.
      const r = await tx.query<{ failures: number; locked_until: number }>(
        `INSERT INTO attempts (scope, window_start, failures, locked_until) VALUES (?, ?, 1, 0)
         ON CONFLICT (scope) DO UPDATE SET
           failures = CASE WHEN attempts.locked_until > ? THEN attempts.failures
                           WHEN attempts.window_start <= ? THEN 1 ELSE attempts.failures + 1 END,
           window_start = CASE WHEN attempts.locked_until > ? THEN attempts.window_start
                               WHEN attempts.window_start <= ? THEN ? ELSE attempts.window_start END
         RETURNING failures, locked_until`,
        [scope, now, now, now - p.windowMs, now, now - p.windowMs, now],
      );
      out.push(r[0] ?? { failures: 1, locked_until: 0 });
    }
    return out;
  });
  if (rows.some((r, i) => Number(r.locked_until) > now || r.failures > sorted[i]!.maxFailures))
    throw lockedOut(message);
  return { limits: sorted, counts: rows.map((r) => r.failures) };
}

/**
 * Settles a charged attempt. Success refunds it; a failure that used up a scope's allowance locks
 * that scope for `lockoutMs`. Returns the scopes this failure locked.
 */
export async function settleAttempt(
  db: Database,
  cfg: ResolvedConfig,
  charge: Charge,
  now: number,
  success: boolean,
): Promise<Limit[]> {
  const p = cfg.pickup;
  if (success) {
    const marks = charge.limits.map(() => '?').join(', ');
    await db.run(`UPDATE attempts SET failures = failures - 1 WHERE scope IN (${marks}) AND failures > 0`, [
      ...charge.limits.map((l) => l.scope),
    ]);
    return [];
  }
  const spent = charge.limits.filter((l, i) => (charge.counts[i] ?? 0) >= l.maxFailures);
  if (spent.length === 0) return [];
  await db.transaction(async (tx) => {
    for (const { scope } of spent) {
      await tx.run('UPDATE attempts SET locked_until = ?, failures = 0, window_start = ? WHERE scope = ?', [
        now + p.lockoutMs,
        now,
        scope,
      ]);
    }
  });
  return spent;
}

/** What a lockout stopped: shown to staff as such. */
export const ALERT_KINDS = [
  'pickupCodes',
  'pickupIdCard',
  'pickupIdCardsAtKiosk',
  'loginFromSource',
  'loginSource',
  'loginAccount',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface LockoutAlert {
  kind: AlertKind;
  kioskId?: string;
  username?: string;
  /** The address the guesses came from (staff logins). */
  source?: string;
}

/**
 * Tells staff that guessing was stopped: a row the console shows while the lockout lasts, a warning
 * line in the service log, an audit entry. Never the guessed secret, never an ID number.
 */
export async function raiseAlert(ctx: Ctx, alert: LockoutAlert, now: number): Promise<void> {
  const until = now + ctx.cfg.pickup.lockoutMs;
  await ctx.db.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO security_alerts (at, kind, kiosk_id, username, source, locked_until) VALUES (?, ?, ?, ?, ?, ?)',
      [now, alert.kind, alert.kioskId ?? null, alert.username ?? null, alert.source ?? null, until],
    );
    await appendAudit(
      tx,
      now,
      'system:guessLimits',
      'security.lockout',
      alert.kioskId ?? alert.username ?? '',
      {
        kind: alert.kind,
        ...(alert.source ? { source: alert.source } : {}),
        until,
      },
    );
  });
  ctx.log.warn({ ...alert, lockedUntil: new Date(until).toISOString() }, 'guess limit reached: locked out');
}
