import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Database } from './types';

/**
 * The per-user data directory of the platform: `%LOCALAPPDATA%\\Yizhan` on Windows,
 * `~/Library/Application Support/Yizhan` on macOS, `$XDG_DATA_HOME/yizhan` (default
 * `~/.local/share/yizhan`) on Linux, UOS and Kylin.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'Yizhan');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Yizhan');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'yizhan');
}

/** `<user data dir>/backoffice.db`. */
export function defaultSqlitePath(): string {
  return join(userDataDir(), 'backoffice.db');
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
