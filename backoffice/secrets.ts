import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ServiceSecrets {
  secret: string;
  enrollmentToken: string;
}

/**
 * Secrets for a single-host installation: read from `file`, or generated once and written with
 * mode 0600. Several instances on PostgreSQL must share them: pass them in the config instead.
 */
export function loadOrCreateSecrets(file: string): ServiceSecrets {
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServiceSecrets>;
    if (typeof parsed.secret === 'string' && typeof parsed.enrollmentToken === 'string') {
      return { secret: parsed.secret, enrollmentToken: parsed.enrollmentToken };
    }
    throw new Error(`${file} lacks "secret" or "enrollmentToken"`);
  }
  const created = {
    secret: randomBytes(32).toString('base64url'),
    enrollmentToken: randomBytes(18).toString('base64url'),
  };
  // The data directory: owner only, as the README promises (the database file is opened after this).
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return created;
}
