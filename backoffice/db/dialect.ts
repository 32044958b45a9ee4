import type { Dialect } from './types';

// Every SQL difference between SQLite and PostgreSQL lives here.

const TYPE_TOKENS: Record<string, Record<Dialect, string>> = {
  '{{blob}}': { sqlite: 'BLOB', postgres: 'BYTEA' },
  '{{autoinc}}': { sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT', postgres: 'BIGSERIAL PRIMARY KEY' },
  '{{bigint}}': { sqlite: 'INTEGER', postgres: 'BIGINT' },
};

/** Replaces the portable type tokens of a migration with the dialect's types. */
export function translateDdl(sql: string, dialect: Dialect): string {
  return sql.replace(/\{\{\w+\}\}/g, (token) => {
    const mapped = TYPE_TOKENS[token];
    if (!mapped) throw new Error(`unknown DDL token ${token}`);
    return mapped[dialect];
  });
}

/** `?` → `$1, $2, …` for pg. Our SQL never contains `?` inside string literals. */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = String(err.code);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
