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
