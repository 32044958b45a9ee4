import type { ResolvedConfig } from '../config';
import type { Database } from '../db/types';
import { ApiError } from '../errors';

/**
 * Failed-verification counters in the database (shared by all instances): a fixed window per
 * scope; reaching maxFailures locks the scope for lockoutMs.
 */
export async function assertNotLocked(db: Database, scopes: readonly string[], now: number): Promise<void> {
  const marks = scopes.map(() => '?').join(', ');
  const rows = await db.query<{ locked_until: number }>(
    `SELECT locked_until FROM attempts WHERE scope IN (${marks}) AND locked_until > ?`,
    [...scopes, now],
  );
  if (rows.length > 0) {
    throw new ApiError(
      423,
      'lockedOut',
      '尝试次数过多，请稍后再试或联系工作人员 / too many failed attempts, try later',
    );
  }
}

export async function recordFailure(
  db: Database,
  cfg: ResolvedConfig,
  scopes: readonly string[],
  now: number,
): Promise<boolean> {
  const p = cfg.pickup;
  let locked = false;
  await db.transaction(async (tx) => {
    for (const scope of scopes) {
      // Reset the window when it has passed, otherwise count; lock when the count reaches the limit.
      const rows = await tx.query<{ failures: number }>(
        `INSERT INTO attempts (scope, window_start, failures, locked_until) VALUES (?, ?, 1, 0)
         ON CONFLICT (scope) DO UPDATE SET
           failures = CASE WHEN attempts.window_start <= ? THEN 1 ELSE attempts.failures + 1 END,
           window_start = CASE WHEN attempts.window_start <= ? THEN ? ELSE attempts.window_start END
         RETURNING failures`,
        [scope, now, now - p.windowMs, now - p.windowMs, now],
      );
      if ((rows[0]?.failures ?? 0) >= p.maxFailures) {
        await tx.run('UPDATE attempts SET locked_until = ?, failures = 0, window_start = ? WHERE scope = ?', [
          now + p.lockoutMs,
          now,
          scope,
        ]);
        locked = true;
      }
    }
  });
  return locked;
}
