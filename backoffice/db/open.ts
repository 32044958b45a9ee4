import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Database } from './types';

/** ~/.local/share/yizhan/backoffice.db (XDG_DATA_HOME respected). */
export function defaultSqlitePath(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'yizhan', 'backoffice.db');
}

/** `sqlite:PATH`, `sqlite::memory:`, a bare path, or `postgres://…` / `postgresql://…`. */
export async function openDatabase(spec: string = `sqlite:${defaultSqlitePath()}`): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(spec)) {
    const { openPostgres } = await import('./postgres');
    return openPostgres(spec);
  }
  const { openSqlite } = await import('./sqlite');
  return openSqlite(spec.replace(/^sqlite:/, ''));
}
