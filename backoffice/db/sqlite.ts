import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database, Tx } from './types';

type Conn = BetterSqlite3.Database;

function open(file: string, readonly: boolean): Conn {
  const conn = new BetterSqlite3(file, { readonly });
  conn.pragma('busy_timeout = 5000');
  if (!readonly) {
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = NORMAL');
    conn.pragma('foreign_keys = ON');
  }
  return conn;
}

// Prepared statements per connection, by SQL text: preparing costs more than running most of ours.
const statements = new WeakMap<Conn, Map<string, BetterSqlite3.Statement>>();

function prepared(conn: Conn, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(conn);
  if (!cache) statements.set(conn, (cache = new Map<string, BetterSqlite3.Statement>()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = conn.prepare(sql);
    if (cache.size < 500) cache.set(sql, stmt);
  }
  return stmt;
}

function exec(conn: Conn, sql: string, params: readonly unknown[]) {
  const stmt = prepared(conn, sql);
  if (stmt.reader) return { rows: stmt.all(...params), changes: 0 };
  return { rows: [] as unknown[], changes: stmt.run(...params).changes };
}

/**
 * SQLite behind the async `Database` interface. One writer connection guarded by an in-process
 * queue (transactions interleave at `await`s), BEGIN IMMEDIATE so other processes on the same
 * file wait on the busy timeout; a separate reader connection sees only committed data (WAL).
 */
export function openSqlite(file: string): Database {
  if (file !== ':memory:') {
    // Filings hold ID numbers: owner-only directory and file (SQLite gives -wal/-shm the same mode).
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const writer = open(file, false);
  // An in-memory database cannot be shared between connections: read through the writer.
  const reader = file === ':memory:' ? writer : open(file, true);
  let tail: Promise<unknown> = Promise.resolve();

  function serialised<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = tail.then(fn);
    tail = result.catch(() => undefined);
    return result;
  }

  const txApi: Tx = {
    dialect: 'sqlite',
    query: <T>(sql: string, params: readonly unknown[] = []) =>
      Promise.resolve(exec(writer, sql, params).rows as T[]),
    run: (sql, params = []) => Promise.resolve({ changes: exec(writer, sql, params).changes }),
    lock: () => Promise.resolve(),
  };

  return {
    dialect: 'sqlite',
    // Plain SELECTs use the reader; anything else (e.g. UPDATE … RETURNING) queues for the writer.
    query: <T>(sql: string, params: readonly unknown[] = []) =>
      reader !== writer && /^\s*SELECT\b/i.test(sql)
        ? Promise.resolve(exec(reader, sql, params).rows as T[])
        : serialised(() => exec(writer, sql, params).rows as T[]),
    run: (sql, params = []) => serialised(() => ({ changes: exec(writer, sql, params).changes })),
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      serialised(async () => {
        writer.exec('BEGIN IMMEDIATE');
        try {
          const value = await fn(txApi);
          writer.exec('COMMIT');
          return value;
        } catch (err) {
          if (writer.inTransaction) writer.exec('ROLLBACK');
          throw err;
        }
      }),
    close: () =>
      serialised(() => {
        if (reader !== writer) reader.close();
        writer.close();
      }),
  };
}
