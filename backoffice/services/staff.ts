import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../context';

const KEYLEN = 32;
const PARAMS = { N: 16384, r: 8, p: 1 } as const;

function scryptAsync(
  password: string,
  salt: Buffer,
  p: { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEYLEN, { ...p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Inserts configured staff users that do not exist yet; never overwrites a changed password. */
export async function seedStaff(ctx: Ctx): Promise<void> {
  for (const u of ctx.cfg.staffUsers) {
    const exists = await ctx.db.query('SELECT 1 AS one FROM staff_users WHERE username = ?', [u.username]);
    if (exists.length > 0) continue;
    await ctx.db.run(
      'INSERT INTO staff_users (username, password_hash, role, display_name, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [u.username, await hashPassword(u.password), u.role, u.displayName, ctx.clock.now()],
    );
  }
}
