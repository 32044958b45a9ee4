import { createHash } from 'node:crypto';
import pg from 'pg';
import { toPgPlaceholders } from './dialect';
import type { Database, SqlExecutor, Tx } from './types';

// int8 and numeric come back as strings by default; our values fit in a double.
const types = {
  getTypeParser: (oid: number, format?: string) =>
    oid === 20 || oid === 1700
      ? (v: string) => Number(v)
      : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format),
} as pg.CustomTypesConfig;

/** DML runs as named prepared statements (parsed and planned once per connection). */
function config(sql: string, params: readonly unknown[]): pg.QueryConfig {
  const text = toPgPlaceholders(sql);
  const dml = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text);
  return {
    text,
    values: [...params],
    types,
    ...(dml ? { name: `yz_${createHash('sha1').update(text).digest('hex').slice(0, 16)}` } : {}),
  } as pg.QueryConfig;
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await client.query(config(sql, params));
      return r.rows as T[];
    },
    async run(sql, params = []) {
      const r = await client.query(config(sql, params));
      return { changes: r.rowCount ?? 0 };
    },
  };
}

/** PostgreSQL behind the `Database` interface; safe for several service instances on one database. */
export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its server must not crash the service; the pool replaces it.
  pool.on('error', () => undefined);
  const base = executor(pool);
  return {
    dialect: 'postgres',
    ...base,
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      const client = await pool.connect();
      const ex = executor(client);
      const tx: Tx = {
        dialect: 'postgres',
        ...ex,
        lock: async (name) => {
          await ex.query('SELECT pg_advisory_xact_lock(hashtext(?))', [name]);
        },
      };
      try {
        await client.query('BEGIN');
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
