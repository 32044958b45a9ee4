import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The slice of a better-sqlite3 Database the outbox uses. main/ may not import native modules
 * (layer rule), so the composition root opens the database and injects it.
 */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<T>(fn: () => T): () => T;
  close(): unknown;
}

/** Opens (creating if needed) the SQLite file at `file`; e.g. `(f) => new Database(f)`. */
export type OpenSqlite = (file: string) => SqliteDatabase;

/**
 * Opens `<dataDir>/<name>` for durable kiosk state: the directory owner-only (0700), the file created
 * owner-only (0600; SQLite gives -wal/-shm its mode), WAL + synchronous=FULL so every committed
 * transaction survives a power cut, and secure_delete so purged personal data does not linger
 * (the WAL is folded back at open too).
 */
export function openDurableSqlite(dataDir: string, name: string, open: OpenSqlite): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, name);
  try {
    writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const db = open(file);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (String(mode).toLowerCase() !== 'wal') throw new Error(`${name} refused WAL mode (${String(mode)})`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  // A process killed between purging personal data and folding the WAL back leaves the old pages
  // in the WAL; fold it now, so they are overwritten at start and not at some later write.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return db;
}
