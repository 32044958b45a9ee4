import type { ResolvedConfig } from '../config';
import type { Database } from '../db/types';
import { ApiError } from '../errors';

/**
 * Guess limits for pickup codes, ID-card pickups and staff passwords, kept in the database so every
 * instance shares them. An attempt is charged *before* the secret is checked (one atomic upsert per
 * scope), so a burst of parallel guesses cannot slip past the limit while the first ones are still
 * being checked: within a window at most `maxFailures` guesses per scope are ever checked.
 */
export interface Charge {
  scopes: readonly string[];
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
  scopes: readonly string[],
  now: number,
  message?: string,
): Promise<Charge> {
  const p = cfg.pickup;
  const sorted = [...new Set(scopes)].sort(); // one lock order for every caller: no deadlocks
  const rows = await db.transaction(async (tx) => {
    const out: { failures: number; locked_until: number }[] = [];
    for (const scope of sorted) {
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
  if (rows.some((r) => r.locked_until > now || r.failures > p.maxFailures)) throw lockedOut(message);
  return { scopes: sorted, counts: rows.map((r) => r.failures) };
}

/**
 * Settles a charged attempt. Success refunds it; a failure that used up a scope's allowance locks
 * that scope for `lockoutMs`. Returns true when this failure caused a lockout.
 */
export async function settleAttempt(
  db: Database,
  cfg: ResolvedConfig,
  charge: Charge,
  now: number,
  success: boolean,
): Promise<boolean> {
  const p = cfg.pickup;
  if (success) {
    const marks = charge.scopes.map(() => '?').join(', ');
    await db.run(`UPDATE attempts SET failures = failures - 1 WHERE scope IN (${marks}) AND failures > 0`, [
      ...charge.scopes,
    ]);
    return false;
  }
  const spent = charge.scopes.filter((_, i) => (charge.counts[i] ?? 0) >= p.maxFailures);
  if (spent.length === 0) return false;
  await db.transaction(async (tx) => {
    for (const scope of spent) {
      await tx.run('UPDATE attempts SET locked_until = ?, failures = 0, window_start = ? WHERE scope = ?', [
        now + p.lockoutMs,
        now,
        scope,
      ]);
    }
  });
  return true;
}
